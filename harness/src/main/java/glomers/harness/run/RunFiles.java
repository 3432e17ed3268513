package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.net.Journal;
import glomers.harness.report.CutShort;
import glomers.harness.report.HistoryFile;
import glomers.harness.log.Log;
import glomers.harness.report.Reports;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Streams a run's files to disk while it goes on: once a second the new ops are appended to
 * history.jsonl and history.txt, and those, the net journal and jepsen.log are flushed, and
 * {@value CutShort#FILE} says how far they reach. A killed bench thus leaves its run up to its last
 * second, and {@code analyze} can check it. The files are the final ones in their final format, so
 * a run that ends has the same bytes as if they had been written at its end; only the timer, never
 * an op, flushes, to keep the bench's overhead where it was.
 */
final class RunFiles {
  private static final long PERIOD_MILLIS = 1000;

  private final Path dir;
  private final HistoryRecorder history;
  private final Journal journal;
  private final Supplier<String> phase;
  private final Abort abort;
  private final HistoryFile file;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private int written;
  private IOException failure;
  private boolean finished;
  private volatile String stoppedPhase;
  private volatile long stoppedAt;
  private volatile Instant stoppedWhen;

  /** Starts streaming; {@code phase} names the run's phase for the record, {@code abort} tells whether it was stopped. */
  RunFiles(Path dir, HistoryRecorder history, Journal journal, Supplier<String> phase, Abort abort) throws IOException {
    this.dir = dir;
    this.history = history;
    this.journal = journal;
    this.phase = phase;
    this.abort = abort;
    this.file = HistoryFile.create(dir);
    CutShort.write(dir, CutShort.RUNNING, null, phase.get(), history.now());
    // Never interrupted: an interrupt during a write would close the files' channels.
    thread = Thread.ofPlatform().daemon().name("run-files").start(this::loop);
  }

  /** Stops the run early for {@code signal}, noting the phase and time it was stopped in. */
  void stop(String signal) {
    if (stoppedPhase == null) {
      stoppedAt = history.now();
      stoppedWhen = Instant.now();
      stoppedPhase = phase.get();
    }
    abort.stop(signal);
  }

  private void loop() {
    try {
      while (!stop.await(PERIOD_MILLIS, TimeUnit.MILLISECONDS)) {
        tick();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void tick() {
    // A tick that was already waiting when the run finished must not touch the closed files.
    if (failure != null || finished) {
      return;
    }
    try {
      long upTo = appendNew();
      file.flush();
      journal.flush();
      Log.flush();
      CutShort.write(dir, CutShort.RUNNING, null, phase.get(), upTo);
    } catch (IOException | RuntimeException e) {
      // The run goes on; finish() writes the whole history once more.
      failure = e instanceof IOException io ? io : new IOException(e);
      Log.info("Cannot stream the run's files to disk any more (" + e + "); they are written when the run ends");
    }
  }

  /** Appends the ops recorded since the last call; returns the time up to which the history is now written. */
  private long appendNew() throws IOException {
    HistoryRecorder.Tail tail = history.from(written);
    file.append(tail.ops(), history.clients());
    written += tail.ops().size();
    return tail.upTo();
  }

  /**
   * Stops streaming and completes history.jsonl and history.txt with the ops recorded since the last
   * second. A run that was stopped early keeps its {@value CutShort#FILE}, now saying by what
   * ({@link #stop}); otherwise the record is removed, as the files are whole.
   */
  synchronized CutShort finish() throws IOException {
    stop.countDown();
    finished = true;
    if (failure == null) {
      try {
        appendNew();
        file.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // Rewritten whole below.
      }
      Reports.writeHistory(dir, history.snapshot(), history.clients());
    }
    if (abort.isStopped()) {
      if (stoppedPhase == null) {
        CutShort.write(dir, CutShort.INTERRUPTED, abort.stopReason(), phase.get(), history.now());
      } else {
        CutShort.write(dir, CutShort.INTERRUPTED, abort.stopReason(), stoppedPhase, stoppedAt, stoppedWhen);
      }
      return CutShort.read(dir);
    }
    CutShort.clear(dir);
    return null;
  }
}
