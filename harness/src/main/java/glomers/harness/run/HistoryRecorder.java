package glomers.harness.run;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.history.ProcessClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The run's history, appended by workers and the nemesis; times are ns since the start of the test,
 * the net journal's origin (docs/bench.md#the-store), so an op and its messages line up. Also
 * remembers which client connection and node served each process.
 */
public final class HistoryRecorder {
  private final List<Op> ops = new ArrayList<>();
  private final LongSupplier clock;
  private volatile long origin;
  private final Map<Integer, ProcessClient> clients = new ConcurrentHashMap<>();
  final LongAdder ok = new LongAdder();
  final LongAdder fail = new LongAdder();
  final LongAdder info = new LongAdder();

  public HistoryRecorder() {
    this(System::nanoTime);
  }

  /** A history timed on {@code clock}: {@link System#nanoTime()}, or a simulation's virtual time. */
  public HistoryRecorder(LongSupplier clock) {
    this.clock = clock;
    this.origin = clock.getAsLong();
  }

  /** Times count from {@code originNanos}, a time on the clock: the test's start. */
  void startClock(long originNanos) {
    origin = originNanos;
  }

  /** Notes that {@code process} talks over {@code connection} to {@code node}. */
  void client(int process, String connection, String node) {
    clients.putIfAbsent(process, new ProcessClient(connection, node));
  }

  /** The connection and node of each process seen so far. */
  public Map<Integer, ProcessClient> clients() {
    return Map.copyOf(clients);
  }

  public Op record(OpType type, int process, String f, Object value, Object error, boolean finalPhase) {
    if (process != Op.NEMESIS) {
      switch (type) {
        case OK -> ok.increment();
        case FAIL -> fail.increment();
        case INFO -> info.increment();
        case INVOKE -> {}
      }
    }
    synchronized (ops) {
      // Timed under the lock, so times rise with indexes and a streamed prefix holds every op up to its time.
      long time = clock.getAsLong() - origin;
      Op op = new Op(ops.size(), time, type, process, f, value, error, finalPhase);
      ops.add(op);
      return op;
    }
  }

  /** Ops recorded from some index on, and the time (ns since the start) up to which they are every op recorded. */
  record Tail(List<Op> ops, long upTo) {}

  /** The ops recorded from index {@code from} on, for streaming them to disk. */
  Tail from(int from) {
    synchronized (ops) {
      return new Tail(List.copyOf(ops.subList(from, ops.size())), clock.getAsLong() - origin);
    }
  }

  /** Now, in ns since the start of the test. */
  long now() {
    return clock.getAsLong() - origin;
  }

  public List<Op> snapshot() {
    synchronized (ops) {
      return List.copyOf(ops);
    }
  }
}
