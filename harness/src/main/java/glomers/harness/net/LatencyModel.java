package glomers.harness.net;

import java.util.Random;

/** Draws the one-way delay of a server-to-server message (docs/bench.md#latency). */
public sealed interface LatencyModel {
  long drawMillis(Random random);

  /**
   * @throws IllegalArgumentException for uniform/exponential with mean 0, where the reference
   *     bench spins forever or divides by zero
   */
  static LatencyModel of(String dist, long meanMillis) {
    if (meanMillis < 0) {
      throw new IllegalArgumentException("--latency must be >= 0, got " + meanMillis);
    }
    return switch (dist) {
      case "constant" -> new Constant(meanMillis);
      case "uniform" -> {
        requirePositive(dist, meanMillis);
        yield new Uniform(meanMillis);
      }
      case "exponential" -> {
        requirePositive(dist, meanMillis);
        yield new Exponential(meanMillis);
      }
      default ->
          throw new IllegalArgumentException(
              "--latency-dist must be constant, uniform or exponential, got " + dist);
    };
  }

  private static void requirePositive(String dist, long meanMillis) {
    if (meanMillis == 0) {
      throw new IllegalArgumentException(
          "--latency-dist "
              + dist
              + " needs --latency > 0 (Maelstrom hangs or crashes with a mean of 0); use constant");
    }
  }

  record Constant(long meanMillis) implements LatencyModel {
    public long drawMillis(Random random) {
      return meanMillis;
    }
  }

  /** Integer uniform on [0, 2*mean). */
  record Uniform(long meanMillis) implements LatencyModel {
    public long drawMillis(Random random) {
      return random.nextLong(2 * meanMillis);
    }
  }

  /** floor(-ln(U) * mean) with U uniform on (0, 1]. */
  record Exponential(long meanMillis) implements LatencyModel {
    public long drawMillis(Random random) {
      double u = 1.0 - random.nextDouble();
      return (long) Math.floor(-Math.log(u) * meanMillis);
    }
  }
}
