package glomers.harness.run;

import java.util.Random;

/**
 * A run's random streams, drawn from its seed in one fixed order, so that a seed means the same
 * choices in a process run and in a simulation, and a new stream added at the end changes none of
 * the earlier ones.
 */
record Randoms(Random network, Random services, Random scheduler, Random generator, Random nemesis, Random finalPhase,
    Random nodeFaults) {
  static Randoms of(long seed) {
    Random random = new Random(seed);
    Random network = new Random(random.nextLong());
    Random services = new Random(random.nextLong());
    Random scheduler = new Random(random.nextLong());
    Random generator = new Random(random.nextLong());
    Random nemesis = new Random(random.nextLong());
    // Drawn after the others so adding it left every earlier workload's choices unchanged.
    Random finalPhase = new Random(random.nextLong());
    // Kill and pause, drawn last for the same reason: partitions stay as they were for a seed.
    Random nodeFaults = new Random(random.nextLong());
    return new Randoms(network, services, scheduler, generator, nemesis, finalPhase, nodeFaults);
  }
}
