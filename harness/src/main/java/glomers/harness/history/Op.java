package glomers.harness.history;

/**
 * One history entry, as Jepsen records it.
 *
 * <p>Values and errors are plain JSON-like Java data: {@code Long}, {@code Double}, {@code String},
 * {@code Boolean}, {@code List<Object>}, {@code Map<String, Object>} or null, so a history can be
 * written to the store and read back by a checker without the run.
 *
 * @param index position in the history, from 0
 * @param time nanoseconds since the start of the run
 * @param process worker process id, or {@link #NEMESIS}
 * @param f the operation, e.g. {@code "broadcast"}, {@code "read"}, {@code "start-partition"}
 * @param error null, or e.g. {@code ["net-timeout"]} / {@code ["precondition-failed", "text"]}
 * @param finalPhase true for the final reads after healing (g-counter's {@code :final? true})
 */
public record Op(
    long index,
    long time,
    OpType type,
    int process,
    String f,
    Object value,
    Object error,
    boolean finalPhase) {
  public static final int NEMESIS = -1;

  public boolean isClient() {
    return process != NEMESIS;
  }

  public boolean isInvoke() {
    return type == OpType.INVOKE;
  }

  public Op withIndex(long newIndex) {
    return new Op(newIndex, time, type, process, f, value, error, finalPhase);
  }
}
