package glomers.harness.service;

import glomers.harness.options.SeqKvStaleness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * seq-kv as Maelstrom's (docs/bench.md#seq-kv): a ring of the 32 latest whole-store versions and, per
 * requesting node, the index of the version it last touched. Requests that change nothing are
 * answered from a version no older than that cursor; mutations go to the newest.
 *
 * <p>Which version a request is first tried on depends on {@link SeqKvStaleness}: Maelstrom's uniform
 * draw between the cursor and the newest, or always the oldest one the node may still see.
 */
public final class SeqKv implements Service {
  static final int RETAINED_VERSIONS = 32;

  private final Random random;
  private final SeqKvStaleness staleness;
  /** Oldest first; the last element is version {@code last}. */
  private final List<Map<Object, Object>> ring = new ArrayList<>();
  private long last;
  private final Map<String, Long> cursors = new HashMap<>();

  public SeqKv(Random random) {
    this(random, SeqKvStaleness.UNIFORM);
  }

  public SeqKv(Random random, SeqKvStaleness staleness) {
    this.random = random;
    this.staleness = staleness;
    ring.add(Map.of());
  }

  @Override
  public String id() {
    return "seq-kv";
  }

  @Override
  public synchronized Map<String, Object> handle(String src, Map<String, Object> request) {
    long cursor = cursors.getOrDefault(src, 0L);
    long chosen =
        staleness == SeqKvStaleness.OLDEST
            ? Math.max(cursor, last - ring.size() + 1)
            : cursor + (long) (random.nextDouble() * (last - cursor + 1));
    Map<Object, Object> stale = versionAt(chosen);
    Kv.Outcome outcome;
    try {
      outcome = Kv.apply(stale, request, true);
    } catch (Kv.UnsupportedRequest e) {
      return null;
    }
    if (outcome.state() == stale) {
      cursors.put(src, chosen);
      return outcome.reply();
    }
    Kv.Outcome fresh = Kv.apply(ring.get(ring.size() - 1), request, true);
    ring.add(fresh.state());
    if (ring.size() > RETAINED_VERSIONS) {
      ring.remove(0);
    }
    last++;
    cursors.put(src, last);
    return fresh.reply();
  }

  /**
   * The version at offset {@code i - last - 1} from the newest, wrapped modulo the retained count:
   * exactly version i while it is retained, an arbitrary retained one once it has fallen off.
   */
  Map<Object, Object> versionAt(long i) {
    int retained = ring.size();
    int index = (int) Math.floorMod(i - last - 1, (long) retained);
    return ring.get(index);
  }

  synchronized long last() {
    return last;
  }
}
