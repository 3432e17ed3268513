package glomers.harness.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.net.Message;
import glomers.harness.net.Network;
import glomers.harness.process.NodeProcess;
import glomers.harness.log.Log;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.testing.LocalNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server nodes of a simulation: one instance of the solution per node, each on the runtime's
 * in-memory wire and its own event loop over the scheduler's clock. Messages, timers and RPC
 * timeouts all run as scheduler events; a node's log lines go to its {@code node-logs/<id>.log}, as
 * a process's stderr does.
 */
public final class SimNodes implements AutoCloseable {
  private static final int TAIL_LINES = 32;

  private final Scheduler scheduler;
  private final Network network;
  private final Consumer<String> abort;
  private final boolean echoLog;
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();

  private final class SimNode {
    final String id;
    final Dispatcher solution;
    final Writer log;
    final ArrayDeque<String> tail = new ArrayDeque<>();
    Member member;
    /** The solution's instance; a kill drops it, timers and pending RPCs included, and a start makes a new one. */
    LocalNode node;
    /** 1 for the instance the run started, one more for each start after a kill; a tick of an older one is void. */
    int incarnation = 1;
    /** Killed by the nemesis, until it starts again. */
    boolean killed;
    /** Paused by the nemesis: nothing is delivered and no timer fires. */
    boolean paused;
    /** Paused at least once in this incarnation: its late replies to clients closed meanwhile are dropped, not fatal. */
    boolean wasPaused;
    /** Like a process whose stdout the bench stopped reading: its messages go nowhere. */
    boolean deaf;
    /** Like a process that died: it takes no more messages or timers. */
    boolean dead;
    /** The time of the earliest timer event this node has pending, or MAX_VALUE. */
    long tickAt = Long.MAX_VALUE;

