package glomers.harness.report;

import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run whose files end before the run did. While a run goes on, {@value #FILE} in its folder says
 * so and how far the streamed files reach; a run that ends normally deletes it. So a folder that
 * still has it was cut short: {@code running} if the bench died (SIGKILL, a crash of the JVM),
 * {@code interrupted} if a signal stopped the run early.
 *
 * @param state {@code running} or {@code interrupted}
 * @param signal the signal that interrupted the run, null if it was not interrupted
 * @param phase the run's phase at the last write
 * @param timeNanos the last write's time, in ns since the start of the test (the history's clock): every op
 *     recorded up to it is in the files
 * @param at the last write's wall-clock time, ISO-8601
 */
public record CutShort(String state, String signal, String phase, long timeNanos, String at) {
  public static final String FILE = "partial.json";
  public static final String RUNNING = "running";
  public static final String INTERRUPTED = "interrupted";
  /** The error of the :info completion that {@link #closeOpen} gives an open invocation. */
  public static final String OPEN_ERROR = "indeterminate: the run was cut short before this op completed";

  /** Writes {@value #FILE} in {@code dir}, replacing it in one step so a kill never leaves half a file. */
  public static void write(Path dir, String state, String signal, String phase, long timeNanos) throws IOException {
    write(dir, state, signal, phase, timeNanos, Instant.now());
  }

  /** As above, for a moment {@code at} that was not now (the signal's). */
  public static void write(Path dir, String state, String signal, String phase, long timeNanos, Instant at)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", state);
    json.put("signal", signal);
    json.put("phase", phase);
    json.put("time", timeNanos);
    json.put("at", at.toString());
    Path tmp = dir.resolve(FILE + ".tmp");
    Files.writeString(tmp, Json.write(json) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The run ended normally: its files are whole. */
  public static void clear(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
  }

  /** The folder's cut-short record, or null if the run ended normally (or predates the record). */
  @SuppressWarnings("unchecked")
  public static CutShort read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Map<String, Object> m;
    try {
      m = Json.MAPPER.readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new IOException(file + " is not a cut-short record: " + e.getMessage(), e);
    }
    if (!(m.get("state") instanceof String state) || !(m.get("time") instanceof Number time)) {
      throw new IOException(file + " is not a cut-short record: it needs a state and a time");
    }
    return new CutShort(state, (String) m.get("signal"), (String) m.get("phase"), time.longValue(), (String) m.get("at"));
  }

  /**
   * {@code history} with an {@code :info} completion appended for each invocation that has none,
   * as a crashed client's ops end in Jepsen: they may or may not have taken effect. The completions
   * are timed at the cut, or at the last op if that is later.
   */
  public static List<Op> closeOpen(List<Op> history, long cutNanos) {
    Map<Integer, Op> open = new LinkedHashMap<>();
    long last = cutNanos;
    for (Op op : history) {
      if (op.isInvoke()) {
        open.put(op.process(), op);
      } else {
        open.remove(op.process());
      }
      last = Math.max(last, op.time());
    }
    if (open.isEmpty()) {
      return history;
    }
    List<Op> closed = new ArrayList<>(history.size() + open.size());
    closed.addAll(history);
    for (Op invoke : open.values()) {
      closed.add(new Op(closed.size(), last, OpType.INFO, invoke.process(), invoke.f(), invoke.value(), OPEN_ERROR,
          invoke.finalPhase()));
    }
    return closed;
  }

  /** How many invocations of {@code history} have no completion. */
  public static int openCount(List<Op> history) {
    Map<Integer, Boolean> open = new HashMap<>();
    for (Op op : history) {
      if (op.isInvoke()) {
        open.put(op.process(), true);
      } else {
        open.remove(op.process());
      }
    }
    return open.size();
  }

  /** The {@code cut-short} entry of results.json, for a history with {@code openInvocations} open invocations. */
  public Entry toResult(int openInvocations) {
    return new Entry(this, openInvocations);
  }

  /**
   * The {@code cut-short} entry of results.json. It is no checker: it is valid so that the verdict
   * stays the checkers', given on what the run recorded.
   */
  public record Entry(CutShort cut, int openInvocations) implements Result {
    @Override
    public Validity valid() {
      return Validity.TRUE;
    }

    /** The cut in words, for the summary. */
    public String summary() {
      return cut.summary(openInvocations);
    }

    @Override
    public Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("how", INTERRUPTED.equals(cut.state) ? "interrupted" : "killed");
      if (cut.signal != null) {
        json.put("signal", cut.signal);
      }
      json.put("phase", cut.phase);
      json.put("time", cut.timeNanos);
      json.put("at", cut.at);
      json.put("open-invocations", openInvocations);
      json.put("summary", summary());
      return Result.entry(Validity.TRUE, json);
    }
  }

  private String summary(int openInvocations) {
    String how =
        INTERRUPTED.equals(state)
            ? "interrupted by " + signal
            : "the bench stopped without finishing (killed?); its files reach";
    return String.format(
        java.util.Locale.ROOT,
        "%s %.1f s into the test, in phase %s (%s); %d open invocation%s counted as :info",
        how, timeNanos / 1e9, phase, at, openInvocations, openInvocations == 1 ? "" : "s");
  }
}
