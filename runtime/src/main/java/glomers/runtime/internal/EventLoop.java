package glomers.runtime.internal;

import glomers.runtime.testing.VirtualClock;


import glomers.runtime.Node;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one node's work one task at a time: submitted tasks in order, then timers as they fall due
 * on the node's {@link Clock}. Because nothing else touches node state, solution code needs no
 * locks.
 *
 * <p>Two ways to drive it: {@link #run()} on a dedicated thread that sleeps until the next task or
 * deadline (real processes), or {@link #runReady()} / {@link #advance(Duration)} from the caller's
 * thread with a {@link VirtualClock} (tests, many nodes in one process).
 */
final class EventLoop {
  private final Clock clock;
  private final Consumer<Throwable> onTaskFailure;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timersScheduled;
  private boolean stopping;
  private volatile Thread runningThread;

  /** A loop whose escaped task failures are printed to stderr. */
  public EventLoop(Clock clock) {
    this(clock, new PrintFailure());
  }

  /** {@code onTaskFailure} hears about any task that throws; the loop then carries on. */
  public EventLoop(Clock clock, Consumer<Throwable> onTaskFailure) {
    this.clock = clock;
    this.onTaskFailure = onTaskFailure;
  }

  public Clock clock() {
    return clock;
  }

  /** Queues a task; callable from any thread. */
  public synchronized void execute(Runnable task) {
    tasks.add(task);
    notifyAll();
  }

  /** Runs {@code task} once after {@code delay}; callable from any thread. */
  public Node.Cancellable schedule(Duration delay, Runnable task) {
    return schedule(delay.toNanos(), 0, task);
  }

  /** Runs {@code task} every {@code period}, the first time one period from now. */
  public Node.Cancellable scheduleEvery(Duration period, Runnable task) {
    long nanos = period.toNanos();
    if (nanos <= 0) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    return schedule(nanos, nanos, task);
  }

  private synchronized Timer schedule(long delayNanos, long periodNanos, Runnable task) {
    Timer timer = new Timer(clock.nanos() + Math.max(0, delayNanos), timersScheduled++, periodNanos, task);
    timers.add(timer);
    notifyAll();
    return timer;
  }

  /** True on the thread that is currently running this loop's tasks. */
  public boolean inLoop() {
    return runningThread == Thread.currentThread();
  }

  /**
   * Runs every task that is queued or falls due now (including ones those tasks queue), then
   * returns how many ran. Virtual time does not move meanwhile.
   */
  public int runReady() {
    Thread previous = runningThread;
    runningThread = Thread.currentThread();
    try {
      int ran = 0;
      for (Runnable next = nextReady(); next != null; next = nextReady()) {
        runGuarded(next);
        ran++;
      }
      return ran;
    } finally {
      runningThread = previous;
    }
  }

  /**
   * Moves a {@link VirtualClock} forward, stopping at each timer's deadline on the way so that
   * timers fire at their own time and see the right clock, and runs everything that falls due.
   */
  public void advance(Duration by) {
    if (!(clock instanceof VirtualClock virtual)) {
      throw new IllegalStateException("advance needs a VirtualClock, this loop runs on " + clock);
    }
    long target = virtual.nanos() + by.toNanos();
    runReady();
    for (long deadline = nextDeadline(); deadline <= target; deadline = nextDeadline()) {
      virtual.set(Math.max(deadline, virtual.nanos()));
      runReady();
    }
    virtual.set(target);
    runReady();
  }

  /** The earliest pending timer's deadline in clock nanos, or {@link Long#MAX_VALUE} if none. */
  public synchronized long nextDeadline() {
    Timer first = firstLiveTimer();
    return first == null ? Long.MAX_VALUE : first.deadline;
  }

  /**
   * Runs tasks on the calling thread until {@link #stop()}, sleeping until the next task or
   * timer. Tasks queued before the stop still run.
   */
  public void run() {
    runningThread = Thread.currentThread();
    try {
      while (true) {
        runReady();
        synchronized (this) {
          if (!tasks.isEmpty()) {
            continue;
          }
          if (stopping) {
            return;
          }
          Timer first = firstLiveTimer();
          if (first == null) {
            wait();
          } else {
            long waitNanos = first.deadline - clock.nanos();
            if (waitNanos > 0) {
              TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      runningThread = null;
    }
  }

  /** Makes {@link #run()} return once the tasks queued so far have run; timers are abandoned. */
  public synchronized void stop() {
    stopping = true;
    notifyAll();
  }

  private synchronized Runnable nextReady() {
    Runnable task = tasks.poll();
    if (task != null) {
      return task;
    }
    Timer first = firstLiveTimer();
    if (first != null && first.deadline <= clock.nanos()) {
      return timers.poll();
    }
    return null;
  }

  private Timer firstLiveTimer() {
    Timer first = timers.peek();
    while (first != null && first.cancelled) {
      timers.poll();
      first = timers.peek();
    }
    return first;
  }

  private void runGuarded(Runnable task) {
    try {
      task.run();
    } catch (VirtualMachineError e) {
      if (!(e instanceof StackOverflowError)) {
        throw e;
      }
      onTaskFailure.accept(e);
    } catch (Throwable e) {
      onTaskFailure.accept(e);
    }
  }

  private synchronized void reschedule(Timer timer) {
    if (timer.cancelled) {
      return;
    }
    long now = clock.nanos();
    long next = timer.deadline + timer.period;
    // A loop that fell behind skips the missed ticks instead of firing them in a burst.
    timer.deadline = next > now ? next : now + timer.period;
    timers.add(timer);
  }

  /** A class rather than a lambda: lambdas cost every node startup time for linkage. */
  private static final class PrintFailure implements Consumer<Throwable> {
    @Override
    public void accept(Throwable failure) {
      System.err.println("task failed on the event loop:");
      failure.printStackTrace();
    }
  }

  private final class Timer implements Node.Cancellable, Runnable, Comparable<Timer> {
    private long deadline;
    private final long sequence;
    private final long period;
    private final Runnable task;
    private volatile boolean cancelled;

    Timer(long deadline, long sequence, long period, Runnable task) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.period = period;
      this.task = task;
    }

    @Override
    public void run() {
      if (cancelled) {
        return;
      }
      try {
        task.run();
      } finally {
        if (period > 0) {
          reschedule(this);
        }
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer other) {
      int byDeadline = Long.compare(deadline, other.deadline);
      return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
  }
}