    SimNode(String id, Dispatcher solution, Path logFile) throws IOException {
      this.id = id;
      this.solution = solution;
      this.log = new BufferedWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), 1 << 12);
      this.node = instance();
    }

    private LocalNode instance() {
      return new LocalNode(solution, scheduler.clock(), this::forward, this::log, this::taskFailed);
    }

    void receive(Message message) {
      if (dead || killed || paused) {
        return;
      }
      node.deliver(message.toLine());
      run();
    }

    void run() {
      if (dead || killed || paused) {
        return;
      }
      try {
        node.runReady();
      } catch (Throwable e) {
        // What the runtime lets escape (OutOfMemoryError) ends a real node's process: the same here.
        dead = true;
        logTrace(e);
        abort.accept("node " + id + " crashed: " + e + logReport());
        return;
      }
      long due = node.nextDeadline();
      if (due < tickAt) {
        tickAt = due;
        int of = incarnation;
        scheduler.at(due, () -> tick(due, of));
      }
    }

    private void tick(long due, int of) {
      if (of != incarnation) {
        return;
      }
      if (tickAt == due) {
        tickAt = Long.MAX_VALUE;
      }
      run();
    }

    String kill() {
      if (killed) {
        return "already-dead";
      }
      killed = true;
      paused = false;
      node = null;
      incarnation++;
      tickAt = Long.MAX_VALUE;
      member.kill();
      note("killed by the nemesis at " + seconds() + ": its instance, timers and pending RPCs are gone (incarnation "
          + (incarnation - 1) + ")");
      return "killed";
    }

    String start() {
      if (!killed) {
        return "already-running";
      }
      killed = false;
      deaf = false;
      wasPaused = false;
      node = instance();
      member.restart();
      note("started again by the nemesis at " + seconds() + ": a new instance, incarnation " + incarnation
          + ", with none of the last one's memory; init follows");
      return "started";
    }

    String pause() {
      if (killed) {
        return "not-running";
      }
      if (paused) {
        return "already-paused";
      }
      paused = true;
      wasPaused = true;
      member.pause();
      note("paused by the nemesis at " + seconds() + ": nothing is delivered and no timer fires until it resumes");
      return "paused";
    }

    String resume() {
      if (killed) {
        return "not-running";
      }
      if (!paused) {
        return "not-paused";
      }
      paused = false;
      note("resumed by the nemesis at " + seconds());
      // The timers that fell due meanwhile fire first, in order; then the messages that waited.
      run();
      member.resume();
      return "resumed";
    }

    private String seconds() {
      return String.format(java.util.Locale.ROOT, "%.3f s", scheduler.now() / 1e9);
    }

    private void note(String text) {
      log("---- [bench] " + id + " " + text + " ----");
    }

    private void forward(String line) {
      if (deaf) {
        return;
      }
      ObjectNode envelope;
      try {
        envelope = NodeProcess.validate(line);
      } catch (NodeProcess.OverLimit e) {
        abort.accept("node " + id + " wrote a message over the bench's size limit (" + e.getMessage()
            + "); send smaller messages.\n  line: " + abbreviate(line, 500) + logReport());
        deaf = true;
        return;
      } catch (IllegalArgumentException e) {
        abort.accept("node " + id + " wrote an invalid message (" + e.getMessage() + ").\n  line: "
            + abbreviate(line, 500) + logReport());
        deaf = true;
        return;
      }
      try {
        network.send(envelope.get("src").textValue(), envelope.get("dest").textValue(), (ObjectNode) envelope.get("body"));
      } catch (Network.UnknownMemberException e) {
        if (e.toClosedMember() && wasPaused) {
          Log.info("node " + id + ", paused by the nemesis earlier, answered a client that timed out meanwhile and is"
              + " closed; the reply is dropped: " + abbreviate(line, 300));
          return;
        }
        // As in a process run, where the bench then stops reading the node's stdout.
        Log.info("ERROR node " + id + " sent a message with " + e.getMessage()
            + " (e.g. a reply to a client that timed out and was closed); like Maelstrom, the bench no longer"
            + " reads " + id + "'s messages: " + abbreviate(line, 300));
        deaf = true;
      }
    }

    private void log(String line) {
      if (echoLog) {
        Log.info("[" + id + "] " + line);
      }
      tail.addLast(line);
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
      try {
        log.write(line);
        log.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the log of node " + id, e);
      }
    }

    private void taskFailed(Throwable failure) {
      log("task failed on the event loop:");
      logTrace(failure);
    }

    private void logTrace(Throwable failure) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      trace.toString().lines().forEach(this::log);
    }

    String logReport() {
      return tail.isEmpty() ? "" : "\n  last log lines of " + id + ":\n    " + String.join("\n    ", tail);
    }
  }

  /**
   * Starts one node of {@code solution} per id, each a network member.
   *
   * @param abort hears why the run must stop (a node wrote something that is not a message)
   * @param echoLog whether log lines also go to the console ({@code --log-stderr})
   */
  public SimNodes(Scheduler scheduler, Network network, Dispatcher solution, List<String> ids, Path logDir,
      Consumer<String> abort, boolean echoLog) throws IOException {
    this.scheduler = scheduler;
    this.network = network;
    this.abort = abort;
    this.echoLog = echoLog;
    Files.createDirectories(logDir);
    for (String id : ids) {
      SimNode node = new SimNode(id, solution, logDir.resolve(id + ".log"));
      nodes.put(id, node);
      node.member = Member.attach(scheduler, network, id, node::receive);
    }
  }

  /** Drops node {@code id}'s instance with its timers and pending RPCs; messages to it are lost until {@link #start}. */
  public String kill(String id) {
    return nodes.get(id).kill();
  }

  /** A fresh instance for a killed node, with an empty inbox; the caller sends it {@code init}. */
  public String start(String id) {
    return nodes.get(id).start();
  }

  /** Stops node {@code id}'s event loop: nothing is delivered to it and none of its timers fire; its inbox fills. */
  public String pause(String id) {
    return nodes.get(id).pause();
  }

  /** Runs a paused node's timers that fell due, in order, then delivers what waited. */
  public String resume(String id) {
    return nodes.get(id).resume();
  }

  /** The last lines node {@code id} logged, for a failure message; empty if none. */
  public String logReport(String id) {
    SimNode node = nodes.get(id);
    return node == null ? "" : node.logReport();
  }

  @Override
  public void close() throws IOException {
    List<IOException> failures = new ArrayList<>();
    for (SimNode node : nodes.values()) {
      try {
        node.log.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
