package glomers.harness.run;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The run's history, appended by workers and the nemesis; times are ns since the main phase began. */
public final class HistoryRecorder {
  private final List<Op> ops = new ArrayList<>();
  private volatile long origin = System.nanoTime();
  final LongAdder ok = new LongAdder();
  final LongAdder fail = new LongAdder();
  final LongAdder info = new LongAdder();

  void startClock() {
    origin = System.nanoTime();
  }

  public Op record(OpType type, int process, String f, Object value, Object error, boolean finalPhase) {
    long time = System.nanoTime() - origin;
    if (process != Op.NEMESIS) {
      switch (type) {
        case OK -> ok.increment();
        case FAIL -> fail.increment();
        case INFO -> info.increment();
        case INVOKE -> {}
      }
    }
    synchronized (ops) {
      Op op = new Op(ops.size(), time, type, process, f, value, error, finalPhase);
      ops.add(op);
      return op;
    }
  }

  public List<Op> snapshot() {
    synchronized (ops) {
      return List.copyOf(ops);
    }
  }
}
