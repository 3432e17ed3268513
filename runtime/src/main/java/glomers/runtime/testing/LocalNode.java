package glomers.runtime.testing;

import glomers.runtime.internal.Nodes;
import glomers.runtime.spi.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * For tests and simulations, not for solutions: one node of a solution in this process, on a
 * {@link VirtualClock} that many nodes may share, with its wire in the caller's hands. Nothing runs
 * until the test calls {@link #runReady()} or {@link #advance(Duration)}, on the test's thread.
 *
 * <p>This is the supported way into the runtime's internals for tests; everything it builds on
 * lives in {@code glomers.runtime.internal}, which may change without notice.
 */
public final class LocalNode {
  private final Nodes.InProcess node;

  /** A node whose sent lines are kept for {@link #takeSent()} and whose log is dropped. */
  public LocalNode(Dispatcher solution, VirtualClock clock) {
    this(solution, clock, null, line -> {}, null);
  }

  /**
   * @param outbound receives every line the node sends, on the sending thread; null keeps them
   *     for {@link #takeSent()}
   * @param log receives each log line, prefixed with the node id
   * @param taskFailures receives what a loop task threw; null prints it on stderr
   */
  public LocalNode(Dispatcher solution, VirtualClock clock, Consumer<String> outbound,
      Consumer<String> log, Consumer<Throwable> taskFailures) {
    this.node = Nodes.inProcess(solution, clock, outbound, log, taskFailures);
  }

  /** Hands the node one line from the wire; it is handled by the next {@link #runReady()}. */
  public void deliver(String line) {
    node.deliver(line);
  }

  /** Runs every task that is due now; returns how many ran. */
  public int runReady() {
    return node.runReady();
  }

  /** Moves the clock forward by {@code by}, firing timers at their own times on the way. */
  public void advance(Duration by) {
    node.advance(by);
  }

  /** The clock time, in nanoseconds, of this node's next timer, or {@code Long.MAX_VALUE}. */
  public long nextDeadline() {
    return node.nextDeadline();
  }

  /** The lines sent since the last call (only without an {@code outbound} consumer). */
  public List<String> takeSent() {
    return node.takeSent();
  }
}
