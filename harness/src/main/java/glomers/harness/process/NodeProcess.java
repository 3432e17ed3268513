package glomers.harness.process;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.net.Inbox;
import glomers.harness.json.Json;
import glomers.harness.net.Message;
import glomers.harness.net.Network;
import glomers.harness.log.Log;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One server node: a real child process with a stdin writer fed by its inbox, a stdout reader
 * that puts each line on the network, and a stderr pump into {@code node-logs/<id>.log}.
 *
 * <p>Bad stdout lines (not JSON, wrong envelope keys or types, body not an object) abort the run:
 * Maelstrom stops reading such a node for good, which can go unnoticed in its verdict, and a bench
 * must never pass what Maelstrom would not. A message to or from an unknown member (typically a
 * reply to a client that already timed out and was closed) is treated as Maelstrom does: logged,
 * and the node's stdout is not read any more.
 *
 * <p>Lines have no length cap of their own ({@link BufferedReader#readLine} reads any length); the
 * limits are those of the bench's JSON parser, jackson's {@link StreamReadConstraints} defaults
 * (e.g. no string over 20,000,000 chars). A valid line over one of them aborts the run too, but
 * named as too large rather than as not JSON.
 */
public final class NodeProcess {
  private static final int TAIL_LINES = 32;
  private static final Set<NodeProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<String> ENVELOPE_KEYS = Set.of("src", "dest", "body", "id");

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(NodeProcess::kill), "kill-nodes"));
  }

  private final String id;
  private final Network network;
  private final Consumer<String> abort;
  private final BooleanSupplier runStopped;
  private final boolean echoStderr;
  private final Path bin;
  private final List<String> args;
  private final Path logFile;
  /** 1 for the process the run started, one more for each restart by the nemesis. */
  private final int incarnation;
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final ArrayDeque<String> stdoutTail = new ArrayDeque<>();
  private final List<Thread> pumps = new ArrayList<>();
  private Process process;
  private Thread stderrPump;
  private Writer log;
  private volatile boolean stopping;
  /** Killed by the nemesis: its exit is no crash. */
  private volatile boolean killed;
  private volatile boolean paused;
  /** Paused at least once: its late replies to clients closed meanwhile are dropped, not fatal (README). */
  private volatile boolean wasPaused;

  private NodeProcess(String id, Network network, Consumer<String> abort, BooleanSupplier runStopped, boolean echoStderr,
      Path bin, List<String> args, Path logFile, int incarnation) {
    this.id = id;
    this.network = network;
    this.abort = abort;
    this.runStopped = runStopped;
    this.echoStderr = echoStderr;
    this.bin = bin;
    this.args = List.copyOf(args);
    this.logFile = logFile;
    this.incarnation = incarnation;
  }

  /**
   * Registers {@code id} on the network, then spawns {@code bin args...} in the temp directory, as
   * Maelstrom does (so a node can receive messages before its init).
   *
   * @param abort hears why the run must stop: the node crashed or wrote what is not a message
   * @param runStopped whether the run was stopped by a signal, which reaches the nodes too: an exit
   *     is then no crash
   */
  public static NodeProcess start(
      String id,
      Path bin,
      List<String> args,
      Network network,
      Path logFile,
      boolean echoStderr,
      Consumer<String> abort,
      BooleanSupplier runStopped)
      throws IOException {
    NodeProcess node = new NodeProcess(id, network, abort, runStopped, echoStderr, bin, args, logFile, 1);
    node.launch(network.register(id), null);
    return node;
  }

  /**
   * A new process for this node, which the nemesis killed: same binary, arguments and id, a fresh
   * inbox (what was sent to the dead one is lost), its stderr appended to the same log after a line
   * that marks the new incarnation. The caller sends it {@code init}.
   *
   * @param when when it happens, for the log line (e.g. {@code "at 12.345 s"})
   */
  public NodeProcess restart(String when) throws IOException {
    NodeProcess fresh = new NodeProcess(id, network, abort, runStopped, echoStderr, bin, args, logFile, incarnation + 1);
    fresh.launch(network.registerAgain(id), when);
    return fresh;
  }

  /** Spawns the process in the temp directory, as Maelstrom does, and its pumps; {@code restartedWhen} null at the run's start. */
  private void launch(Inbox inbox, String restartedWhen) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(bin.toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
    process = builder.start();
    LIVE.add(this);
    Files.createDirectories(logFile.getParent());
    log = restartedWhen == null
        ? Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (restartedWhen != null) {
      note("started again by the nemesis " + restartedWhen + ": new process " + process.pid() + ", incarnation "
          + incarnation + ", with none of the last one's memory; init follows");
    }
    stderrPump = pump("stderr", this::pumpStderr);
    pump("stdout", this::pumpStdout);
    pump("stdin", () -> pumpStdin(inbox));
    process.onExit().thenRun(this::exited);
  }

  private Thread pump(String what, Runnable body) {
    Thread thread = Thread.ofPlatform().daemon().name(id + "-" + what).start(body);
    pumps.add(thread);
    return thread;
  }

  public String id() {
    return id;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private void pumpStdin(Inbox inbox) {
    try (Writer stdin =
        new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      while (true) {
        // As Maelstrom's stdin thread: one message at a time, the JSON flushed on its own (cheshire's
        // generate-stream flushes its generator), then the newline flushed. A node thus wakes per
        // message, possibly twice, never on a batch, and must cope with a line in two pieces.
        // Batching was suspected of letting seq-kv staleness traps pass more often; measured, it
        // made no difference (issue 13, harness/README.md#delivery-and-timing).
        Message message = inbox.take();
        stdin.write(message.toLine());
        stdin.flush();
        stdin.write('\n');
        stdin.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The node is gone; exited() reports it unless the run is being torn down.
    }
  }

  private void pumpStdout() {
    try (BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = stdout.readLine()) != null) {
        remember(stdoutTail, line);
        if (!forward(line)) {
          return;
        }
      }
    } catch (IOException e) {
      // The node is gone; exited() reports it.
    }
  }

  /** Puts one stdout line on the network; false once this node's stdout must not be read. */
  private boolean forward(String line) {
    ObjectNode envelope;
    try {
      envelope = validate(line);
    } catch (OverLimit e) {
      if (!stopping) {
        abort.accept(
            "node "
                + id
                + " wrote a stdout line over the bench's size limit ("
                + e.getMessage()
                + "); send smaller messages.\n  line: "
                + abbreviate(line, 500)
                + stderrReport());
      }
      return false;
    } catch (IllegalArgumentException e) {
      if (!stopping) {
        abort.accept(
            "node "
                + id
                + " wrote an invalid message to stdout ("
                + e.getMessage()
                + "); stdout is for protocol messages only, log to stderr.\n  line: "
                + abbreviate(line, 500)
                + stderrReport());
      }
      return false;
    }
    String src = envelope.get("src").textValue();
    String dest = envelope.get("dest").textValue();
    try {
      network.send(src, dest, (ObjectNode) envelope.get("body"));
      return true;
    } catch (Network.UnknownMemberException e) {
      if (e.toClosedMember() && wasPaused) {
        Log.info("node " + id + ", paused by the nemesis earlier, answered a client that timed out meanwhile and is"
            + " closed; the reply is dropped: " + abbreviate(line, 300));
        return true;
      }
      if (Message.isClient(dest) && network.isMember(src)) {
        // A client that timed out is closed; the node's answer, when it comes, has no one to go to.
        JsonNode type = envelope.get("body").get("type");
        String what = type != null && type.isTextual() ? type.textValue() : "message";
        Log.info("Late reply: node " + id + " sent " + what + " to client " + dest + ", which had already given up waiting"
            + ("init_ok".equals(what) ? " (the init deadline had passed)" : " (its request timed out)")
            + " and was closed. Slowness, not a malformed message; like Maelstrom, the bench reads no more of " + id
            + "'s stdout: " + abbreviate(line, 300));
        return false;
      }
      Log.info(
          "ERROR node "
              + id
              + " sent a message with "
              + e.getMessage()
              + "; like Maelstrom,"
              + " the bench no longer reads "
              + id
              + "'s stdout: "
              + abbreviate(line, 300));
      return false;
    }
  }

  /** Checks the envelope schema (docs/protocol.md#envelope). */
  public static ObjectNode validate(String line) {
    JsonNode parsed;
    try {
      parsed = Json.parse(line);
    } catch (StreamConstraintsException e) {
      throw new OverLimit(line.length(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()));
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    ObjectNode envelope = (ObjectNode) parsed;
    for (Iterator<String> names = envelope.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ENVELOPE_KEYS.contains(name)) {
        throw new IllegalArgumentException("unexpected top-level key \"" + name + "\"");
      }
    }
    for (String key : List.of("src", "dest")) {
      JsonNode value = envelope.get(key);
      if (value == null) {
        throw new IllegalArgumentException("missing \"" + key + "\"");
      }
      if (!value.isTextual()) {
        throw new IllegalArgumentException("\"" + key + "\" is not a string");
      }
    }
    JsonNode body = envelope.get("body");
    if (body == null) {
      throw new IllegalArgumentException("missing \"body\"");
    }
    if (!body.isObject()) {
      throw new IllegalArgumentException("\"body\" is not a JSON object");
    }
    JsonNode messageId = envelope.get("id");
    if (messageId != null && !messageId.isIntegralNumber()) {
      throw new IllegalArgumentException("\"id\" is not an integer");
    }
    return envelope;
  }

  /**
   * A line the parser refused for its size, not its syntax: it may be valid JSON, but one of
   * jackson's {@link StreamReadConstraints} (the bench's only limits on a line) stops it.
   */
  public static final class OverLimit extends IllegalArgumentException {
    OverLimit(int chars, StreamConstraintsException e) {
      super(describe(chars, e), e);
    }

    private static String describe(int chars, StreamConstraintsException e) {
      StreamReadConstraints limits = Json.MAPPER.getFactory().streamReadConstraints();
      String jackson = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
      String what;
      if (jackson.contains("getMaxStringLength")) {
        what = "a string over " + count(limits.getMaxStringLength()) + " chars, the limit of"
            + " jackson's StreamReadConstraints.maxStringLength";
      } else if (jackson.contains("getMaxNameLength")) {
        what = "a field name over " + count(limits.getMaxNameLength()) + " chars, the limit of"
            + " jackson's StreamReadConstraints.maxNameLength";
      } else if (jackson.contains("getMaxNumberLength")) {
        what = "a number over " + count(limits.getMaxNumberLength()) + " chars, the limit of"
            + " jackson's StreamReadConstraints.maxNumberLength";
      } else if (jackson.contains("getMaxNestingDepth")) {
        what = "nesting deeper than " + count(limits.getMaxNestingDepth()) + ", the limit of"
            + " jackson's StreamReadConstraints.maxNestingDepth";
      } else if (jackson.contains("getMaxDocumentLength")) {
        what = "more than " + count(limits.getMaxDocumentLength()) + " chars, the limit of"
            + " jackson's StreamReadConstraints.maxDocumentLength";
      } else {
        what = "what jackson's StreamReadConstraints refuse: " + firstLine(jackson);
      }
      return "a line of " + count(chars) + " chars with " + what;
    }

    private static String count(long n) {
      return String.format(java.util.Locale.ROOT, "%,d", n);
    }
  }

  private void pumpStderr() {
    try (BufferedReader stderr =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = stderr.readLine()) != null) {
        remember(stderrTail, line);
        synchronized (log) {
          log.write(line);
          log.write('\n');
          // Flushed whenever the pipe is drained, not per line: a killed bench keeps the log, a chatty node costs no more.
          if (!stderr.ready()) {
            log.flush();
          }
        }
        if (echoStderr) {
          Log.info("[" + id + "] " + line);
        }
      }
    } catch (IOException e) {
      // Nothing more to read, or the log was closed at teardown.
    }
    try {
      synchronized (log) {
        log.flush();
      }
    } catch (IOException e) {
      // Closed already.
    }
  }

  /** A line of the bench's own in this node's log, set apart from what the node wrote. */
  private void note(String text) {
    try {
      synchronized (log) {
        log.write("---- [bench] " + id + " " + text + " ----\n");
        log.flush();
      }
    } catch (IOException e) {
      // The log is closed: the run is over.
    }
  }

  private void closeLog() {
    try {
      synchronized (log) {
        log.close();
      }
    } catch (IOException e) {
      // Nothing more to keep.
    }
  }

  private void remember(ArrayDeque<String> tail, String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      // The reports show 300 chars of a line; a 64 MB one must not stay in memory whole.
      tail.addLast(line.length() > 301 ? line.substring(0, 301) : line);
    }
  }

  private void exited() {
    LIVE.remove(this);
    // A Ctrl-C that stops the run reaches the nodes too (one process group): no crash then.
    if (stopping || killed || runStopped.getAsBoolean()) {
      return;
    }
    awaitStderr();
    abort.accept("node " + id + " crashed (exit code " + process.exitValue() + ")" + stdoutReport() + stderrReport());
  }

  private void awaitStderr() {
    try {
      stderrPump.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines the node wrote to stderr, as a report block (empty string if none). */
  public String stderrReport() {
    return report("stderr", stderrTail);
  }

  private String stdoutReport() {
    return report("stdout", stdoutTail);
  }

  private String report(String what, ArrayDeque<String> tail) {
    List<String> lines;
    synchronized (tail) {
      lines = new ArrayList<>(tail);
    }
    if (lines.isEmpty()) {
      return "\n  (" + id + " wrote nothing to " + what + ")";
    }
    StringBuilder out = new StringBuilder("\n  last " + lines.size() + " " + what + " lines of " + id + ":");
    lines.forEach(l -> out.append("\n    ").append(abbreviate(l, 300)));
    return out.toString();
  }

  /** Marks the end of the run: from now on an exit is expected, not a crash. */
  public void stopping() {
    stopping = true;
  }

  /** SIGKILLs the node and everything it spawned, and waits for it (up to 5 s). */
  public void kill() {
    stopping = true;
    if (process == null) {
      return;
    }
    destroy();
    closeLog();
  }

  private void destroy() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
    // Its stdout is still read to the end: what the node wrote before it died is delivered.
    pumps.forEach(Thread::interrupt);
    awaitStderr();
  }

  /**
   * The nemesis's kill: SIGKILL to the node and its children, as {@link #kill()}, but the run goes on,
   * so its exit is no crash, and its log gets a line that says so.
   */
  public void killByNemesis(String when) {
    killed = true;
    paused = false;
    long pid = process.pid();
    destroy();
    note("killed by the nemesis " + when + ": SIGKILL to process " + pid + " (incarnation " + incarnation
        + ") and its children");
    closeLog();
  }

  /** Whether the nemesis killed this process (a restart is then another NodeProcess). */
  public boolean killedByNemesis() {
    return killed;
  }

  /** SIGSTOP to the node's process tree: it runs nothing, while the bench keeps writing to its stdin until the pipe is full. */
  public void pause(String when) throws IOException, InterruptedException {
    wasPaused = true;
    signal("STOP");
    paused = true;
    note("paused by the nemesis " + when + ": SIGSTOP to process " + process.pid() + " and its children");
  }

  /** SIGCONT to the node's process tree. */
  public void resume(String when) throws IOException, InterruptedException {
    signal("CONT");
    paused = false;
    note("resumed by the nemesis " + when + ": SIGCONT to process " + process.pid() + " and its children");
  }

  public boolean isPaused() {
    return paused;
  }

  /** Sends {@code signal} to the process, then to its descendants, with kill(1): Java has no SIGSTOP of its own. */
  private void signal(String signal) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
    process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " of node " + id + " failed: " + output);
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int newline = s.indexOf('\n');
    return newline < 0 ? s : s.substring(0, newline);
  }

  static Map<String, Integer> liveCountForTests() {
    return Map.of("live", LIVE.size());
  }
}
