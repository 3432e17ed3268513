package glomers.harness.serve;

import com.fasterxml.jackson.databind.JsonNode;
import glomers.harness.checker.Result;
import glomers.harness.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The pages {@code maelstrom serve} writes itself: the list of runs, and a folder's listing. */
final class RunList {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSZ");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String STYLE = "<style>body{font:13px system-ui,sans-serif;margin:16px}table{border-collapse:collapse}"
      + "td,th{padding:3px 12px 3px 0;text-align:left}tr:nth-child(even){background:#f4f4f4}.valid{color:#2f855a;font-weight:bold}"
      + ".invalid{color:#c53030;font-weight:bold}.unknown{color:#b7791f;font-weight:bold}.crashed{color:#553c9a;font-weight:bold}"
      + ".muted{color:#777}</style>";

  /** One run folder: {@code <workload>/<timestamp>}. */
  record Run(Path dir, String workload, String stamp, ZonedDateTime time) {}

  private RunList() {}

  /** Every run of the store, newest first. Symlinks ({@code latest}, {@code current}) are skipped, not followed. */
  static List<Run> runs(Path root) throws IOException {
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> workloads = Files.list(root)) {
      for (Path workload : workloads.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        try (Stream<Path> dirs = Files.list(workload)) {
          for (Path dir : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
            if (Files.exists(dir.resolve("history.jsonl")) || Files.exists(dir.resolve("results.json")) || Files.exists(dir.resolve("jepsen.log"))) {
              String stamp = dir.getFileName().toString();
              ZonedDateTime time;
              try {
                time = ZonedDateTime.parse(stamp, STAMP);
              } catch (DateTimeParseException e) {
                time = null;
              }
              runs.add(new Run(dir, workload.getFileName().toString(), stamp, time));
            }
          }
        }
      }
    }
    runs.sort(Comparator.comparing((Run r) -> r.time() == null ? ZonedDateTime.parse("1970-01-01T00:00:00Z") : r.time())
        .thenComparing(Run::stamp).reversed());
    return runs;
  }

  static String page(Path root) throws IOException {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Runs in ").append(esc(root.getFileName()))
        .append("</title>").append(STYLE).append("</head><body>\n<h1>Runs</h1>\n");
    List<Run> runs = runs(root);
    if (runs.isEmpty()) {
      page.append("<p>No runs in ").append(esc(root)).append(" yet.</p>");
    } else {
      page.append("<table id=\"runs\"><tr><th>time</th><th>workload</th><th>nodes</th><th>verdict</th><th>ops (ok / all)</th>"
          + "<th>availability</th><th>servers msgs-per-op</th><th title=\"broadcast and g-set: how long a value took to be seen by"
          + " every node (stable latency); other workloads: latency of the client ops that ended ok\">latency ms, median / max"
          + " (stable, or of ok ops)</th><th>files</th></tr>\n");
      for (Run run : runs) {
        row(page, root, run);
      }
      page.append("</table>");
    }
    page.append("<p><a href=\"/").append("\">refresh</a> · serving ").append(esc(root)).append("</p></body></html>\n");
    return page.toString();
  }

  private static void row(StringBuilder page, Path root, Run run) {
    JsonNode results = read(run.dir().resolve("results.json"));
    JsonNode info = read(run.dir().resolve("run.json"));
    String href = "/" + root.relativize(run.dir()).toString().replace('\\', '/') + "/";
    // The same words as the run's report page.
    String verdict = results == null ? "crashed" : verdict(results.path(Result.VALID));
    int nodes = info != null && info.path("nodes").isArray() ? info.path("nodes").size() : nodesFromLog(run.dir());
    page.append("<tr class=\"run\"><td>").append(run.time() == null ? esc(run.stamp()) : run.time().format(SHOWN))
        .append("</td><td>").append(esc(run.workload())).append("</td><td>").append(nodes < 0 ? "?" : nodes)
        .append("</td><td class=\"").append(verdict).append("\">").append(verdict).append("</td>");
    if (results == null) {
      page.append("<td></td><td></td><td></td><td></td>");
    } else {
      page.append("<td>").append(text(results.at("/stats/ok-count"))).append(" / ").append(text(results.at("/stats/count")))
          .append("</td><td>").append(number(results.at("/availability/ok-fraction"), 4)).append("</td><td>")
          .append(number(results.at("/net/servers/msgs-per-op"), 2)).append("</td><td>");
      JsonNode latency = results.at("/workload/stable-latencies");
      String which = "stable";
      if (latency.isMissingNode()) {
        latency = results.at("/perf/ok-latency-ms/all");
        which = "ok ops";
      }
      page.append(text(latency.path("0.5"))).append(" / ").append(text(latency.path("1")));
      if (!latency.isMissingNode()) {
        page.append(" <span class=\"muted\">").append(which).append("</span>");
      }
      page.append("</td>");
    }
    page.append("<td>");
    if (Files.exists(run.dir().resolve("index.html"))) {
      page.append("<a class=\"report\" href=\"").append(esc(href)).append("index.html\">report</a> ");
    }
    page.append("<a href=\"").append(esc(href)).append("\">files</a></td></tr>\n");
  }

  private static String verdict(JsonNode valid) {
    if (valid.isBoolean()) {
      return valid.booleanValue() ? "valid" : "invalid";
    }
    return "unknown";
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? "–" : esc(node.asText());
  }

  private static String number(JsonNode node, int decimals) {
    return node != null && node.isNumber() ? String.format("%." + decimals + "f", node.doubleValue()) : "–";
  }

  private static JsonNode read(Path file) {
    try {
      return Files.exists(file) ? Json.parse(Files.readString(file, StandardCharsets.UTF_8)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Older runs have no run.json: their node count is in jepsen.log's options line. */
  private static int nodesFromLog(Path dir) {
    try (Stream<String> lines = Files.lines(dir.resolve("jepsen.log"), StandardCharsets.UTF_8)) {
      return lines.limit(5).filter(l -> l.contains("Test options: ")).findFirst()
          .map(l -> {
            try {
              JsonNode options = Json.parse(l.substring(l.indexOf("Test options: ") + 14));
              return options.path("nodes").size();
            } catch (IOException e) {
              return -1;
            }
          })
          .orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String folder(Path root, Path dir, String rawPath) throws IOException {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>").append(esc(rawPath)).append("</title>")
        .append(STYLE).append("</head><body>\n<p><a href=\"/\">all runs</a></p><h1>").append(esc(rawPath)).append("</h1><ul>\n");
    if (!dir.equals(root)) {
      page.append("<li><a href=\"../\">..</a></li>\n");
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        String name = child.getFileName().toString() + (Files.isDirectory(child) ? "/" : "");
        page.append("<li><a href=\"").append(esc(encode(name))).append("\">").append(esc(name)).append("</a></li>\n");
      }
    }
    page.append("</ul></body></html>\n");
    return page.toString();
  }

  private static String encode(String name) {
    return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }

  static String esc(Object value) {
    return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
