package glomers.harness.sim;

import glomers.runtime.testing.VirtualClock;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The one clock and event queue of a simulated run. Events run one at a time on the thread that
 * calls {@link #runWhile}, in time order and, at equal times, in the order they were scheduled, so
 * the same seed gives the same run. Time is nanoseconds from the start of the test; nothing here
 * reads the wall clock.
 */
public final class Scheduler {
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final VirtualClock clock = new VirtualClock();
  private long now;
  private long scheduled;
  private long ran;

  /** An action at a time; cancelling it before its time keeps it from running. */
  public static final class Event implements Comparable<Event> {
    private final long time;
    private final long sequence;
    private final Runnable action;
    private boolean cancelled;

    private Event(long time, long sequence, Runnable action) {
      this.time = time;
      this.sequence = sequence;
      this.action = action;
    }

    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }

  /** Virtual nanoseconds since the start of the test. */
  public long now() {
    return now;
  }

  /** The clock the simulated nodes read; it shows {@link #now()}. */
  public VirtualClock clock() {
    return clock;
  }

  /** Events run so far, for the progress line and benchmarks. */
  public long eventsRun() {
    return ran;
  }

  /** Runs {@code action} at {@code time}, or now if that has passed. */
  public Event at(long time, Runnable action) {
    Event event = new Event(Math.max(time, now), scheduled++, action);
    queue.add(event);
    return event;
  }

  /** Runs events while {@code keepGoing} holds before each one; false if the queue ran dry first. */
  public boolean runWhile(BooleanSupplier keepGoing) {
    while (keepGoing.getAsBoolean()) {
      Event next = queue.poll();
      if (next == null) {
        return false;
      }
      if (next.cancelled) {
        continue;
      }
      if (next.time > now) {
        now = next.time;
        clock.set(now);
      }
      ran++;
      next.action.run();
    }
    return true;
  }
}
