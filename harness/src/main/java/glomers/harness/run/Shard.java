package glomers.harness.run;

/**
 * {@code --shard I/K}: the part of a seed search one machine runs. Seed {@code S + j} of a search
 * from {@code S} belongs to shard {@code j mod K}, so the K shards cover the range without gaps or
 * overlap whatever N is, each shard's seeds spread over the whole range (a run of unlucky seeds is
 * shared out), and shard I needs nothing from the others to know its seeds.
 *
 * @param index I, from 0 to K-1 (as a Kubernetes {@code JOB_COMPLETION_INDEX} counts)
 * @param count K, the number of shards
 */
public record Shard(int index, int count) {
  /** The whole search in one shard. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: need 0 <= I < K");
    }
  }

  /** Parses {@code I/K}; the message of the exception says what is wrong. */
  public static Shard parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("expected I/K, e.g. 0/4 for the first of 4 shards");
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(t.substring(0, slash).trim());
      count = Integer.parseInt(t.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected I/K with whole numbers, e.g. 0/4 for the first of 4 shards");
    }
    if (count < 1) {
      throw new IllegalArgumentException("K must be at least 1");
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("I must be from 0 to K-1 = " + (count - 1) + " (shards count from 0)");
    }
    return new Shard(index, count);
  }

  /** How many of the indices {@code 0 … runs-1} are this shard's. */
  public int size(int runs) {
    return runs <= index ? 0 : (runs - 1 - index) / count + 1;
  }

  /** The index in the search (seed minus first seed) of this shard's {@code position}-th seed, from 0. */
  public long indexAt(int position) {
    return index + (long) position * count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
