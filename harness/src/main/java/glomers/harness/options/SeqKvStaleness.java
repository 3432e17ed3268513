package glomers.harness.options;

/** How stale the version a seq-kv request is first tried on may be ({@code --seq-kv-staleness}). */
public enum SeqKvStaleness {
  /** Maelstrom's: a uniform draw from the node's cursor to the newest version. */
  UNIFORM,
  /**
   * The harshest draw Maelstrom can make, every time: the node's cursor, or the oldest retained
   * version if the cursor has fallen off the ring. Every history this gives is one Maelstrom's
   * uniform draw can give too, and a node's versions never go back.
   */
  OLDEST;

  public String flag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The mode named {@code uniform} or {@code oldest}, or null. */
  public static SeqKvStaleness byFlag(String flag) {
    for (SeqKvStaleness s : values()) {
      if (s.flag().equals(flag)) {
        return s;
      }
    }
    return null;
  }
}
