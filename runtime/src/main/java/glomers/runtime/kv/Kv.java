package glomers.runtime.kv;

import glomers.runtime.internal.ServiceMessages;

import glomers.runtime.Node;
import glomers.runtime.RpcError;
import glomers.runtime.RawJson;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client for one of Maelstrom's key-value services. Expected outcomes (a missing key, a failed
 * compare-and-set) are values, not exceptions; anything else (timeout, crash) fails the future
 * with {@link RpcError}. Futures complete on the node's event loop.
 */
public final class Kv<V> {
  public static final String SEQ_KV = "seq-kv";
  public static final String LIN_KV = "lin-kv";
  public static final String LWW_KV = "lww-kv";

  private final Node node;
  private final String service;
  private final JsonType<V> type;
  private final Duration timeout;

  private Kv(Node node, String service, JsonType<V> type, Duration timeout) {
    this.node = node;
    this.service = service;
    this.type = type;
    this.timeout = timeout;
  }

  /** Sequentially consistent: reads may be stale, but never older than this node last saw. */
  public static <V> Kv<V> seq(Node node, JsonType<V> type) {
    return of(node, SEQ_KV, type);
  }

  /** Linearizable. */
  public static <V> Kv<V> lin(Node node, JsonType<V> type) {
    return of(node, LIN_KV, type);
  }

  /** Last-write-wins; in Maelstrom 0.2.x reads may stay stale forever. */
  public static <V> Kv<V> lww(Node node, JsonType<V> type) {
    return of(node, LWW_KV, type);
  }

  /** A client for the service registered as {@code service}. */
  public static <V> Kv<V> of(Node node, String service, JsonType<V> type) {
    return new Kv<>(node, service, type, Node.DEFAULT_RPC_TIMEOUT);
  }

  /** The same client with another per-request timeout. */
  public Kv<V> withTimeout(Duration timeout) {
    return new Kv<>(node, service, type, timeout);
  }

  /** The key's value, or empty if the key does not exist (error 20). */
  public CompletableFuture<Optional<V>> read(String key) {
    return node.rpc(service, new ServiceMessages.Read(key), ServiceMessages.ReadOk.class, timeout)
        .handle((ok, failure) -> {
          if (failure == null) {
            return Optional.of(decode(key, ok.value()));
          }
          if (hasCode(failure, RpcError.KEY_DOES_NOT_EXIST)) {
            return Optional.empty();
          }
          throw rethrow(failure);
        });
  }

  /** Creates or overwrites the key. */
  public CompletableFuture<Void> write(String key, V value) {
    return node.rpc(service, new ServiceMessages.Write(key, type.encode(value)),
            ServiceMessages.WriteOk.class, timeout)
        .thenApply(ok -> null);
  }

  /**
   * Sets the key to {@code to} if it holds {@code from}; with {@code createIfMissing} also if it
   * does not exist (lww-kv ignores that flag). True if it was set, false if the value differed
   * (22) or the key was missing (20).
   */
  public CompletableFuture<Boolean> compareAndSet(String key, V from, V to, boolean createIfMissing) {
    ServiceMessages.Cas cas =
        new ServiceMessages.Cas(key, type.encode(from), type.encode(to), createIfMissing);
    return node.rpc(service, cas, ServiceMessages.CasOk.class, timeout)
        .handle((ok, failure) -> {
          if (failure == null) {
            return true;
          }
          if (hasCode(failure, RpcError.PRECONDITION_FAILED)
              || hasCode(failure, RpcError.KEY_DOES_NOT_EXIST)) {
            return false;
          }
          throw rethrow(failure);
        });
  }

  private V decode(String key, RawJson value) {
    try {
      return type.decode(value);
    } catch (IOException | RuntimeException e) {
      throw RpcError.crash(service + " holds " + value + " under '" + key
          + "', which does not fit the expected type: " + e.getMessage());
    }
  }

  static boolean hasCode(Throwable failure, int code) {
    return RpcError.from(failure).code() == code;
  }

  /** Passes the failure on with its RpcError visible, not buried in a CompletionException. */
  static CompletionException rethrow(Throwable failure) {
    return failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
  }
}
