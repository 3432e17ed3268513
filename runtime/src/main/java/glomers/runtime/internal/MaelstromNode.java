package glomers.runtime.internal;

import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Dispatcher;
import glomers.runtime.spi.Handlers;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.spi.Codec;
import glomers.runtime.spi.Json;
import glomers.runtime.spi.JsonShapeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 */
public final class MaelstromNode implements Node, Transport.Receiver {
  private final Dispatcher dispatcher;
  private final Transport transport;
  private final EventLoop loop;
  private final Consumer<String> logSink;
  private final Map<Class<?>, Codec<?>> codecs = new HashMap<>();
  private boolean serviceCodecsAdded;
  private final Map<Long, PendingRpc<?>> pendingRpcs = new HashMap<>();
  private long lastMsgId;
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
    for (Codec<?> codec : dispatcher.codecs()) {
      codecs.put(codec.javaType(), codec);
    }
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
        sendError(envelope.src, envelope.msgId, RpcError.MALFORMED_REQUEST, envelope.problem);
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
        sendError(envelope.src, envelope.msgId, RpcError.MALFORMED_REQUEST, text);
      }
      return;
    }
    if (handlers != null) {
      log("init again (as " + nodeId + "); still " + id + ", answering init_ok anyway");
      answerInit(envelope);
      return;
    }
    id = nodeId;
    nodeIds = ids;
    List<String> others = new ArrayList<>(ids);
    others.remove(nodeId);
    peers = List.copyOf(others);
    try {
      handlers = dispatcher.bind(this);
    } catch (RuntimeException e) {
      log("creating solution " + dispatcher.solution() + " failed:\n" + stackTrace(e));
      id = null;
      if (envelope.msgId != null) {
        sendError(envelope.src, envelope.msgId, RpcError.CRASH, "solution failed to start: " + e);
      }
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
    if (envelope.msgId == null) {
      return;
    }
    StringWriter out = new StringWriter(96);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, envelope.src, "init_ok", null, envelope.msgId);
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    transport.send(out.toString());
  }

  private void dispatch(Envelope envelope) {
    if (envelope.inReplyTo != null) {
      completeRpc(envelope);
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

  private void completeRpc(Envelope envelope) {
    PendingRpc<?> rpc = pendingRpcs.remove(envelope.inReplyTo);
    if (rpc == null) {
      log("dropped a reply to unknown or timed-out msg_id " + envelope.inReplyTo + ": "
          + abbreviate(envelope.line));
      return;
    }
    rpc.timeout.cancel();
    rpc.complete(envelope);
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
    write(dest, body, null, null);
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(String dest, Record body, Class<R> replyType) {
    return rpc(dest, body, replyType, DEFAULT_RPC_TIMEOUT);
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(
      String dest, Record body, Class<R> replyType, Duration timeout) {
    Codec<R> replyCodec = codecFor(replyType);
    long msgId = ++lastMsgId;
    PendingRpc<R> rpc = new PendingRpc<>(dest, msgId, replyCodec, new CompletableFuture<>());
    rpc.timeout = loop.schedule(timeout, new RpcTimeout(rpc, timeout));
    pendingRpcs.put(msgId, rpc);
    try {
      write(dest, body, msgId, null);
    } catch (RuntimeException e) {
      pendingRpcs.remove(msgId);
      rpc.timeout.cancel();
      throw e;
    }
    return rpc.future;
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
    write(request.src(), body, null, request.msgId());
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
    sendError(request.src(), request.msgId(), error.code(), error.text());
  }

  private void sendError(String dest, long inReplyTo, int code, String text) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, dest, "error", null, inReplyTo);
      json.writeNumberField("code", code);
      if (text != null) {
        json.writeStringField("text", text);
      }
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    transport.send(out.toString());
  }

  @SuppressWarnings("unchecked")
  private void write(String dest, Record body, Long msgId, Long inReplyTo) {
    if (id == null) {
      throw new IllegalStateException("cannot send before init: this node has no id yet");
    }
    Codec<Record> codec = (Codec<Record>) codecFor(body.getClass());
    if (codec.wireType() == null) {
      throw new IllegalArgumentException(
          body.getClass().getName() + " has no wire type; annotate it with @Message(\"type\")");
    }
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      startEnvelope(json, dest, codec.wireType(), msgId, inReplyTo);
      codec.writeFields(json, body);
      endEnvelope(json);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + body.getClass().getName() + " failed", e);
    }
    transport.send(out.toString());
  }

  private void startEnvelope(JsonGenerator json, String dest, String type, Long msgId, Long inReplyTo)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("src", id);
    json.writeStringField("dest", dest);
    json.writeFieldName("body");
    json.writeStartObject();
    json.writeStringField("type", type);
    if (msgId != null) {
      json.writeNumberField("msg_id", msgId);
    }
    if (inReplyTo != null) {
      json.writeNumberField("in_reply_to", inReplyTo);
    }
  }

  private static void endEnvelope(JsonGenerator json) throws IOException {
    json.writeEndObject();
    json.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private <T> Codec<T> codecFor(Class<T> type) {
    Codec<?> codec = codecs.get(type);
    if (codec == null && !serviceCodecsAdded) {
      // Loaded on first miss so that nodes which never talk to a service never load these classes.
      serviceCodecsAdded = true;
      for (Codec<?> serviceCodec : ServiceMessages.codecs()) {
        codecs.putIfAbsent(serviceCodec.javaType(), serviceCodec);
      }
      codec = codecs.get(type);
    }
    if (codec == null) {
      throw new IllegalArgumentException("no codec for " + type.getName()
          + " in solution " + dispatcher.solution() + "; is it a record annotated with @Message?");
    }
    return (Codec<T>) codec;
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

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }

  private static String messageOf(IOException e) {
    return e instanceof JsonProcessingException processing
        ? processing.getOriginalMessage()
        : String.valueOf(e.getMessage());
  }

  private static String abbreviate(String line) {
    return line.length() <= 500 ? line : line.substring(0, 500) + "...(" + line.length() + " chars)";
  }

  // --- rpc bookkeeping -------------------------------------------------------------------------

  private final class PendingRpc<R> {
    final String dest;
    final long msgId;
    final Codec<R> replyCodec;
    final CompletableFuture<R> future;
    Cancellable timeout;

    PendingRpc(String dest, long msgId, Codec<R> replyCodec, CompletableFuture<R> future) {
      this.dest = dest;
      this.msgId = msgId;
      this.replyCodec = replyCodec;
      this.future = future;
    }

    void complete(Envelope reply) {
      if ("error".equals(reply.type)) {
        future.completeExceptionally(readError(reply));
        return;
      }
      String expected = replyCodec.wireType();
      if (expected != null && !expected.equals(reply.type)) {
        future.completeExceptionally(RpcError.crash("rpc " + msgId + " to " + dest + " expected '"
            + expected + "' (" + replyCodec.javaType().getSimpleName() + ") but got '" + reply.type
            + "'"));
        return;
      }
      R value;
      try (JsonParser body = reply.openBody()) {
        value = replyCodec.read(body);
      } catch (IOException | RuntimeException e) {
        String text = e instanceof IOException io ? messageOf(io) : e.toString();
        log("reply from " + dest + " does not fit " + replyCodec.javaType().getSimpleName() + " ("
            + text + "): " + abbreviate(reply.line));
        future.completeExceptionally(RpcError.crash("reply '" + reply.type + "' from " + dest
            + " does not fit " + replyCodec.javaType().getSimpleName() + ": " + text));
        return;
      }
      future.complete(value);
    }

    private RpcError readError(Envelope reply) {
      Long code = null;
      String text = null;
      try (JsonParser body = reply.openBody()) {
        while (body.nextToken() == JsonToken.FIELD_NAME) {
          String name = body.currentName();
          JsonToken value = body.nextToken();
          if ("code".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
            code = body.getLongValue();
          } else if ("text".equals(name) && value == JsonToken.VALUE_STRING) {
            text = body.getText();
          } else {
            body.skipChildren();
          }
        }
      } catch (IOException e) {
        text = "unreadable error from " + dest + ": " + messageOf(e);
      }
      if (code == null) {
        return RpcError.crash("error reply from " + dest + " without a code: " + abbreviate(reply.line));
      }
      return new RpcError(code.intValue(), text == null ? "" : text);
    }
  }

  private final class RpcTimeout implements Runnable {
    private final PendingRpc<?> rpc;
    private final Duration timeout;

    RpcTimeout(PendingRpc<?> rpc, Duration timeout) {
      this.rpc = rpc;
      this.timeout = timeout;
    }

    @Override
    public void run() {
      if (pendingRpcs.remove(rpc.msgId, rpc)) {
        rpc.future.completeExceptionally(RpcError.timeout("no reply from " + rpc.dest
            + " to msg_id " + rpc.msgId + " within " + timeout.toMillis() + " ms"));
      }
    }
  }

  /** The fields of {@code init} the runtime needs, read without a generated codec. */
  private static final class InitFields {
    String nodeId;
    List<String> nodeIds;

    static InitFields read(JsonParser body) throws IOException {
      InitFields fields = new InitFields();
      while (body.nextToken() == JsonToken.FIELD_NAME) {
        String name = body.currentName();
        JsonToken value = body.nextToken();
        if ("node_id".equals(name)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new JsonShapeException("node_id must be a string, got " + value);
          }
          fields.nodeId = body.getText();
        } else if ("node_ids".equals(name)) {
          fields.nodeIds = readStrings(body, value);
        } else {
          body.skipChildren();
        }
      }
      if (fields.nodeId == null) {
        throw new JsonShapeException("missing node_id");
      }
      if (fields.nodeIds == null) {
        throw new JsonShapeException("missing node_ids");
      }
      return fields;
    }

    private static List<String> readStrings(JsonParser body, JsonToken value) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        throw new JsonShapeException("node_ids must be an array of strings, got " + value);
      }
      List<String> ids = new ArrayList<>();
      for (JsonToken item = body.nextToken(); item != JsonToken.END_ARRAY; item = body.nextToken()) {
        if (item != JsonToken.VALUE_STRING) {
          throw new JsonShapeException("node_ids must be an array of strings, got " + item);
        }
        ids.add(body.getText());
      }
      return List.copyOf(ids);
    }
  }
}
