package glomers.harness.view;

import glomers.harness.view.RunData.FaultKind;
import glomers.harness.view.RunData.FaultPeriod;
import glomers.harness.view.RunData.OpSpan;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code timeline.html}: one row per client process, each op a bar from its invocation to its
 * completion, coloured by outcome, its details (op, value, outcome, latency, error, node) in the
 * bar's hover title; faults shaded, each kind in its own colour (named in the legend): a partition
 * across every row, a killed or paused node across the rows of the processes that talk to it, with
 * the node and its stretch in the hover title. Static HTML and CSS, no script. Each bar is anchored
 * {@code #op-N} by its completion's history index, so checker explanations can link to it.
 */
public final class TimelinePage {
  private static final int ROW = 18;
  private static final int LEFT = 90;
  /** Room for "process 12 → n24": under kill and pause a row says which node it talks to. */
  private static final int LEFT_WITH_NODES = 120;

  private TimelinePage() {}

  /** Writes the page; returns the number of op bars. */
  public static int write(RunData run, List<OpSpan> spans, Path file) throws IOException {
    List<FaultPeriod> faults = run.faultPeriods();
    List<FaultKind> kinds = RunData.kinds(faults);
    boolean nodeFaults = kinds.contains(FaultKind.KILL) || kinds.contains(FaultKind.PAUSE);
    int left = nodeFaults ? LEFT_WITH_NODES : LEFT;
    long end = Math.max(run.historyEndMicros(), 1);
    for (OpSpan s : spans) {
      end = Math.max(end, s.endMicros(end));
    }
    double seconds = end / 1e6;
    double pxPerSecond = Math.max(50, Math.min(200, 2400 / Math.max(1, seconds)));
    int width = left + (int) Math.ceil(seconds * pxPerSecond) + 40;
    TreeSet<Integer> processes = new TreeSet<>();
    spans.forEach(s -> processes.add(s.invoke().process()));
    List<Integer> rows = List.copyOf(processes);
    java.util.Map<Integer, Integer> rowOf = new java.util.HashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      rowOf.put(rows.get(r), r);
    }
    int height = 30 + ROW * rows.size() + 10;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Timeline: " + Html.esc(run.workload())
          + "</title>\n<style>body{font:12px sans-serif;margin:10px}#t{position:relative;width:" + width + "px;height:" + height
          + "px}.op{position:absolute;height:" + (ROW - 4) + "px;min-width:2px;box-sizing:border-box;border-radius:2px}"
          + ".ok{background:" + Plots.cssColors().get("ok") + "}.info{background:" + Plots.cssColors().get("info")
          + "}.fail{background:" + Plots.cssColors().get("fail") + "}.invoke{background:#999}"
          + ".p{position:absolute;left:0;width:" + (left - 8) + "px;text-align:right;color:#555}"
          + ".tick{position:absolute;top:0;bottom:0;border-left:1px solid #eee;color:#888;padding-left:2px}"
          + ".nem,.dead,.paused{position:absolute;top:0;bottom:0;background:" + Plots.css(FaultKind.PARTITION, ".15") + "}"
          + ".dead{background:" + background(FaultKind.KILL, false) + "}.paused{background:" + background(FaultKind.PAUSE, false) + "}"
          + ".op:target{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 6px rgba(255,205,0,.8);z-index:1}"
          + ".legend span{display:inline-block;padding:1px 6px;margin-right:6px;color:white}</style></head><body>\n");
      out.write("<p><a href=\"index.html\">report</a> · " + Html.esc(run.workload()) + " · " + spans.size()
          + " client ops; hover a bar for its details. Time in seconds since the first op; a bar's anchor is its op index"
          + " (timeline.html#op-N), outlined when it is the one asked for.</p>\n");
      StringBuilder legend = new StringBuilder("<p class=\"legend\"><span class=\"ok\">ok</span><span class=\"fail\">fail</span>"
          + "<span class=\"info\">info</span><span class=\"invoke\">never completed</span>");
      // A run without faults, or with partitions only, keeps the one partition swatch it always had.
      for (FaultKind kind : nodeFaults ? kinds : List.of(FaultKind.PARTITION)) {
        legend.append("<span class=\"fault-").append(kind.name().toLowerCase()).append("\" style=\"background:")
            .append(background(kind, true)).append(";color:#333\">").append(shadeName(kind)).append("</span>");
      }
      out.write(legend + "</p>\n");
      out.write("<div id=\"t\">\n");
      for (FaultPeriod p : faults) {
        String from = Html.d1(x(left, p.start(), pxPerSecond));
        String span = Html.d1(Math.max(1, (p.end() - p.start()) / 1e6 * pxPerSecond));
        String when = Html.seconds(p.start()) + "–" + Html.seconds(p.end()) + " s";
        if (p.kind() == FaultKind.PARTITION || p.nodes().isEmpty()) {
          String what = p.kind() == FaultKind.PARTITION ? "partition" : "nodes " + p.kind().word + " (which is not known: the op failed)";
          out.write("<div class=\"" + cssClass(p.kind()) + "\" style=\"left:" + from + "px;width:" + span + "px\" title=\""
              + Html.esc(what + " " + when) + "\"></div>\n");
          continue;
        }
        // A dead or paused node shades the rows of the processes that talk to it.
        for (int r = 0; r < rows.size(); r++) {
          String node = run.nodeOf(rows.get(r));
          if (node != null && p.nodes().contains(node)) {
            out.write("<div class=\"" + cssClass(p.kind()) + "\" data-node=\"" + Html.esc(node) + "\" style=\"left:" + from
                + "px;width:" + span + "px;top:" + (24 + r * ROW) + "px;bottom:auto;height:" + ROW + "px\" title=\""
                + Html.esc(node + " " + p.kind().word + " " + when + " (process " + rows.get(r) + " talks to it)") + "\"></div>\n");
          }
        }
      }
      int step = seconds > 60 ? 10 : seconds > 20 ? 5 : 1;
      for (int s = 0; s <= seconds; s += step) {
        out.write("<div class=\"tick\" style=\"left:" + Html.d1(x(left, s * 1_000_000L, pxPerSecond)) + "px\">" + s + "</div>\n");
      }
      for (int r = 0; r < rows.size(); r++) {
        String node = run.nodeOf(rows.get(r));
        out.write("<div class=\"p\" style=\"top:" + (24 + r * ROW) + "px\"" + (node == null ? "" : " title=\"talks to " + Html.esc(node) + "\"")
            + ">process " + rows.get(r) + (nodeFaults && node != null ? " → " + Html.esc(node) : "") + "</div>\n");
      }
      StringBuilder bar = new StringBuilder(256);
      for (OpSpan s : spans) {
        int row = rowOf.get(s.invoke().process());
        long start = s.startMicros();
        long stop = s.endMicros(end);
        bar.setLength(0);
        String value = Html.brief(s.completion() == null ? s.invoke().value() : s.completion().value(), 200);
        bar.append("process ").append(s.invoke().process()).append(" → ").append(s.node()).append('\n')
            .append(s.invoke().f()).append(' ').append(Html.brief(s.invoke().value(), 200)).append('\n')
            .append(s.outcome()).append(' ').append(value).append(" (op ").append(s.completion() == null ? s.invoke().index()
                : s.completion().index()).append(")\n")
            .append(s.completion() == null ? "never completed" : Html.d1((stop - start) / 1e3) + " ms")
            .append(", invoked at ").append(MessageDiagram.seconds(start)).append(" s");
        if (s.completion() != null && s.completion().error() != null) {
          bar.append("\nerror ").append(Html.brief(s.completion().error(), 300));
        }
        if (s.invoke().finalPhase()) {
          bar.append("\nfinal phase");
        }
        // Anchored by the completion's index (the "op N" of checker explanations), else the invocation's.
        long anchor = s.completion() == null ? s.invoke().index() : s.completion().index();
        out.write("<div class=\"op " + s.outcome() + "\" id=\"op-" + anchor + "\" style=\"left:" + Html.d1(x(left, start, pxPerSecond)) + "px;top:"
            + (24 + row * ROW + 2) + "px;width:" + Html.d1(Math.max(2, (stop - start) / 1e6 * pxPerSecond)) + "px\" title=\""
            + Html.esc(bar) + "\"></div>\n");
      }
      out.write("</div>\n</body></html>\n");
    }
    return spans.size();
  }

  /**
   * A kind's CSS background, lighter on the rows than in the legend. A dead node's is hatched, so
   * that it differs from the grey of an op that never completed by more than its shade.
   */
  static String background(FaultKind kind, boolean legend) {
    if (kind == FaultKind.KILL) {
      return "repeating-linear-gradient(135deg," + Plots.css(kind, legend ? ".55" : ".3") + " 0 3px," + Plots.css(kind, legend ? ".2" : ".1")
          + " 3px 6px)";
    }
    return Plots.css(kind, legend ? ".3" : ".15");
  }

  static String cssClass(FaultKind kind) {
    return switch (kind) {
      case PARTITION -> "nem";
      case KILL -> "dead";
      case PAUSE -> "paused";
    };
  }

  static String shadeName(FaultKind kind) {
    return switch (kind) {
      case PARTITION -> "partition";
      case KILL -> "node killed";
      case PAUSE -> "node paused";
    };
  }

  private static double x(int left, long micros, double pxPerSecond) {
    return left + Math.max(0, micros) / 1e6 * pxPerSecond;
  }
}
