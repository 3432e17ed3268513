package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.abort.Abort;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.net.Journal;
import glomers.harness.report.CutShort;
import glomers.harness.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's history reaches the disk while the run goes on, and ends as the same bytes as one written at the end. */
class RunFilesTest {
  @TempDir Path dir;

  private final AtomicLong clock = new AtomicLong(1_000);
  private final HistoryRecorder history = new HistoryRecorder(clock::get);

  private void ops(int from, int to) {
    for (int i = from; i < to; i++) {
      history.client(i % 3, "c" + (i % 3), "n" + (i % 2));
      clock.addAndGet(1_000_000);
      history.record(OpType.INVOKE, i % 3, "add", (long) i, null, false);
      clock.addAndGet(2_000_000);
      history.record(OpType.OK, i % 3, "add", (long) i, null, false);
    }
  }

  /** Polls until {@code file} has {@code lines} lines; the guard only fails a stuck test. */
  private static void awaitLines(Path file, int lines) throws Exception {
    long guard = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(file) || Files.readAllLines(file).size() < lines) {
      assertThat(System.nanoTime()).as("waiting for %d lines in %s", lines, file).isLessThan(guard);
      Thread.sleep(20);
    }
  }

  @Test
  void opsReachTheDiskBeforeTheRunEndsAndTheEndIsByteIdentical() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Journal journal = Journal.open(run.resolve("net-journal/journal.jsonl"), clock::get);
    history.startClock(journal.originNanos());
    RunFiles files = new RunFiles(run, history, journal, () -> "main", new Abort());
    ops(0, 5);

    // No finish(): the timer alone writes them.
    awaitLines(run.resolve("history.jsonl"), 10);
    awaitLines(run.resolve("history.txt"), 10);
    CutShort record = CutShort.read(run);
    assertThat(record.state()).isEqualTo(CutShort.RUNNING);
    List<Op> streamed = history.snapshot();
    assertThat(record.timeNanos()).isGreaterThanOrEqualTo(streamed.get(streamed.size() - 1).time());

    ops(5, 40);
    assertThat(files.finish()).isNull();
    journal.close();

    assertThat(run.resolve(CutShort.FILE)).doesNotExist();
    Path whole = Files.createDirectories(dir.resolve("whole"));
    Reports.writeHistory(whole, history.snapshot(), history.clients());
    for (String name : List.of("history.jsonl", "history.txt")) {
      assertThat(Files.readAllBytes(run.resolve(name))).as(name).isEqualTo(Files.readAllBytes(whole.resolve(name)));
    }
    assertThat(Files.readAllLines(run.resolve("history.jsonl"))).hasSize(80);
  }

  @Test
  void aStoppedRunKeepsItsRecordSayingWhatStoppedItAndWhen() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Journal journal = Journal.open(run.resolve("net-journal/journal.jsonl"), clock::get);
    history.startClock(journal.originNanos());
    Abort abort = new Abort();
    String[] phase = {"main"};
    RunFiles files = new RunFiles(run, history, journal, () -> phase[0], abort);
    ops(0, 3);
    files.stop("SIGINT");
    long stoppedAt = clock.get() - journal.originNanos();
    phase[0] = "teardown";
    ops(3, 4);

    CutShort record = files.finish();
    journal.close();

    assertThat(abort.isStopped()).isTrue();
    assertThat(abort.isRaised()).isFalse();
    assertThat(record).isEqualTo(CutShort.read(run));
    assertThat(record.state()).isEqualTo(CutShort.INTERRUPTED);
    assertThat(record.signal()).isEqualTo("SIGINT");
    assertThat(record.phase()).isEqualTo("main");
    assertThat(record.timeNanos()).isEqualTo(stoppedAt);
    assertThat(Files.readAllLines(run.resolve("history.jsonl"))).hasSize(8);
  }
}
