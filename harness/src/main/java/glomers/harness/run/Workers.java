package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.options.TestOptions;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** The client workers of a run: each op on a task of its own, the idle workers in a pool. */
final class Workers {
  private final Stage stage;
  private final Abort abort;
  private final Stage.Gate changed;
  private final List<Worker> all = new ArrayList<>();
  // Guarded by this: worker tasks hand their worker back while the lifecycle takes the next one.
  private final List<Worker> idle = new ArrayList<>();

  Workers(TestOptions options, Workload workload, HistoryRecorder history, Stage stage, Abort abort) {
    this.stage = stage;
    this.abort = abort;
    this.changed = stage.gate();
    for (int i = 0; i < options.concurrency(); i++) {
      all.add(new Worker(i, options, workload, history, stage::connect));
    }
    idle.addAll(all);
  }

  List<Worker> all() {
    return all;
  }

  /**
   * The idle worker {@code schedule} chooses, waiting for one until {@code end}; null if none came
   * free by then, or the run was stopped while it waited.
   */
  Worker acquire(OpSchedule schedule, long end) throws Abort.AbortedException, InterruptedException {
    changed.awaitUntil(() -> abort.isStopped() || idleCount() > 0, end);
    synchronized (this) {
      return idle.isEmpty() ? null : schedule.takeIdle(idle);
    }
  }

  /** Runs one op on {@code worker} as a task, tells the generator how it ended, and puts the worker back. */
  void dispatch(Worker worker, Invocation invocation, Generator generator) {
    stage.spawn(
        "worker-" + worker.index,
        () -> {
          try {
            generator.completed(worker.index, invocation, worker.perform(invocation));
          } finally {
            changed.change(() -> {
              synchronized (this) {
                idle.add(worker);
              }
            });
          }
        });
  }

  /** Waits until every op in flight has ended. */
  void awaitIdle() throws Abort.AbortedException, InterruptedException {
    changed.awaitUntil(() -> idleCount() == all.size(), Long.MAX_VALUE);
  }

  void closeAll() {
    all.forEach(worker -> worker.connection.close());
  }

  private synchronized int idleCount() {
    return idle.size();
  }
}
