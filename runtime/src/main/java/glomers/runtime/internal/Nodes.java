package glomers.runtime.internal;

import glomers.runtime.spi.Dispatcher;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The only way into the node from outside this package: {@code glomers.runtime.Main} runs one on
 * stdio, and {@code glomers.runtime.testing.LocalNode}, an {@link InProcess}, is one in the
 * caller's process. Everything else here is package-private. Not for solutions.
 */
public final class Nodes {
  private Nodes() {}

  /** Runs a node on the calling thread until {@code in} is exhausted; log lines go to {@code log}. */
  public static void runStdio(Dispatcher dispatcher, InputStream in, OutputStream out, PrintStream err,
      Consumer<String> log) {
    EventLoop loop = new EventLoop(Clock.system());
    new MaelstromNode(dispatcher, new StdioTransport(in, out, err), loop, log).start();
    loop.run();
  }

  /**
   * A node in the caller's process, on an in-memory wire and its own loop on a clock the caller
   * moves: nothing runs until the caller says so, on the caller's thread. Only {@code
   * glomers.runtime.testing.LocalNode} extends it, which gives it the name tests use; the five
   * methods live here because the wire and the loop cannot be named outside this package.
   */
  public abstract static class InProcess {
    private final InMemoryTransport transport;
    private final EventLoop loop;

    /**
     * Starts the node.
     *
     * @param outbound receives every line the node sends, on the sending thread; null keeps them
     *     for {@link #takeSent()}
     * @param log receives each log line, prefixed with the node id
     * @param taskFailures receives what a loop task threw; null prints it on stderr
     */
    protected InProcess(Dispatcher dispatcher, Clock clock, Consumer<String> outbound,
        Consumer<String> log, Consumer<Throwable> taskFailures) {
      this.transport = outbound == null ? new InMemoryTransport() : new InMemoryTransport(outbound);
      this.loop = taskFailures == null ? new EventLoop(clock) : new EventLoop(clock, taskFailures);
      new MaelstromNode(dispatcher, transport, loop, log).start();
    }

    /** Hands the node one line from the wire; it is handled by the next {@link #runReady()}. */
    public final void deliver(String line) {
      transport.deliver(line);
    }

    /** Runs every task that is due now; returns how many ran. */
    public final int runReady() {
      return loop.runReady();
    }

    /** Moves the clock forward by {@code by}, firing timers at their own times on the way. */
    public final void advance(Duration by) {
      loop.advance(by);
    }

    /** The clock time, in nanoseconds, of this node's next timer, or {@code Long.MAX_VALUE}. */
    public final long nextDeadline() {
      return loop.nextDeadline();
    }

    /** The lines sent since the last call (only without an {@code outbound} consumer). */
    public final List<String> takeSent() {
      return transport.takeSent();
    }
  }
}
