package glomers.runtime.internal;

import static glomers.runtime.internal.Text.abbreviate;
import static glomers.runtime.internal.Text.messageOf;
import static glomers.runtime.internal.Text.stackTrace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A {@link Node} speaking Maelstrom's protocol over a {@link Transport}, with all of its work on
 * one {@link EventLoop}.
 *
 * <p>Lifecycle: construct, {@link #start()}; the transport then feeds lines in from its own thread
 * and they are handled on the loop. The solution is bound at {@code init}, so its constructor
 * already sees the node's id; anything arriving earlier waits for it.
 *
 * <p>This class takes lines in and dispatches them; {@link Outbox} writes what the node sends,
 * {@link Rpcs} keeps the rpcs in flight, {@link InitFields} reads {@code init}, {@link Text} words
 * failures.
 */
final class MaelstromNode implements Node, Transport.Receiver {
  private final Dispatcher dispatcher;
  private final Transport transport;
  private final EventLoop loop;
  private final Consumer<String> logSink;
  private final Outbox outbox;
  private final Rpcs rpcs;
  private String id;
  private List<String> nodeIds = List.of();
  private List<String> peers = List.of();
  private Handlers handlers;
  private final List<String> beforeInit = new ArrayList<>();
  /** Types whose replies went nowhere for want of a msg_id, each logged once. */
  private final Set<String> unanswerable = new HashSet<>();

  /**
   * @param logSink receives each log line (already prefixed with the node id); stderr in a process
   */
  public MaelstromNode(
      Dispatcher dispatcher, Transport transport, EventLoop loop, Consumer<String> logSink) {
    this.dispatcher = dispatcher;
    this.transport = transport;
    this.loop = loop;
    this.logSink = logSink;
    this.outbox = new Outbox(dispatcher, transport);
    this.rpcs = new Rpcs(loop, outbox, this::log);
  }

  /** Connects the transport; inbound lines are handled on the loop from now on. */
  public void start() {
    transport.start(this);
  }

  public EventLoop loop() {
    return loop;
  }

  // --- inbound ---------------------------------------------------------------------------------

  /** Queues one inbound line on the loop; callable from any thread. */
  @Override
  public void deliver(String line) {
    loop.execute(new Inbound(line));
  }

  /** Input is over: the loop stops after handling what already arrived. */
  @Override
  public void closed() {
    loop.stop();
  }

  private final class Inbound implements Runnable {
    private final String line;

    Inbound(String line) {
      this.line = line;
    }

    @Override
    public void run() {
      receive(line);
    }
  }

  private void receive(String line) {
    Envelope envelope;
    try {
      envelope = Envelope.parse(line);
    } catch (JsonProcessingException e) {
      log("dropped a line that is not JSON (" + e.getOriginalMessage() + "): " + abbreviate(line));
      return;
    } catch (IOException e) {
      log("dropped an unreadable line (" + e + "): " + abbreviate(line));
      return;
    }
    if (envelope.problem != null) {
      log("malformed message (" + envelope.problem + "): " + abbreviate(line));
      if (envelope.src != null && envelope.msgId != null) {
        outbox.error(envelope.src, envelope.msgId, RpcError.MALFORMED_REQUEST, envelope.problem);
      }
      return;
    }
    if ("init".equals(envelope.type)) {
      init(envelope);
    } else if (handlers == null) {
      beforeInit.add(line);
    } else {
      dispatch(envelope);
    }
  }

  private void init(Envelope envelope) {
    String nodeId;
    List<String> ids;
    try (JsonParser body = envelope.openBody()) {
      InitFields fields = InitFields.read(body);
      nodeId = fields.nodeId;
      ids = fields.nodeIds;
    } catch (IOException e) {
      String text = "init: " + messageOf(e);
      log("malformed init (" + text + "): " + abbreviate(envelope.line));
      if (envelope.msgId != null) {
        outbox.error(envelope.src, envelope.msgId, RpcError.MALFORMED_REQUEST, text);
      }
      return;
    }
    if (handlers != null) {
      log("init again (as " + nodeId + "); still " + id + ", answering init_ok anyway");
      answerInit(envelope);
      return;
    }
    id = nodeId;
    outbox.id = nodeId;
    nodeIds = ids;
    List<String> others = new ArrayList<>(ids);
    others.remove(nodeId);
    peers = List.copyOf(others);
    try {
      handlers = dispatcher.bind(this);
    } catch (RuntimeException e) {
      log("creating solution " + dispatcher.solution() + " failed:\n" + stackTrace(e));
      // Answered as the node init named, so the error reaches its sender; then the node is
      // uninitialised again and a later init may retry.
      if (envelope.msgId != null) {
        outbox.error(envelope.src, envelope.msgId, RpcError.CRASH, "solution failed to start: " + e);
      }
      id = null;
      outbox.id = null;
      return;
    }
    answerInit(envelope);
    try {
      handlers.start();
    } catch (RuntimeException e) {
      log("starting solution " + dispatcher.solution() + " failed:\n" + stackTrace(e));
    }
    List<String> waiting = List.copyOf(beforeInit);
    beforeInit.clear();
    for (String line : waiting) {
      receive(line);
    }
  }


  private void answerInit(Envelope envelope) {
    if (envelope.msgId != null) {
      outbox.initOk(envelope.src, envelope.msgId);
    }
  }

  private void dispatch(Envelope envelope) {
    if (envelope.inReplyTo != null) {
      rpcs.complete(envelope);
      return;
    }
    Request request = new Request(envelope.src, envelope.msgId, envelope.type);
    if (!handlers.handles(envelope.type)) {
      log("no handler for '" + envelope.type + "' from " + envelope.src + ": " + abbreviate(envelope.line));
      replyError(request, RpcError.notSupported("this node does not handle '" + envelope.type + "'"));
      return;
    }
    try (JsonParser body = envelope.openBody()) {
      handlers.handle(request, body);
    } catch (RpcError e) {
      replyError(request, e);
    } catch (IOException e) {
      String text = envelope.type + ": " + messageOf(e);
      log("malformed " + envelope.type + " (" + messageOf(e) + "): " + abbreviate(envelope.line));
      replyError(request, RpcError.malformedRequest(text));
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable e) {
      log("handler for '" + envelope.type + "' threw:\n" + stackTrace(e));
      replyError(request, RpcError.crash(envelope.type + " failed: " + e));
    }
  }

  // --- outbound --------------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> nodeIds() {
    return nodeIds;
  }

  @Override
  public List<String> peers() {
    return peers;
  }

  @Override
  public void send(String dest, Record body) {
    outbox.write(dest, body, null, null);
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(String dest, Record body, Class<R> replyType) {
    return rpc(dest, body, replyType, DEFAULT_RPC_TIMEOUT);
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(
      String dest, Record body, Class<R> replyType, Duration timeout) {
    return rpcs.call(dest, body, replyType, timeout);
  }

  @Override
  public void reply(Request request, Record body) {
    if (request.msgId() == null) {
      // Usually a handler that returns a reply to a message sent with send(): said once per type.
      if (unanswerable.add(request.type())) {
        log("not replying to " + request.type() + " from " + request.src() + " with "
            + body.getClass().getSimpleName() + ": it has no msg_id (logged once per type)");
      }
      return;
    }
    outbox.write(request.src(), body, null, request.msgId());
  }

  @Override
  public void reply(Request request, CompletionStage<? extends Record> reply) {
    reply.whenComplete(
        (body, failure) -> onLoop(() -> replyWhenDone(request, body, failure)));
  }

  private void replyWhenDone(Request request, Record body, Throwable failure) {
    if (failure == null && body != null) {
      reply(request, body);
      return;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof RpcError error) {
      replyError(request, error);
      return;
    }
    if (cause == null) {
      log("the reply to " + request.type() + " completed with null; answering crash");
      replyError(request, RpcError.crash(request.type() + " produced no reply"));
      return;
    }
    log("the reply to " + request.type() + " failed:\n" + stackTrace(cause));
    replyError(request, RpcError.crash(request.type() + " failed: " + cause));
  }

  @Override
  public void replyError(Request request, RpcError error) {
    if (request.msgId() == null) {
      log("not answering " + request.type() + " from " + request.src()
          + " (it has no msg_id) with error " + error.getMessage());
      return;
    }
    outbox.error(request.src(), request.msgId(), error.code(), error.text());
  }

  // --- timers and logging ----------------------------------------------------------------------

  @Override
  public Cancellable every(Duration period, Runnable task) {
    return loop.scheduleEvery(period, new Guarded("periodic task", task));
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    return loop.schedule(delay, new Guarded("delayed task", task));
  }

  @Override
  public long nowMillis() {
    return loop.clock().nanos() / 1_000_000;
  }

  @Override
  public void log(String message) {
    logSink.accept((id == null ? "(before init)" : id) + " " + message);
  }

  private void onLoop(Runnable task) {
    if (loop.inLoop()) {
      task.run();
    } else {
      loop.execute(new Guarded("reply continuation", task));
    }
  }

  private final class Guarded implements Runnable {
    private final String what;
    private final Runnable task;

    Guarded(String what, Runnable task) {
      this.what = what;
      this.task = task;
    }

    @Override
    public void run() {
      try {
        task.run();
      } catch (OutOfMemoryError e) {
        throw e;
      } catch (Throwable e) {
        log(what + " threw:\n" + stackTrace(e));
      }
    }
  }

}
