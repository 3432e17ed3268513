package glomers.runtime.testing;

import glomers.runtime.internal.Nodes;
import glomers.runtime.spi.Dispatcher;
import java.util.function.Consumer;

/**
 * For tests and simulations, not for solutions: one node of a solution in this process, on a
 * {@link VirtualClock} that many nodes may share, with its wire in the caller's hands. Nothing runs
 * until the test calls {@link #runReady()} or {@link #advance(java.time.Duration)}, on the test's
 * thread; {@link #deliver} hands the node a line and {@link #takeSent()} returns what it sent.
 *
 * <p>This is the supported way into the runtime's internals for tests; everything it builds on
 * lives in {@code glomers.runtime.internal}, which may change without notice.
 */
public final class LocalNode extends Nodes.InProcess {
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
    super(solution, clock, outbound, log, taskFailures);
  }
}
