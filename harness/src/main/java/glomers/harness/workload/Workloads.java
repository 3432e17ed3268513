package glomers.harness.workload;

import glomers.harness.workload.broadcast.BroadcastWorkload;
import glomers.harness.workload.echo.EchoWorkload;
import glomers.harness.workload.gcounter.CounterWorkload;
import glomers.harness.workload.gset.GSetWorkload;
import glomers.harness.workload.txn.TxnListAppendWorkload;
import glomers.harness.workload.txn.TxnRwRegisterWorkload;
import glomers.harness.workload.kafka.KafkaWorkload;
import glomers.harness.workload.linkv.LinKvWorkload;
import glomers.harness.workload.uniqueids.UniqueIdsWorkload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Maelstrom's ten {@code -w} names, each with the workload this bench runs for it. */
public final class Workloads {
  private Workloads() {}

  // Sorted by name, as Maelstrom lists them.
  private static final Map<String, Supplier<Workload>> WORKLOADS = new LinkedHashMap<>();

  static {
    WORKLOADS.put("broadcast", BroadcastWorkload::new);
    WORKLOADS.put("echo", EchoWorkload::new);
    WORKLOADS.put("g-counter", CounterWorkload::gCounter);
    WORKLOADS.put("g-set", GSetWorkload::new);
    WORKLOADS.put("kafka", KafkaWorkload::new);
    WORKLOADS.put("lin-kv", LinKvWorkload::new);
    WORKLOADS.put("pn-counter", CounterWorkload::pnCounter);
    WORKLOADS.put("txn-list-append", TxnListAppendWorkload::new);
    WORKLOADS.put("txn-rw-register", TxnRwRegisterWorkload::new);
    WORKLOADS.put("unique-ids", UniqueIdsWorkload::new);
  }

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
    for (String name : names()) {
      lines.add("  " + name + ": " + String.join(", ", requestTypes(name)));
    }
    return lines;
  }

  /** All ten Maelstrom workload names, sorted. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(WORKLOADS.keySet());
  }

  /**
   * A fresh workload for {@code name}.
   *
   * @throws IllegalArgumentException if Maelstrom does not know the name (a usage error)
   */
  public static Workload byName(String name) {
    Supplier<Workload> workload = WORKLOADS.get(name);
    if (workload != null) {
      return workload.get();
    }
    throw new IllegalArgumentException(
        "Unknown workload " + name + "; valid workloads are: " + String.join(", ", names()));
  }
}
