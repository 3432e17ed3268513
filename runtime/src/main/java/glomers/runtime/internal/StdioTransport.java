package glomers.runtime.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Maelstrom's transport: newline-delimited JSON from stdin, one object per line to stdout, each
 * flushed at once since Maelstrom reads the pipe line by line.
 */
final class StdioTransport implements Transport {
  private static final byte[] NEWLINE = {'\n'};

  private final InputStream in;
  private final OutputStream out;
  private final PrintStream log;
  private boolean outputBroken;

  public StdioTransport(InputStream in, OutputStream out, PrintStream log) {
    this.in = in;
    this.out = out;
    this.log = log;
  }

  @Override
  public void start(Receiver receiver) {
    Thread reader = new Thread(new StdinPump(receiver), "stdin");
    // The event loop decides when the process ends; a blocked read must not keep it alive.
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public synchronized void send(String json) {
    if (outputBroken) {
      return;
    }
    try {
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write(NEWLINE);
      out.flush();
    } catch (IOException e) {
      // Maelstrom closed the pipe (teardown); nothing will read us again, so say it once.
      outputBroken = true;
      log.println("stdout is closed, dropping all further output: " + e);
    }
  }

  private final class StdinPump implements Runnable {
    private final Receiver receiver;

    StdinPump(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void run() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isBlank()) {
            receiver.deliver(line);
          }
        }
      } catch (IOException e) {
        log.println("reading stdin failed, treating it as closed: " + e);
      } finally {
        receiver.closed();
      }
    }
  }
}
