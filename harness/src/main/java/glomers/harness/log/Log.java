package glomers.harness.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The console log, like Jepsen's: timestamped lines on stdout, copied to the run's jepsen.log once
 * the store directory exists. The progress line (stderr) is cleared before each line so the two do
 * not interleave on a terminal.
 */
public final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private static BufferedWriter file;
  private static Runnable beforeLine = () -> {};
  private static boolean quiet;

  private Log() {}

  public static synchronized void info(String line) {
    beforeLine.run();
    String stamped = LocalDateTime.now().format(TIME) + " " + line;
    if (!quiet) {
      OUT.println(stamped);
    }
    writeFile(stamped);
  }

  /** Output without a timestamp (results, the verdict), still copied to jepsen.log. */
  public static synchronized void plain(String text) {
    beforeLine.run();
    if (!quiet) {
      OUT.println(text);
    }
    writeFile(text);
  }

  private static void writeFile(String text) {
    if (file != null) {
      try {
        file.write(text);
        file.newLine();
      } catch (IOException e) {
        file = null;
      }
    }
  }

  public static synchronized void openFile(Path path) throws IOException {
    closeFile();
    file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
  }

  public static synchronized void closeFile() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // The console copy is what matters.
      }
      file = null;
    }
  }

  public static synchronized void flush() {
    if (file != null) {
      try {
        file.flush();
      } catch (IOException ignored) {
        // Best effort.
      }
    }
  }

  /** Keeps lines off the console (they still reach jepsen.log), while a seed search shows its own progress. */
  public static synchronized void quiet(boolean on) {
    quiet = on;
  }

  static synchronized void beforeEachLine(Runnable hook) {
    beforeLine = hook;
  }
}
