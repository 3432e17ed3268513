package glomers.harness.service;

import java.util.Map;

/** lin-tso: one global counter from 0, one step per ts request. */
public final class LinTso implements Service {
  private long next;

  @Override
  public String id() {
    return "lin-tso";
  }

  @Override
  public synchronized Map<String, Object> handle(String src, Map<String, Object> request) {
    if (!"ts".equals(request.get("type"))) {
      return null;
    }
    Map<String, Object> reply = Kv.ok("ts_ok");
    reply.put("ts", next++);
    return reply;
  }
}
