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
 * stdio, {@code glomers.runtime.testing.LocalNode} one in the caller's process. Everything else
 * here is package-private. Not for solutions.
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
   * A started node on an in-memory wire and its own loop on {@code clock}; nothing runs until the
   * caller says so.
   *
   * @param outbound receives every line sent, or null to keep them for {@link InProcess#takeSent()}
   * @param taskFailures hears what a loop task threw, or null for stderr
   */
  public static InProcess inProcess(Dispatcher dispatcher, Clock clock, Consumer<String> outbound,
      Consumer<String> log, Consumer<Throwable> taskFailures) {
    InMemoryTransport transport =
        outbound == null ? new InMemoryTransport() : new InMemoryTransport(outbound);
    EventLoop loop = taskFailures == null ? new EventLoop(clock) : new EventLoop(clock, taskFailures);
    new MaelstromNode(dispatcher, transport, loop, log).start();
    return new InProcess(transport, loop);
  }

  /** A node in the caller's process, driven from the caller's thread. */
  public static final class InProcess {
    private final InMemoryTransport transport;
    private final EventLoop loop;

    private InProcess(InMemoryTransport transport, EventLoop loop) {
      this.transport = transport;
      this.loop = loop;
    }

    public void deliver(String line) {
      transport.deliver(line);
    }

    public int runReady() {
      return loop.runReady();
    }

    public void advance(Duration by) {
      loop.advance(by);
    }

    public long nextDeadline() {
      return loop.nextDeadline();
    }

    public List<String> takeSent() {
      return transport.takeSent();
    }
  }
}
