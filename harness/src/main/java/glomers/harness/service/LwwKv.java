package glomers.harness.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * lww-kv as Maelstrom 0.2 actually behaves: two replicas that never converge (its merge result is
 * discarded), each request served by one chosen at random; {@code create_if_not_exists} ignored.
 */
public final class LwwKv implements Service {
  private record Stamped(long ts, Object value) {}

  private static final class Replica {
    long clock;
    final Map<Object, Stamped> values = new HashMap<>();
  }

  private final Random random;
  private final Replica[] replicas = {new Replica(), new Replica()};

  public LwwKv(Random random) {
    this.random = random;
  }

  @Override
  public String id() {
    return "lww-kv";
  }

  @Override
  public synchronized Map<String, Object> handle(String src, Map<String, Object> request) {
    Replica replica = replicas[random.nextInt(replicas.length)];
    Object type = request.get("type");
    Object key = request.get("key");
    Stamped current = replica.values.get(key);
    if ("read".equals(type)) {
      if (current == null) {
        return Kv.error(Kv.KEY_DOES_NOT_EXIST, "key does not exist");
      }
      Map<String, Object> reply = Kv.ok("read_ok");
      reply.put("value", current.value());
      return reply;
    }
    if ("write".equals(type)) {
      replica.values.put(key, new Stamped(++replica.clock, request.get("value")));
      return Kv.ok("write_ok");
    }
    if ("cas".equals(type)) {
      if (current == null) {
        return Kv.error(Kv.KEY_DOES_NOT_EXIST, "key does not exist");
      }
      if (!Objects.equals(current.value(), request.get("from"))) {
        return Kv.error(
            Kv.PRECONDITION_FAILED,
            "current value " + Kv.render(current.value()) + " is not " + Kv.render(request.get("from")));
      }
      replica.values.put(key, new Stamped(++replica.clock, request.get("to")));
      return Kv.ok("cas_ok");
    }
    return null;
  }
}
