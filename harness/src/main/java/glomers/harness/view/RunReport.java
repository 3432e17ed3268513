package glomers.harness.view;

import com.fasterxml.jackson.databind.SerializationFeature;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.net.Journal;
import glomers.harness.json.Json;
import glomers.harness.log.Log;
import glomers.harness.report.Reports;
import glomers.harness.report.Results;
import glomers.harness.view.RunData.Message;
import glomers.harness.view.RunData.OpSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a run's pictures and report page into its store directory once the run is over: {@code
 * run.json} (what the pages need beyond results.json), the three plots, {@code messages.svg},
 * {@code timeline.html} and {@code index.html}. Never fails the run: a problem is logged.
 */
public final class RunReport {
  public static final String RUN_INFO = "run.json";
  public static final String INDEX = "index.html";

  private final Journal journal;
  private final JournalTap tap = new JournalTap();
  private volatile Thread warmUp;

  private RunReport(Journal journal) {
    this.journal = journal;
  }

  /** Starts keeping the journal's messages in memory for the pages; call right after opening it. */
  public static RunReport attach(Journal journal) {
    RunReport report = new RunReport(journal);
    journal.listen(report.tap);
    return report;
  }

  /**
   * Loads and exercises the plotting code (fonts, Java2D, PNG encoder: about a second of CPU on a
   * cold JVM) in the background, so that drawing the plots after the run takes only their own time.
   * Called when the main phase is over; harmless if the run then crashes.
   */
  public void mainPhaseOver() {
    warmUp = Thread.ofPlatform().name("report-warm-up").daemon().start(() -> {
      try {
        Plots.warmUp();
        JournalReader.warmUp();
      } catch (Throwable e) {
        // Only a warm-up.
      }
    });
  }

  /**
   * Called by the run when its store is written, before the summary.
   *
   * @param results the run's results, or null if the run crashed; the pages read them as results.json has them
   * @param crash the abort reason, or null
   * @param mainStartNanos the {@link System#nanoTime()} the history's times count from (since issue 12 the journal's own origin, the start of the test, so the offset is 0), 0 if unknown
   */
  public void afterRun(Path dir, TestOptions options, List<Op> ops, Results results, String crash, long mainStartNanos) {
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    try {
      // Nothing of the report outlives the run: a warm-up still going (a run without a final phase)
      // is waited for rather than left competing with whatever starts next.
      Thread warming = warmUp;
      if (warming != null) {
        warming.join(10_000);
      }
      long offset = mainStartNanos == 0 ? 0 : mainStartNanos - journal.originNanos();
      Map<String, Object> info = info(options, crash, offset);
      Files.writeString(dir.resolve(RUN_INFO),
          Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info) + "\n", StandardCharsets.UTF_8);
      // The pages count time from the first op, as Maelstrom's do, not from before the nodes start.
      long origin = RunData.firstOpNanos(ops);
      List<Message> messages = tap.overflowed()
          ? RunData.readJournal(dir.resolve("net-journal").resolve("journal.jsonl"), offset + origin)
          : tap.messages(offset + origin);
      String timings = write(dir, info, RunData.shift(ops, origin), results == null ? null : results.json(), messages);
      Log.info(String.format("Report written in %.0f ms, bench CPU %.0f ms (%s): %s",
          (System.nanoTime() - start) / 1e6, (cpuNanos() - cpuStart) / 1e6, timings, dir.resolve(INDEX)));
    } catch (Throwable e) {
      Log.info("Could not write the report pages: " + e);
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  static Map<String, Object> info(TestOptions options, String crash, long journalOffsetNanos) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("workload", options.workload());
    info.put("nodes", options.nodes());
    info.put("concurrency", options.concurrency());
    info.put("seed", options.seed());
    info.put("availability", options.availability());
    info.put("journal-offset-ns", journalOffsetNanos);
    info.put("crash", crash);
    try {
      info.put("options", Json.toJava(Json.parse(Reports.describe(options))));
    } catch (IOException e) {
      info.put("options", Reports.describe(options));
    }
    return info;
  }

  /** Regenerates every picture and page of a stored run from its files. */
  public static String rewrite(Path dir) throws IOException {
    RunData loaded = RunData.load(dir).fromFirstOp();
    return write(dir, loaded.info(), loaded.ops(), loaded.results(), loaded.messages());
  }

  /**
   * Writes the pictures and pages, from ops and messages whose times count from the first op;
   * returns how long each took, for the log.
   */
  static String write(Path dir, Map<String, Object> info, List<Op> ops, Map<String, Object> results, List<Message> messages)
      throws IOException {
    long t0 = System.nanoTime();
    // The plots need only the history: drawing them overlaps with reading the journal.
    RunData historyOnly = new RunData(info, ops, results, List.of());
    List<RunData.FaultPeriod> nemesis = historyOnly.faultPeriods();
    long end = historyOnly.historyEndMicros();
    CompletableFuture<Long> plots = new CompletableFuture<>();
    Thread.ofPlatform().name("report-plots").daemon().start(() -> {
      long p0 = System.nanoTime();
      try {
        Plots.write(dir, historyOnly.spans(), nemesis, end);
        plots.complete(System.nanoTime() - p0);
      } catch (Throwable e) {
        plots.completeExceptionally(e);
      }
    });
    RunData run = new RunData(info, ops, results, messages);
    List<OpSpan> spans = run.spans();
    List<Message> sorted = new ArrayList<>(messages);
    sorted.sort(Comparator.comparingLong(Message::send).thenComparingLong(Message::id));
    long t1 = System.nanoTime();
    Columns columns = new Columns(run);
    MessageDiagram.write(run, sorted, columns, dir.resolve("messages.svg"));
    long t2 = System.nanoTime();
    TimelinePage.write(run, spans, dir.resolve("timeline.html"));
    Anomalies anomalies = Anomalies.of(dir, run);
    StringBuilder pageData = ReportPage.data(run, spans, sorted, columns, anomalies);
    long t3 = System.nanoTime();
    long plotNanos;
    try {
      plotNanos = plots.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Log.info("Could not draw the plots: " + cause);
      plotNanos = -1;
    }
    long t4 = System.nanoTime();
    ReportPage.write(dir, run, anomalies, pageData);
    long t5 = System.nanoTime();
    return String.format("%d msgs, spans %.0f ms, messages.svg %.0f ms, timeline and page data %.0f ms, plots %.0f ms (waited %.0f ms), index.html %.0f ms",
        messages.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, plotNanos / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
  }
}
