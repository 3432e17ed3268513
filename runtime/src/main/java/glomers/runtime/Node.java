package glomers.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a solution sees of its node. Every method must be called from the node's event loop (that
 * is, from a handler, a timer, or a future's continuation); every callback runs on it too, so
 * solution state needs no locks.
 */
public interface Node {
  /** Default time an {@link #rpc} waits for its reply. */
  Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(1);

  /** This node's id, e.g. {@code "n1"}; known once {@code init} has arrived. */
  String id();

  /** Every server node in the cluster, this one included, in the order Maelstrom gave. */
  List<String> nodeIds();

  /** {@link #nodeIds()} without this node. */
  List<String> peers();

  /** Sends a message and expects no reply. The record's {@code @Message} type is the wire type. */
  void send(String dest, Record body);

  /**
   * Sends a request with a fresh {@code msg_id} and completes with the reply, decoded as {@code
   * replyType}. Completes exceptionally with {@link RpcError} on an error reply, or with code 0
   * (timeout) after {@link #DEFAULT_RPC_TIMEOUT}.
   */
  <R extends Record> CompletableFuture<R> rpc(String dest, Record body, Class<R> replyType);

  /** {@link #rpc(String, Record, Class)} with its own timeout. */
  <R extends Record> CompletableFuture<R> rpc(
      String dest, Record body, Class<R> replyType, Duration timeout);

  /** Answers a request. Does nothing if the request carried no {@code msg_id}. */
  void reply(Request request, Record body);

  /**
   * Answers a request when {@code reply} completes: with its value, with the {@link RpcError} it
   * failed with, or with error 13 (crash) for any other failure.
   */
  void reply(Request request, CompletionStage<? extends Record> reply);

  /** Answers a request with an error. */
  void replyError(Request request, RpcError error);

  /** Runs {@code task} every {@code period}, first after one period. */
  Cancellable every(Duration period, Runnable task);

  /** Runs {@code task} once after {@code delay}. */
  Cancellable after(Duration delay, Runnable task);

  /** Milliseconds on the node's clock (virtual in tests); only differences are meaningful. */
  long nowMillis();

  /** Writes a line to stderr, which Maelstrom keeps as this node's log. */
  void log(String message);

  /** A scheduled task that can be stopped. */
  interface Cancellable {
    void cancel();
  }
}
