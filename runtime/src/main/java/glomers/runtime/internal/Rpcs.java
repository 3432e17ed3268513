package glomers.runtime.internal;

import static glomers.runtime.internal.Text.abbreviate;
import static glomers.runtime.internal.Text.messageOf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import glomers.runtime.Node.Cancellable;
import glomers.runtime.RpcError;
import glomers.runtime.spi.Codec;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The node's rpcs in flight: msg_ids, timeouts, and completing each with its decoded reply. */
final class Rpcs {
  private final EventLoop loop;
  private final Outbox outbox;
  private final Consumer<String> log;
  private final Map<Long, PendingRpc<?>> pendingRpcs = new HashMap<>();
  private long lastMsgId;

  Rpcs(EventLoop loop, Outbox outbox, Consumer<String> log) {
    this.loop = loop;
    this.outbox = outbox;
    this.log = log;
  }

  <R extends Record> CompletableFuture<R> call(
      String dest, Record body, Class<R> replyType, Duration timeout) {
    Codec<R> replyCodec = outbox.codecFor(replyType);
    long msgId = ++lastMsgId;
    PendingRpc<R> rpc = new PendingRpc<>(dest, msgId, replyCodec, new CompletableFuture<>());
    rpc.timeout = loop.schedule(timeout, new RpcTimeout(rpc, timeout));
    pendingRpcs.put(msgId, rpc);
    try {
      outbox.write(dest, body, msgId, null);
    } catch (RuntimeException e) {
      pendingRpcs.remove(msgId);
      rpc.timeout.cancel();
      throw e;
    }
    return rpc.future;
  }

  /** Completes the rpc {@code envelope} answers, or logs a reply nobody waits for. */
  void complete(Envelope envelope) {
    PendingRpc<?> rpc = pendingRpcs.remove(envelope.inReplyTo);
    if (rpc == null) {
      log("dropped a reply to unknown or timed-out msg_id " + envelope.inReplyTo + ": "
          + abbreviate(envelope.line));
      return;
    }
    rpc.timeout.cancel();
    rpc.complete(envelope);
  }

  private void log(String message) {
    log.accept(message);
  }

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
}
