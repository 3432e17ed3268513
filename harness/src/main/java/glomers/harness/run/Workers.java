package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.options.TestOptions;
import glomers.harness.net.ClientConnection;
import glomers.harness.net.Network;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The client workers of a process run: each op on a virtual thread of its own, idle workers in a pool. */
final class Workers {
  private final TestOptions options;
  private final Workload workload;
  private final Network network;
  private final HistoryRecorder history;
  private final List<Worker> all = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Worker> idle = new ArrayList<>();

  Workers(TestOptions options, Workload workload, Network network, HistoryRecorder history) {
    this.options = options;
    this.workload = workload;
    this.network = network;
    this.history = history;
    for (int i = 0; i < options.concurrency(); i++) {
      Worker worker = new Worker(i, options, workload, history, node -> ClientConnection.open(network, node));
      all.add(worker);
      idle.add(worker);
    }
  }

  List<Worker> all() {
    return all;
  }

  int busy() {
    lock.lock();
    try {
      return all.size() - idle.size();
    } finally {
      lock.unlock();
    }
  }

  /** The idle worker {@code schedule} chooses, waiting for one until {@code endNanos}; null if none became free. */
  Worker acquire(OpSchedule schedule, long endNanos, Abort abort) throws InterruptedException, Abort.AbortedException {
    lock.lock();
    try {
      while (idle.isEmpty()) {
        abort.check();
        if (abort.isStopped()) {
          return null;
        }
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return schedule.takeIdle(idle);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one op on {@code worker} in the background, tells the generator how it ended, and returns
   * the worker to the idle pool.
   */
  void dispatch(Worker worker, Invocation invocation, Generator generator) {
    Thread.ofVirtual()
        .name("worker-" + worker.index)
        .start(
            () -> {
              try {
                generator.completed(worker.index, invocation, worker.perform(invocation));
              } finally {
                lock.lock();
                try {
                  idle.add(worker);
                  changed.signalAll();
                } finally {
                  lock.unlock();
                }
              }
            });
  }

  /** Waits for every in-flight op to complete. */
  void awaitIdle(Abort abort) throws InterruptedException, Abort.AbortedException {
    lock.lock();
    try {
      while (idle.size() < all.size()) {
        abort.check();
        changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    } finally {
      lock.unlock();
    }
  }

  void closeAll() {
    all.forEach(worker -> worker.connection.close());
  }
}
