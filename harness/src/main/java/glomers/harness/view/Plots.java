package glomers.harness.view;

import glomers.harness.view.RunData.FaultKind;
import glomers.harness.view.RunData.FaultPeriod;
import glomers.harness.view.RunData.OpSpan;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.SeriesRenderingOrder;
import java.text.DecimalFormat;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Maelstrom's three perf plots, drawn with JFreeChart at Maelstrom's 900 × 400 px: {@code
 * latency-raw.png}, {@code latency-quantiles.png} and {@code rate.png}. Time is seconds since the
 * first op, as in Maelstrom (the invocation for latencies, the completion for rates); faults are
 * shaded, each kind in its own colour, named in the legend and the title. Each {@code f} has its own marker shape and each outcome its own colour
 * (ok blue, info orange, fail red), so kafka's {@code assign ok} and {@code send ok} differ.
 * Buckets are sized for about 40 per run, so a 20 s run gets half-second points instead of
 * Maelstrom's two.
 */
public final class Plots {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 400;
  static final String X_LABEL = "time since the first op (s)";
  static final Color OK = new Color(0x2b6cb0);
  static final Color INFO = new Color(0xdd8a1c);
  static final Color FAIL = new Color(0xc53030);
  /** Partitions red, kills grey, pauses blue: told apart by hue and by lightness, so by colour-blind eyes too. */
  static final Color NEMESIS = new Color(255, 80, 80, 40);
  static final Color KILL = new Color(70, 70, 70, 45);
  static final Color PAUSE = new Color(0, 114, 178, 40);
  private static final double[] QUANTILES = {0.5, 0.95, 0.99, 1};
  private static final Color[] QUANTILE_COLORS = {
    new Color(0x2f855a), new Color(0x2b6cb0), new Color(0x805ad5), new Color(0xc53030)
  };
  /** JFreeChart's ten standard shapes (square, circle, triangles, diamond, ...), one per f. */
  private static final Shape[] SHAPES = org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();
  private static final double[] STEPS = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300};

  private Plots() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Writes the three plots into {@code dir}. */
  public static void write(Path dir, List<OpSpan> spans, List<FaultPeriod> nemesis, long endMicros) throws IOException {
    List<OpSpan> done = spans.stream().filter(s -> s.completion() != null).toList();
    double end = Math.max(1, endMicros / 1e6);
    double bucket = bucketSeconds(end);
    save(latencyRaw(done, nemesis), dir.resolve("latency-raw.png"));
    save(latencyQuantiles(done, nemesis, bucket), dir.resolve("latency-quantiles.png"));
    save(rate(done, nemesis, bucket, end), dir.resolve("rate.png"));
  }

  /** A round bucket width giving about 40 buckets over {@code seconds}. */
  static double bucketSeconds(double seconds) {
    for (double step : STEPS) {
      if (seconds / step <= 40) {
        return step;
      }
    }
    return STEPS[STEPS.length - 1];
  }

  static Color colorOf(String outcome) {
    return switch (outcome) {
      case "ok" -> OK;
      case "fail" -> FAIL;
      default -> INFO;
    };
  }

  private static double latencyMs(OpSpan s) {
    return Math.max(0.001, (s.completion().time() - s.invoke().time()) / 1e6);
  }

  static JFreeChart latencyRaw(List<OpSpan> done, List<FaultPeriod> nemesis) {
    Map<String, XYSeries> series = new TreeMap<>();
    for (OpSpan s : done) {
      String key = s.invoke().f() + " " + s.outcome();
      series.computeIfAbsent(key, k -> new XYSeries(k, false, true)).add(s.invoke().time() / 1e9, latencyMs(s));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    List<String> fs = new ArrayList<>(new TreeSet<>(done.stream().map(s -> s.invoke().f()).toList()));
    int i = 0;
    for (XYSeries s : series.values()) {
      data.addSeries(s);
      String[] parts = ((String) s.getKey()).split(" ");
      renderer.setSeriesPaint(i, colorOf(parts[parts.length - 1]));
      renderer.setSeriesShape(i, shape(fs.indexOf(((String) s.getKey()).substring(0, ((String) s.getKey()).lastIndexOf(' ')))));
      i++;
    }
    return chart("Latency of each op", data, renderer, logAxis("latency (ms)"), nemesis);
  }

  static JFreeChart latencyQuantiles(List<OpSpan> done, List<FaultPeriod> nemesis, double bucket) {
    Map<String, TreeMap<Integer, List<Double>>> byF = new TreeMap<>();
    for (OpSpan s : done) {
      if (!"ok".equals(s.outcome())) {
        continue;
      }
      int b = (int) Math.floor(s.invoke().time() / 1e9 / bucket);
      byF.computeIfAbsent(s.invoke().f(), f -> new TreeMap<>()).computeIfAbsent(b, k -> new ArrayList<>()).add(latencyMs(s));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    // The same shape per f as the other two plots, which also count the fs with no ok op.
    List<String> fs = new ArrayList<>(new TreeSet<>(done.stream().map(s -> s.invoke().f()).toList()));
    int i = 0;
    for (Map.Entry<String, TreeMap<Integer, List<Double>>> f : byF.entrySet()) {
      int fIndex = fs.indexOf(f.getKey());
      for (int q = 0; q < QUANTILES.length; q++) {
        XYSeries s = new XYSeries(f.getKey() + " " + (QUANTILES[q] == 1 ? "1" : String.valueOf(QUANTILES[q])), false, true);
        Integer previous = null;
        for (Map.Entry<Integer, List<Double>> b : f.getValue().entrySet()) {
          if (previous != null && b.getKey() > previous + 1) {
            s.add((previous + 1.5) * bucket, null); // no line across buckets without ops
          }
          previous = b.getKey();
          double[] sorted = b.getValue().stream().mapToDouble(Double::doubleValue).toArray();
          Arrays.sort(sorted);
          s.add((b.getKey() + 0.5) * bucket, quantile(sorted, QUANTILES[q]));
        }
        data.addSeries(s);
        renderer.setSeriesPaint(i, QUANTILE_COLORS[q]);
        renderer.setSeriesShape(i, shape(fIndex));
        renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        i++;
      }
    }
    return chart(
        "Latency quantiles of ok ops (" + trim(bucket) + " s buckets)", data, renderer, logAxis("latency (ms)"), nemesis);
  }

  static JFreeChart rate(List<OpSpan> done, List<FaultPeriod> nemesis, double bucket, double endSeconds) {
    int buckets = (int) Math.ceil(endSeconds / bucket) + 1;
    Map<String, double[]> counts = new TreeMap<>();
    for (OpSpan s : done) {
      int b = (int) Math.floor(s.completion().time() / 1e9 / bucket);
      if (b >= 0 && b < buckets) {
        counts.computeIfAbsent(s.invoke().f() + " " + s.outcome(), k -> new double[buckets])[b]++;
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    List<String> fs = new ArrayList<>(new TreeSet<>(done.stream().map(s -> s.invoke().f()).toList()));
    int i = 0;
    for (Map.Entry<String, double[]> e : counts.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false, true);
      for (int b = 0; b < buckets; b++) {
        s.add((b + 0.5) * bucket, e.getValue()[b] / bucket);
      }
      data.addSeries(s);
      String key = e.getKey();
      renderer.setSeriesPaint(i, colorOf(key.substring(key.lastIndexOf(' ') + 1)));
      renderer.setSeriesShape(i, shape(fs.indexOf(key.substring(0, key.lastIndexOf(' ')))));
      i++;
    }
    NumberAxis y = new NumberAxis("throughput (ops/s)");
    return chart("Throughput by f and outcome (" + trim(bucket) + " s buckets)", data, renderer, y, nemesis);
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[index];
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static Shape shape(int index) {
    return SHAPES[Math.max(0, index) % SHAPES.length];
  }

  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(0.001);
    axis.setAutoRangeMinimumSize(1);
    // Ticks at powers of ten, written as plain numbers (0.1, 1, 10, 100) rather than 10^1.4.
    axis.setTickUnit(new NumberTickUnit(1), false, true);
    axis.setNumberFormatOverride(new DecimalFormat("0.###"));
    axis.setMinorTickCount(9);
    axis.setMinorTickMarksVisible(true);
    return axis;
  }

  private static JFreeChart chart(
      String title, XYSeriesCollection data, XYLineAndShapeRenderer renderer, ValueAxis y, List<FaultPeriod> nemesis) {
    NumberAxis x = new NumberAxis(X_LABEL);
    x.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    for (FaultPeriod period : nemesis) {
      plot.addDomainMarker(new IntervalMarker(period.start() / 1e6, period.end() / 1e6, color(period.kind())), Layer.BACKGROUND);
    }
    List<FaultKind> kinds = RunData.kinds(nemesis);
    if (!kinds.isEmpty()) {
      title += "; shaded: " + String.join(", ", kinds.stream().map(Plots::shadeName).toList());
    }
    if (kinds.contains(FaultKind.KILL) || kinds.contains(FaultKind.PAUSE)) {
      // The series' own items, then one swatch per kind of fault present; a run with partitions only
      // keeps the plots it always had, the title naming the one shade.
      LegendItemCollection items = new LegendItemCollection();
      items.addAll(plot.getLegendItems());
      for (FaultKind kind : kinds) {
        Color c = color(kind);
        LegendItem item = new LegendItem(shadeName(kind), new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.min(255, c.getAlpha() * 3)));
        item.setShape(new java.awt.Rectangle(0, 0, 14, 9));
        items.add(item);
      }
      plot.setFixedLegendItems(items);
    }
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 13), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    // Shapes without anti-aliasing draw about twice as fast in software; text stays smooth.
    chart.setAntiAlias(false);
    chart.setTextAntiAlias(true);
    return chart;
  }

  static Color color(FaultKind kind) {
    return switch (kind) {
      case PARTITION -> NEMESIS;
      case KILL -> KILL;
      case PAUSE -> PAUSE;
    };
  }

  /** The legend's name for a kind's shade. */
  static String shadeName(FaultKind kind) {
    return switch (kind) {
      case PARTITION -> "partitions";
      case KILL -> "killed nodes";
      case PAUSE -> "paused nodes";
    };
  }

  /** A kind's shade as CSS {@code rgba()} at {@code opacity}, for the HTML and SVG pages. */
  static String css(FaultKind kind, String opacity) {
    Color c = color(kind);
    return "rgba(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + "," + opacity + ")";
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
      ChartUtils.writeBufferedImageAsPNG(out, chart.createBufferedImage(WIDTH, HEIGHT), false, 1);
    }
  }

  /**
   * Draws a small chart with every element the real ones use (title, legend, log axis, marker,
   * shapes, PNG encoding), so that fonts, Java2D and the encoder are loaded before the run ends.
   */
  static void warmUp() {
    XYSeries s = new XYSeries("warm-up ok", false, true);
    for (int i = 1; i < 200; i++) {
      s.add(i / 10.0, i);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesShape(0, shape(2));
    JFreeChart chart = chart("warm-up", new XYSeriesCollection(s), renderer, logAxis("ms"), List.of(new FaultPeriod(FaultKind.PARTITION, 0, 1_000_000, List.of())));
    try {
      ChartUtils.writeBufferedImageAsPNG(java.io.OutputStream.nullOutputStream(), chart.createBufferedImage(300, 150), false, 1);
    } catch (IOException e) {
      // Only a warm-up.
    }
  }

  /** The ok/info/fail colours as CSS hex, for the HTML pages. */
  static Map<String, String> cssColors() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ok", hex(OK));
    m.put("info", hex(INFO));
    m.put("fail", hex(FAIL));
    return m;
  }

  private static String hex(Color c) {
    return String.format("#%06x", c.getRGB() & 0xffffff);
  }
}
