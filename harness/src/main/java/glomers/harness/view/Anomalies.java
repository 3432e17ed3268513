package glomers.harness.view;

import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.report.LostValues;
import glomers.harness.report.Prose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report page's first section: why the run failed, in the words of the console summary and of
 * the explanation files ({@code elle/*.txt} for the txn workloads, {@code kafka/*.txt} for kafka,
 * {@code linearizability/*.txt} for lin-kv), with every "op N" they name turned into a link to
 * that op: its row in the ops table, its messages in the message view (both highlighted there),
 * and its bar on the timeline. Also which op the message view opens on: the first op an
 * explanation names, else the first that did not complete ok.
 */
final class Anomalies {
  /** Folders of explanation files, each {@code <name>.txt} one anomaly type (or lin-kv key) in words. */
  static final List<String> FOLDERS = List.of("elle", "kafka", "linearizability");
  private static final Pattern OP_REF = Pattern.compile("\\bop (\\d+)\\b");
  private static final int MAX_TEXT = 20_000;
  private static final int MAX_LOST = 20;

  /** The section's HTML. */
  final String html;
  /** Every op index the explanations name, in order. */
  final TreeSet<Long> named = new TreeSet<>();
  /** The op the message view opens on (a history index), or -1 for the first client op. */
  final long focus;

  private Anomalies(String html, long focus, TreeSet<Long> named) {
    this.html = html;
    this.focus = focus;
    this.named.addAll(named);
  }

  static Anomalies of(Path dir, RunData run) throws IOException {
    StringBuilder out = new StringBuilder("<section id=\"anomalies\"><h2>What went wrong</h2>\n");
    TreeSet<Long> named = new TreeSet<>();
    Map<String, Object> results = run.results();
    Object crash = run.info().get("crash");
    if (results == null) {
      out.append("<p>The run ").append(crash != null ? "aborted" : "stopped").append(" before its analysis, so no checker ran");
      if (crash != null) {
        out.append(":</p><div class=\"prose\">").append(Html.esc(crash)).append("</div>");
      } else {
        out.append(".</p>");
      }
      out.append("<p>The history, journal and node logs below show how far it got.</p></section>\n");
      return new Anomalies(out.toString(), firstNotOk(run.ops()), named);
    }
    if (Result.validityOf(results) == Validity.TRUE) {
      out.append("<p>Nothing: every checker found the run valid.</p></section>\n");
      return new Anomalies(out.toString(), -1, named);
    }
    List<String> failing = Prose.failingCheckers(results);
    out.append("<ul class=\"prose-list\">");
    for (String line : failing) {
      out.append("<li>").append(Html.esc(line)).append("</li>");
    }
    out.append("</ul>\n");
    List<Object> lost = LostValues.lost(results);
    if (!lost.isEmpty()) {
      out.append("<h3>Lost values</h3><p class=\"muted\">").append(lost.size()).append(" value(s) acknowledged, then missing from reads")
          .append(lost.size() > MAX_LOST ? "; the first " + MAX_LOST + " explained, all in results.json" : "").append(".</p>");
      out.append("<div class=\"prose\">");
      for (LostValues.Explained e : LostValues.explain(run.ops(), lost, run::nodeOf, MAX_LOST)) {
        out.append(links(Html.esc(e.text()), named)).append('\n');
      }
      out.append("</div>\n");
    }
    for (String folder : FOLDERS) {
      for (Map.Entry<String, String> file : files(dir.resolve(folder)).entrySet()) {
        String path = folder + "/" + file.getKey() + ".txt";
        out.append("<h3 class=\"explained\">").append(Html.esc(title(folder, file.getKey()))).append(" <a class=\"muted\" href=\"")
            .append(Html.esc(path)).append("\">").append(Html.esc(path)).append("</a></h3>");
        if ("linearizability".equals(folder)) {
          out.append("<p>Drawn and explained <a href=\"#lin-key-").append(Html.esc(file.getKey())).append("\">below</a>.</p>\n");
          links(Html.esc(file.getValue()), named);
          continue;
        }
        out.append("<div class=\"prose\">").append(links(Html.esc(Html.abbreviate(file.getValue(), MAX_TEXT)), named))
            .append("</div>\n");
      }
    }
    List<String> notOk = Prose.opsNotOk(run.ops(), run::nodeOf, 6);
    if (!notOk.isEmpty()) {
      out.append("<h3>Ops that did not complete ok, per <code>f</code></h3><div class=\"prose\">");
      for (String line : notOk) {
        out.append(links(Html.esc(line), null)).append('\n');
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
    long focus = named.isEmpty() ? firstNotOk(run.ops()) : named.first();
    return new Anomalies(out.toString(), focus, named);
  }

  private static String title(String folder, String name) {
    return switch (folder) {
      case "elle" -> "Anomaly " + name;
      case "kafka" -> "kafka: " + name;
      case "linearizability" -> "Key " + name + " is not linearizable";
      default -> name;
    };
  }

  /**
   * Turns each "op N" of escaped text into a link to that op on this page ({@code #op-N}: the report
   * script selects it); {@code named} collects the numbers, unless null.
   */
  static String links(String escaped, TreeSet<Long> named) {
    Matcher m = OP_REF.matcher(escaped);
    StringBuilder out = new StringBuilder(escaped.length() + 64);
    while (m.find()) {
      if (named != null) {
        named.add(Long.parseLong(m.group(1)));
      }
      m.appendReplacement(out, "<a class=\"op-link\" href=\"#op-$1\" data-op=\"$1\">op $1</a>");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The index of the first client op that completed other than ok, or -1. */
  private static long firstNotOk(List<Op> ops) {
    for (Op op : ops) {
      if (op.isClient() && op.type() != OpType.INVOKE && op.type() != OpType.OK) {
        return op.index();
      }
    }
    return -1;
  }

  static Map<String, String> files(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> txt = Files.newDirectoryStream(folder, "*.txt")) {
        for (Path file : txt) {
          String name = file.getFileName().toString();
          files.put(name.substring(0, name.length() - 4), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }
}
