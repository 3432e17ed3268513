package glomers.harness.report;

import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code exceptions} entry of results.json: the errors the nodes logged on stderr, read back
 * from {@code node-logs/<id>.log} after the run.
 *
 * <p>It recognises the runtime's own wording (runtime/.../MaelstromNode.java): {@code "<id> handler
 * for 'add' threw:"}, {@code "<id> reply continuation threw:"} (and the other {@code "... threw:"}
 * and {@code "the reply to X failed:"} lines), each followed by the exception's first line; when
 * that line says {@code "no codec for ..."} the error is counted as {@code no-codec}, else as
 * {@code exception}. A JVM's {@code Exception in thread ...} counts as an {@code exception} too.
 *
 * <p>These errors never make a run invalid on their own (docs/bench.md#node-errors): Maelstrom's
 * exceptions checker only looks at client-side exceptions, a node may log a failure it recovers
 * from, and a request the node failed to answer already shows in the history as a failed or timed
 * out op. They are counted and named in the summary.
 */
public final class NodeLogs {
  public static final String NO_CODEC = "no-codec";
  public static final String EXCEPTION = "exception";

  private static final Pattern THREW = Pattern.compile(".*( threw:| failed:|task failed on the event loop:)\\s*$");
  private static final int MAX_LINE = 200;

  private NodeLogs() {}

  /** One node's log: its path in the run's folder, its line count, its errors by kind and the first (null if none). */
  public record LogFile(String path, long lines, long noCodec, long exceptions, String firstError) {
    public long errors() {
      return noCodec + exceptions;
    }

    Map<String, Object> json() {
      Map<String, Object> log = new LinkedHashMap<>();
      log.put("lines", lines);
      log.put(NO_CODEC, noCodec);
      log.put(EXCEPTION, exceptions);
      if (firstError != null) {
        log.put("first-error", firstError);
      }
      log.put("path", path);
      return log;
    }
  }

  /** The errors the nodes logged, per non-empty log (n2 before n10); always valid. */
  public record Errors(Map<String, LogFile> logs) implements Result {
    public long noCodec() {
      return logs.values().stream().mapToLong(LogFile::noCodec).sum();
    }

    public long exceptions() {
      return logs.values().stream().mapToLong(LogFile::exceptions).sum();
    }

    public long count() {
      return noCodec() + exceptions();
    }

    @Override
    public Validity valid() {
      return Validity.TRUE;
    }

    /**
     * The verdict (always true), then {@code {"count": N, "no-codec-count": a, "exception-count": b, "logs": {"n0":
     * {"lines": L, "no-codec": a, "exception": b, "first-error": "...", "path": "node-logs/n0.log"}}}};
     * {@code first-error} is the first error's line and the exception's own first line, or absent
     * when the log has no error.
     */
    @Override
    public Map<String, Object> json() {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("count", count());
      result.put("no-codec-count", noCodec());
      result.put("exception-count", exceptions());
      Map<String, Object> json = new LinkedHashMap<>();
      logs.forEach((node, log) -> json.put(node, log.json()));
      result.put("logs", json);
      return Result.entry(Validity.TRUE, result);
    }
  }

  /** The errors of the run's node logs; none for a run without node-logs/. */
  public static Errors scan(Path runDir) {
    Path logsDir = runDir.resolve("node-logs");
    Map<String, LogFile> logs = new TreeMap<>(NodeLogs::byNodeId);
    if (Files.isDirectory(logsDir)) {
      List<Path> files;
      try (Stream<Path> list = Files.list(logsDir)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
      } catch (IOException e) {
        files = List.of();
      }
      for (Path file : files) {
        LogFile log = scanFile(file, runDir.relativize(file).toString());
        if (log == null) {
          continue;
        }
        String name = file.getFileName().toString();
        logs.put(name.substring(0, name.length() - ".log".length()), log);
      }
    }
    return new Errors(logs);
  }

  /** n2 before n10. */
  private static int byNodeId(String a, String b) {
    String da = a.replaceAll("\\D", "");
    String db = b.replaceAll("\\D", "");
    if (!da.isEmpty() && !db.isEmpty() && da.length() < 10 && db.length() < 10 && !a.equals(b)
        && a.replaceAll("\\d", "").equals(b.replaceAll("\\d", ""))) {
      return Long.compare(Long.parseLong(da), Long.parseLong(db));
    }
    return a.compareTo(b);
  }

  /** One log's counts, or null if it is empty or unreadable. */
  static LogFile scanFile(Path file, String path) {
    long lines = 0;
    long noCodec = 0;
    long exceptions = 0;
    String firstError = null;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String pending = null;
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        String kind = null;
        String text = null;
        if (pending != null) {
          // The line after "... threw:" is the exception's own toString().
          kind = line.contains("no codec for ") ? NO_CODEC : EXCEPTION;
          text = pending + " " + line.strip();
          pending = null;
        } else if (THREW.matcher(line).matches()) {
          pending = line.strip();
          continue;
        } else if (line.contains("no codec for ")) {
          kind = NO_CODEC;
          text = line.strip();
        } else if (line.startsWith("Exception in thread ")) {
          kind = EXCEPTION;
          text = line.strip();
        }
        if (kind == null) {
          continue;
        }
        if (kind.equals(NO_CODEC)) {
          noCodec++;
        } else {
          exceptions++;
        }
        if (firstError == null) {
          firstError = abbreviate(text);
        }
      }
      if (pending != null) {
        exceptions++;
        if (firstError == null) {
          firstError = abbreviate(pending);
        }
      }
    } catch (IOException e) {
      return null;
    }
    if (lines == 0) {
      return null;
    }
    return new LogFile(path, lines, noCodec, exceptions, firstError);
  }

  private static String abbreviate(String s) {
    return s.length() <= MAX_LINE ? s : s.substring(0, MAX_LINE) + "...";
  }

  /** The summary's lines about node logs: at most {@code max} logs, errors first. */
  static List<String> summaryLines(Errors errors, Path runDir, int max) {
    List<String> lines = new ArrayList<>();
    if (errors == null || errors.logs().isEmpty()) {
      return lines;
    }
    if (errors.count() > 0) {
      lines.add(String.format("  node errors: %s (no codec %s, uncaught exceptions %s), in results.json exceptions",
          errors.count(), errors.noCodec(), errors.exceptions()));
    }
    List<Map.Entry<String, LogFile>> ordered = new ArrayList<>();
    errors.logs().entrySet().stream().filter(x -> x.getValue().firstError() != null).forEach(ordered::add);
    errors.logs().entrySet().stream().filter(x -> x.getValue().firstError() == null).forEach(ordered::add);
    lines.add("  node logs (not empty): " + errors.logs().size());
    int shown = 0;
    for (Map.Entry<String, LogFile> entry : ordered) {
      if (shown == max) {
        lines.add("    ... and " + (ordered.size() - shown) + " more in " + runDir.resolve("node-logs"));
        break;
      }
      LogFile log = entry.getValue();
      Path path = runDir.resolve(log.path());
      if (log.firstError() != null) {
        long n = log.errors();
        lines.add("    " + entry.getKey() + ": " + n + " error" + (n == 1 ? "" : "s") + ", first: " + log.firstError() + " (" + path + ")");
      } else {
        lines.add("    " + entry.getKey() + ": " + log.lines() + " lines, no errors (" + path + ")");
      }
      shown++;
    }
    return lines;
  }
}
