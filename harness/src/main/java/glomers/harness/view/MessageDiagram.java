package glomers.harness.view;

import glomers.harness.view.RunData.FaultKind;
import glomers.harness.view.RunData.FaultPeriod;
import glomers.harness.view.RunData.Message;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code messages.svg}: a Lamport diagram with one column per node and service, all clients in one
 * column, time going down (seconds since the first op) and one arrow per message labelled with its
 * type and its body (abbreviated; whole in the hover title). Faults are shaded, each kind in its own
 * colour with a legend at the top: a partition across every column, a killed or paused node down
 * its own column for its dead or paused stretch. The column names repeat every {@value
 * #HEADER_EVERY} px, and a message never delivered (dropped by a partition, or sent to a node that
 * died) is a dashed arrow ending in a cross at its destination.
 *
 * <p>Maelstrom's is 200,000 px tall for a 25-node broadcast. This one stays usable: time is drawn at
 * {@value #PX_PER_MS} px per ms, but any quiet gap between two events is shortened to at most
 * {@value #MAX_GAP_PX} px (marked with a dashed line and its real length), and the diagram stops
 * after {@value #MAX_ARROWS} messages or {@value #MAX_HEIGHT} px, whichever comes first, with a note
 * saying how many messages it shows out of how many, at the top and where it stops; {@code
 * index.html}'s message view browses the whole journal.
 */
public final class MessageDiagram {
  static final double PX_PER_MS = 2;
  static final double MAX_GAP_PX = 30;
  static final int MAX_ARROWS = 2000;
  static final int MAX_HEIGHT = 12_000;
  static final int HEADER_EVERY = 800;
  private static final int BODY_CHARS = 48;
  private static final int TOP = 70;
  private static final int LEFT = 70;

  private MessageDiagram() {}

  /** Writes the diagram; returns the number of arrows drawn. */
  public static int write(RunData run, Path file) throws IOException {
    List<Message> messages = new ArrayList<>(run.messages());
    messages.sort(Comparator.comparingLong(Message::send).thenComparingLong(Message::id));
    return write(run, messages, new Columns(run), file);
  }

  /** Writes the diagram of {@code messages}, sorted by send time; returns the number of arrows drawn. */
  static int write(RunData run, List<Message> messages, Columns columns, Path file) throws IOException {
    // Event times of the candidates, for the compressed time scale.
    int candidates = Math.min(messages.size(), MAX_ARROWS);
    long[] times = new long[candidates * 2];
    int n = 0;
    for (int i = 0; i < candidates; i++) {
      Message m = messages.get(i);
      times[n++] = m.send();
      if (m.delivered()) {
        times[n++] = m.recv();
      }
    }
    times = Arrays.copyOf(times, n);
    Arrays.sort(times);
    double[] ys = new double[n];
    List<long[]> gaps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        ys[i] = TOP + 20;
        continue;
      }
      double dy = (times[i] - times[i - 1]) / 1000.0 * PX_PER_MS;
      if (dy > MAX_GAP_PX) {
        gaps.add(new long[] {times[i - 1], times[i]});
        dy = MAX_GAP_PX;
      }
      ys[i] = ys[i - 1] + dy;
    }
    int shown = 0;
    double bottom = TOP + 40;
    for (int i = 0; i < candidates; i++) {
      Message m = messages.get(i);
      double y = y(times, ys, m.send());
      if (y > MAX_HEIGHT) {
        break;
      }
      bottom = Math.max(bottom, m.delivered() ? y(times, ys, m.recv()) : y + 20);
      shown++;
    }
    int colWidth = Math.max(70, Math.min(160, 1100 / Math.max(1, columns.names.size())));
    int width = LEFT + colWidth * columns.names.size() + 20;
    boolean cut = shown < messages.size();
    int height = (int) bottom + (cut ? 70 : 40);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
          + "\" font-family=\"sans-serif\" font-size=\"10\">\n");
      out.write("<defs><marker id=\"a\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\""
          + " orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#444\"/></marker>"
          // A dead node's column is hatched, as on the timeline.
          + "<pattern id=\"dead\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
          + "<rect width=\"6\" height=\"6\" fill=\"" + Plots.css(FaultKind.KILL, "0.08") + "\"/><rect width=\"3\" height=\"6\" fill=\""
          + Plots.css(FaultKind.KILL, "0.25") + "\"/></pattern></defs>\n");
      out.write("<style>.msg{stroke:#444;stroke-width:1}.dropped{stroke:#c53030;stroke-dasharray:4 3}.cross{stroke:#c53030;stroke-width:2}"
          + ".t{fill:#333}.gap{stroke:#aaa;stroke-dasharray:2 4}.life{stroke:#ccc}.nem{fill:rgba(255,80,80,0.10)}"
          + ".dead{fill:url(#dead)}.paused{fill:" + Plots.css(FaultKind.PAUSE, "0.15") + "}"
          + ".body{fill:#777;font-size:9px}.head{font-size:12px;font-weight:bold}</style>\n");
      out.write("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
      String note = shown == messages.size()
          ? "All " + messages.size() + " messages of the run."
          : "The first " + shown + " of " + messages.size() + " messages (until "
              + seconds(messages.get(Math.max(0, shown - 1)).send())
              + " s); index.html's message view shows the whole journal.";
      List<FaultPeriod> faults = run.faultPeriods();
      List<FaultKind> kinds = RunData.kinds(faults);
      boolean nodeFaults = kinds.contains(FaultKind.KILL) || kinds.contains(FaultKind.PAUSE);
      // A run with partitions only (or none) keeps the words it always had.
      out.write("<text x=\"10\" y=\"18\" font-size=\"12\">" + Html.esc(note)
          + " Time goes down, in s since the first op; quiet gaps are shortened (dashed lines, real length on the left)"
          + (nodeFaults ? "; shaded: faults, below." : "; shaded: partitions; dashed red with a cross: dropped by a partition.")
          + "</text>\n");
      if (nodeFaults) {
        int lx = 10;
        for (FaultKind kind : kinds) {
          String label = TimelinePage.shadeName(kind) + (kind == FaultKind.PARTITION ? " (every column)" : " (its column)");
          out.write("<g class=\"legend\"><rect class=\"" + TimelinePage.cssClass(kind) + "\" x=\"" + lx + "\" y=\"28\" width=\"14\" height=\"10\""
              + " stroke=\"#999\" stroke-width=\"0.5\"" + (kind == FaultKind.KILL ? "" : " style=\"fill:" + Plots.css(kind, "0.3") + "\"")
              + "/><text x=\"" + (lx + 18) + "\" y=\"37\">" + Html.esc(label) + "</text></g>\n");
          lx += 30 + (int) (label.length() * 5.5);
        }
        out.write("<text x=\"" + lx + "\" y=\"37\">dashed red with a cross: never delivered (a partition, or a dead node)</text>\n");
      }
      double end = cut ? bottom : height;
      for (FaultPeriod p : faults) {
        double a = y(times, ys, p.start());
        double b = Math.min(end, y(times, ys, p.end()));
        if (b <= a) {
          continue;
        }
        String when = Html.seconds(p.start()) + "–" + Html.seconds(p.end()) + " s";
        if (p.kind() == FaultKind.PARTITION || p.nodes().isEmpty()) {
          String what = p.kind() == FaultKind.PARTITION ? "partition" : "nodes " + p.kind().word + " (which is not known: the op failed)";
          out.write("<rect class=\"" + TimelinePage.cssClass(p.kind()) + "\" x=\"" + LEFT + "\" y=\"" + Html.d1(a) + "\" width=\""
              + (width - LEFT) + "\" height=\"" + Html.d1(b - a) + "\"><title>" + Html.esc(what + " " + when) + "</title></rect>\n");
          continue;
        }
        for (String node : p.nodes()) {
          if (!columns.names.contains(node)) {
            continue;
          }
          out.write("<rect class=\"" + TimelinePage.cssClass(p.kind()) + "\" data-node=\"" + Html.esc(node) + "\" x=\""
              + (LEFT + colWidth * columns.of(node)) + "\" y=\"" + Html.d1(a) + "\" width=\"" + colWidth + "\" height=\""
              + Html.d1(b - a) + "\"><title>" + Html.esc(node + " " + p.kind().word + " " + when) + "</title></rect>\n");
        }
      }
      for (int c = 0; c < columns.names.size(); c++) {
        int x = LEFT + colWidth * c + colWidth / 2;
        out.write("<line class=\"life\" x1=\"" + x + "\" y1=\"" + TOP + "\" x2=\"" + x + "\" y2=\"" + (height - 10) + "\"/>\n");
      }
      // The column names at the top and again every HEADER_EVERY px, so a long diagram keeps them in sight.
      for (int y = TOP - 10; y < bottom; y += HEADER_EVERY) {
        out.write("<g class=\"header\">");
        if (y > TOP) {
          out.write("<rect x=\"" + LEFT + "\" y=\"" + (y - 13) + "\" width=\"" + (width - LEFT) + "\" height=\"17\" fill=\"white\" opacity=\"0.85\"/>");
        }
        for (int c = 0; c < columns.names.size(); c++) {
          int x = LEFT + colWidth * c + colWidth / 2;
          out.write("<text class=\"head\" x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"middle\">" + Html.esc(columns.names.get(c)) + "</text>");
        }
        out.write("</g>\n");
      }
      for (long[] gap : gaps) {
        double y = (y(times, ys, gap[0]) + y(times, ys, gap[1])) / 2;
        if (y > bottom) {
          break;
        }
        out.write("<line class=\"gap\" x1=\"0\" y1=\"" + Html.d1(y) + "\" x2=\"" + width + "\" y2=\"" + Html.d1(y)
            + "\"/><text x=\"2\" y=\"" + Html.d1(y - 2) + "\" fill=\"#888\">+" + seconds(gap[1] - gap[0]) + " s</text>\n");
      }
      double lastTimeLabel = -1000;
      for (int i = 0; i < shown; i++) {
        Message m = messages.get(i);
        double x1 = LEFT + colWidth * columns.of(m.src()) + colWidth / 2.0;
        double x2 = LEFT + colWidth * columns.of(m.dest()) + colWidth / 2.0;
        double y1 = y(times, ys, m.send());
        if (y1 - lastTimeLabel > 60) {
          out.write("<text x=\"2\" y=\"" + Html.d1(y1 + 3) + "\" class=\"t\">" + seconds(m.send()) + " s</text>\n");
          lastTimeLabel = y1;
        }
        double y2;
        String cls;
        if (m.delivered()) {
          y2 = y(times, ys, m.recv());
          cls = "msg";
        } else {
          // No receive time: the arrow ends at its destination's column, a little below, in a cross.
          y2 = y1 + 15;
          cls = "msg dropped";
        }
        String title = m.src() + " → " + m.dest() + " #" + m.id() + " sent " + seconds(m.send()) + " s"
            + (m.delivered() ? ", received " + seconds(m.recv()) + " s" : ", never delivered") + "\n" + Html.abbreviate(m.body(), 300);
        double lx = (x1 + x2) / 2;
        double ly = (y1 + y2) / 2 - 2;
        out.write("<g><title>" + Html.esc(title) + "</title><line class=\"" + cls + "\" x1=\"" + Html.d1(x1) + "\" y1=\""
            + Html.d1(y1) + "\" x2=\"" + (x1 == x2 ? String.valueOf(x2 + 0.01) : Html.d1(x2)) + "\" y2=\"" + Html.d1(y2) + "\""
            + (m.delivered() ? " marker-end=\"url(#a)\"" : "") + "/>");
        if (!m.delivered()) {
          out.write("<path class=\"cross\" d=\"M" + Html.d1(x2 - 4) + "," + Html.d1(y2 - 4) + "L" + Html.d1(x2 + 4) + "," + Html.d1(y2 + 4)
              + "M" + Html.d1(x2 + 4) + "," + Html.d1(y2 - 4) + "L" + Html.d1(x2 - 4) + "," + Html.d1(y2 + 4) + "\"/>");
        }
        out.write("<text x=\"" + Html.d1(lx) + "\" y=\"" + Html.d1(ly) + "\" text-anchor=\"middle\">" + Html.esc(m.type())
            + "<tspan class=\"body\" x=\"" + Html.d1(lx) + "\" dy=\"10\">" + Html.esc(body(m.body())) + "</tspan></text></g>\n");
      }
      if (cut) {
        out.write("<text x=\"10\" y=\"" + Html.d1(bottom + 40) + "\" font-size=\"12\" font-weight=\"bold\" fill=\"#c53030\">"
            + Html.esc("The diagram stops here, after " + shown + " of " + messages.size() + " messages; index.html's message view"
                + " shows the whole journal.") + "</text>\n");
      }
      out.write("</svg>\n");
    }
    return shown;
  }

  /** A body for the arrow's label: without its type (shown above it), cut to a few dozen characters. */
  static String body(String json) {
    String rest = json.replaceFirst("\"type\":\"[^\"]*\",?", "").replace(",}", "}");
    return Html.abbreviate(rest, BODY_CHARS);
  }

  private static double y(long[] times, double[] ys, long t) {
    int i = Arrays.binarySearch(times, t);
    if (i >= 0) {
      return ys[i];
    }
    int at = -i - 1;
    return at < ys.length ? ys[at] : (ys.length == 0 ? TOP : ys[ys.length - 1]);
  }

  static String seconds(long micros) {
    return Html.seconds(micros);
  }
}
