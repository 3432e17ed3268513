package glomers.harness.service;

import java.util.Map;

/** lin-kv: one map, each request applied atomically in arrival order. */
public final class LinKv implements Service {
  private Map<Object, Object> state = Map.of();

  @Override
  public String id() {
    return "lin-kv";
  }

  @Override
  public synchronized Map<String, Object> handle(String src, Map<String, Object> request) {
    try {
      Kv.Outcome outcome = Kv.apply(state, request, true);
      state = outcome.state();
      return outcome.reply();
    } catch (Kv.UnsupportedRequest e) {
      return null;
    }
  }
}
