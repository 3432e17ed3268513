package glomers.processor;

import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Node that records what a solution does with it. */
final class FakeNode implements Node {
  final List<String> logs = new ArrayList<>();
  final List<Object> replies = new ArrayList<>();
  final List<String> sent = new ArrayList<>();
  final Map<Duration, Runnable> timers = new LinkedHashMap<>();

  @Override
  public String id() {
    return "n0";
  }

  @Override
  public List<String> nodeIds() {
    return List.of("n0", "n1", "n2");
  }

  @Override
  public List<String> peers() {
    return List.of("n1", "n2");
  }

  @Override
  public void send(String dest, Record body) {
    sent.add(dest + " " + body);
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(String dest, Record body, Class<R> replyType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <R extends Record> CompletableFuture<R> rpc(
      String dest, Record body, Class<R> replyType, Duration timeout) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void reply(Request request, Record body) {
    replies.add(body);
  }

  @Override
  public void reply(Request request, CompletionStage<? extends Record> reply) {
    replies.add(reply);
  }

  @Override
  public void replyError(Request request, RpcError error) {
    replies.add(error);
  }

  @Override
  public Cancellable every(Duration period, Runnable task) {
    timers.put(period, task);
    return () -> {};
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long nowMillis() {
    return 0;
  }

  @Override
  public void log(String message) {
    logs.add(message);
  }
}
