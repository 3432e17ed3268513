package glomers.harness.workload;

import glomers.harness.workload.broadcast.BroadcastWorkload;
import glomers.harness.workload.echo.EchoWorkload;
import glomers.harness.workload.gcounter.CounterWorkload;
import glomers.harness.workload.gset.GSetWorkload;
import glomers.harness.workload.txn.TxnListAppendWorkload;
import glomers.harness.workload.txn.TxnRwRegisterWorkload;
import glomers.harness.workload.kafka.KafkaWorkload;
import glomers.harness.workload.uniqueids.UniqueIdsWorkload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The {@code -w} names Maelstrom accepts, and the workloads this bench implements for them. */
public final class Workloads {
  private Workloads() {}

  private static final Map<String, Supplier<Workload>> IMPLEMENTED = new LinkedHashMap<>();

  static {
    IMPLEMENTED.put("broadcast", BroadcastWorkload::new);
    IMPLEMENTED.put("echo", EchoWorkload::new);
    IMPLEMENTED.put("g-counter", CounterWorkload::gCounter);
    IMPLEMENTED.put("g-set", GSetWorkload::new);
    IMPLEMENTED.put("kafka", KafkaWorkload::new);
    IMPLEMENTED.put("pn-counter", CounterWorkload::pnCounter);
    IMPLEMENTED.put("txn-list-append", TxnListAppendWorkload::new);
    IMPLEMENTED.put("txn-rw-register", TxnRwRegisterWorkload::new);
    IMPLEMENTED.put("unique-ids", UniqueIdsWorkload::new);
  }

  /** Every name Maelstrom's CLI accepts, implemented or not, so validation matches Maelstrom's. */
  private static final Set<String> NAMES =
      Collections.unmodifiableSet(
          new TreeSet<>(
              Set.of(
                  "broadcast",
                  "echo",
                  "g-counter",
                  "g-set",
                  "kafka",
                  "lin-kv",
                  "pn-counter",
                  "txn-list-append",
                  "txn-rw-register",
                  "unique-ids")));

  /** The request types each workload's clients send (every node gets {@code init} first), as docs/workloads.md lists them. */
  private static final Map<String, List<String>> REQUESTS =
      Map.of(
          "broadcast", List.of("topology", "broadcast", "read"),
          "echo", List.of("echo"),
          "g-counter", List.of("add", "read"),
          "g-set", List.of("add", "read"),
          "kafka", List.of("send", "poll", "commit_offsets", "list_committed_offsets"),
          "lin-kv", List.of("read", "write", "cas"),
          "pn-counter", List.of("add", "read"),
          "txn-list-append", List.of("txn"),
          "txn-rw-register", List.of("txn"),
          "unique-ids", List.of("generate"));

  /** The request types of workload {@code name}'s clients. */
  public static List<String> requestTypes(String name) {
    return REQUESTS.getOrDefault(name, List.of());
  }

  /** One help line per workload: {@code kafka: send, poll, commit_offsets, list_committed_offsets}. */
  public static List<String> helpLines() {
    List<String> lines = new ArrayList<>();
    for (String name : NAMES) {
      lines.add("  " + name + ": " + String.join(", ", requestTypes(name)) + (isImplemented(name) ? "" : " (not implemented in this bench)"));
    }
    return lines;
  }

  /** All ten Maelstrom workload names, sorted. */
  public static Set<String> names() {
    return NAMES;
  }

  public static boolean isImplemented(String name) {
    return IMPLEMENTED.containsKey(name);
  }

  /**
   * A fresh workload for {@code name}.
   *
   * @throws IllegalArgumentException if Maelstrom does not know the name (a usage error)
   * @throws UnsupportedOperationException if Maelstrom knows it but this bench does not implement it
   */
  public static Workload byName(String name) {
    Supplier<Workload> workload = IMPLEMENTED.get(name);
    if (workload != null) {
      return workload.get();
    }
    if (NAMES.contains(name)) {
      throw new UnsupportedOperationException("Workload " + name + " is not implemented yet in this bench");
    }
    throw new IllegalArgumentException(
        "Unknown workload " + name + "; valid workloads are: " + String.join(", ", NAMES));
  }
}
