package glomers.harness.nemesis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the nemesis does to one server node, once for processes and once for a simulation. Each
 * method returns the word the history records for that node (docs/bench.md#kill-and-pause): what was
 * done, or why nothing was (a kill of a dead node, a resume of a running one).
 */
public interface NodeControl {
  /** Kills the node: its memory, timers and pending requests are gone; messages to it are lost until it starts again. */
  String kill(String node);

  /** Starts a killed node afresh, with the same id, and sends it {@code init}; throws if it does not answer it. */
  String start(String node) throws Exception;

  /** Freezes the node: it handles nothing and none of its timers fire; what is sent to it waits. */
  String pause(String node);

  /** Lets a paused node go on from where it stopped. */
  String resume(String node);

  /** Whether the nodes of one op may be acted on at once (processes), rather than one after another (a simulation). */
  default boolean concurrent() {
    return false;
  }

  /** The {@code init} request a (re)started node gets, as at setup. */
  static Map<String, Object> init(String node, List<String> nodes) {
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("type", "init");
    init.put("node_id", node);
    init.put("node_ids", nodes);
    return init;
  }
}
