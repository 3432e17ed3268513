package glomers.harness.report;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When each node process was started and answered {@code init}, so that a node missing the init
 * deadline is reported with what the machine was doing: its load average, and how the other
 * nodes fared. On a busy machine 25 node JVMs can take longer than 10 s to start, and that is the
 * machine, not the node; the simulation (--sim) has no such deadline to miss.
 */
public final class InitDeadline {
  private final List<String> nodes;
  private final LongSupplier clock;
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final Map<String, Long> answered = new ConcurrentHashMap<>();

  public InitDeadline(List<String> nodes) {
    this(nodes, System::nanoTime);
  }

  InitDeadline(List<String> nodes, LongSupplier clock) {
    this.nodes = List.copyOf(nodes);
    this.clock = clock;
  }

  public void started(String node) {
    started.put(node, clock.getAsLong());
  }

  public void answered(String node) {
    answered.put(node, clock.getAsLong());
  }

  /** The lines that follow "node X did not respond to init within N ms", at the moment it is raised. */
  public String missed(String node, Duration deadline) {
    return missed(node, deadline, loadAverage(), Runtime.getRuntime().availableProcessors());
  }

  String missed(String node, Duration deadline, double load, int cores) {
    long now = clock.getAsLong();
    long first = started.values().stream().mapToLong(Long::longValue).min().orElse(now);
    StringBuilder text = new StringBuilder();
    boolean busy = load >= cores;
    text.append("\n  ");
    if (load < 0) {
      text.append("The machine's load average is unknown here.");
    } else {
      text.append(String.format("Load average %.1f on %d cores: the machine was %s.", load, cores, busy ? "busy" : "not busy"));
    }
    // The others: how spread out their starts were, and when they answered.
    long[] starts = nodes.stream().filter(started::containsKey).mapToLong(n -> started.get(n) - first).sorted().toArray();
    if (starts.length > 0) {
      text.append(String.format(" The %d node processes were started within %s s of each other;", starts.length,
          seconds(starts[starts.length - 1])));
    }
    List<String> silent = new ArrayList<>();
    long[] answers = nodes.stream().filter(answered::containsKey).mapToLong(n -> answered.get(n) - started.getOrDefault(n, first))
        .sorted().toArray();
    for (String n : nodes) {
      if (!answered.containsKey(n)) {
        silent.add(n);
      }
    }
    if (answers.length == 0) {
      text.append(" none had answered init yet.");
    } else {
      text.append(String.format(" %d of %d answered init, %s to %s s after their start (median %s s);", answers.length,
          nodes.size(), seconds(answers[0]), seconds(answers[answers.length - 1]), seconds(answers[answers.length / 2])));
      text.append(" not yet: ").append(abbreviate(silent)).append('.');
    }
    if (busy) {
      text.append("\n  Node JVMs starting this slowly is the machine, not the node: run again on a quieter machine,"
          + " with fewer nodes, or in simulation with --sim (the solution's classes inside the bench, on virtual time,"
          + " where starting takes no time).");
    } else if (answers.length > 0 && silent.size() == 1) {
      text.append("\n  The other nodes answered and the machine was not busy: ").append(node)
          .append(" itself may be stuck before replying to init; its stderr follows.");
    } else {
      text.append("\n  On a machine that was not busy: the solution may start slowly or be stuck before replying to init;"
          + " its stderr follows. --sim runs it inside the bench on virtual time, with no deadline to miss.");
    }
    return text.toString();
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= 8) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
