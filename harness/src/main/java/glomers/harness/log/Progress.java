package glomers.harness.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A status line on stderr while a run goes on: rewritten in place every second on a terminal, a
 * plain line every ten seconds otherwise so captured logs stay readable.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream err = System.err;
  private final boolean terminal = isTerminal();
  private final Supplier<String> status;
  private final Thread thread;
  private boolean showing;

  public Progress(Supplier<String> status) {
    this.status = status;
    if (terminal) {
      Log.beforeEachLine(this::clear);
    }
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("progress")
            .start(
                () -> {
                  long period = terminal ? 1000 : 10_000;
                  try {
                    while (true) {
                      Thread.sleep(period);
                      show();
                    }
                  } catch (InterruptedException e) {
                    // Closed.
                  }
                });
  }

  /** Whether stderr is a terminal, where a line can be rewritten in place. */
  public static boolean isTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private void show() {
    synchronized (Log.class) {
      String line = status.get();
      if (terminal) {
        err.print("\r\033[K" + line);
        showing = true;
      } else {
        err.println(line);
      }
      err.flush();
    }
  }

  private void clear() {
    if (showing) {
      err.print("\r\033[K");
      err.flush();
      showing = false;
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    synchronized (Log.class) {
      clear();
      Log.beforeEachLine(() -> {});
    }
  }
}
