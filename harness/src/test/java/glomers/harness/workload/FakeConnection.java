package glomers.harness.workload;

import glomers.harness.net.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** A scripted node: answers each call with the next queued reply, or times out when told to. */
public final class FakeConnection implements Connection {
  private static final Object TIMEOUT = new Object();

  private final Deque<Object> replies = new ArrayDeque<>();
  public final List<Map<String, Object>> requests = new ArrayList<>();
  public final List<Duration> timeouts = new ArrayList<>();
  private long nextMsgId = 1;

  /** Queues a reply; its in_reply_to is filled in with the request's msg_id unless given. */
  public FakeConnection reply(Map<String, Object> body) {
    replies.add(body);
    return this;
  }

  public FakeConnection timeout() {
    replies.add(TIMEOUT);
    return this;
  }

  @Override
  public String id() {
    return "c1";
  }

  @Override
  public String node() {
    return "n0";
  }

  @Override
  public Map<String, Object> call(Map<String, Object> body, Duration timeout) throws TimeoutException {
    long msgId = nextMsgId++;
    requests.add(body);
    timeouts.add(timeout);
    Object next = replies.poll();
    if (next == null) {
      throw new AssertionError("unexpected request " + body);
    }
    if (next == TIMEOUT) {
      throw new TimeoutException();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> reply = new LinkedHashMap<>((Map<String, Object>) next);
    reply.putIfAbsent("in_reply_to", msgId);
    return reply;
  }
}
