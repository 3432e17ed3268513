package glomers.harness.sim;

import java.util.ArrayList;
import java.util.List;

/** A condition that coroutines wait on: each {@link #signalAll()} wakes every waiter, in the order they came. */
public final class Signal {
  private final Scheduler scheduler;
  private List<Coroutine> waiters = new ArrayList<>();

  public Signal(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Suspends the calling coroutine until the next signal. */
  public void await() {
    Coroutine self = Coroutine.current();
    waiters.add(self);
    self.suspend();
  }

  /** Suspends the calling coroutine until the next signal or virtual time {@code deadline}, whichever comes first. */
  public void awaitUntil(long deadline) {
    Coroutine self = Coroutine.current();
    waiters.add(self);
    Scheduler.Event timeout =
        scheduler.at(
            deadline,
            () -> {
              if (waiters.remove(self)) {
                self.resume();
              }
            });
    self.suspend();
    timeout.cancel();
  }

  public void signalAll() {
    List<Coroutine> woken = waiters;
    waiters = new ArrayList<>();
    for (Coroutine waiter : woken) {
      scheduler.at(scheduler.now(), waiter::resume);
    }
  }
}
