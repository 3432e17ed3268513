package glomers.harness.workload;

import glomers.harness.workload.broadcast.BroadcastWorkload;
import glomers.harness.workload.echo.EchoWorkload;
import glomers.harness.workload.gcounter.CounterWorkload;
import glomers.harness.workload.gset.GSetWorkload;
import glomers.harness.workload.txn.TxnRwRegisterWorkload;
import glomers.harness.workload.kafka.KafkaWorkload;
import glomers.harness.workload.uniqueids.UniqueIdsWorkload;
import java.util.Collections;
import java.util.LinkedHashMap;
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
