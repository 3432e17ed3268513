package glomers.harness.net;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The message journal: one JSON line per send and recv, {@code {"time":ns,"type":"send",
 * "id":..,"src":..,"dest":..,"body":{..}}}, times from {@link System#nanoTime()} relative to the
 * journal's opening. Also feeds {@link NetStats}.
 */
public final class Journal implements AutoCloseable {
  private final Writer out;
  private final LongSupplier clock;
  private final long origin;
  private final NetStats stats = new NetStats();
  private boolean closed;
  private Listener listener;

  /** Sees each event as it is journalled, under the journal's lock (the report pages keep them in memory). */
  public interface Listener {
    void event(long time, boolean send, Message message);
  }

  private Journal(Writer out, LongSupplier clock) {
    this.out = out;
    this.clock = clock;
    this.origin = clock.getAsLong();
  }

  public static Journal open(Path file) {
    return open(file, System::nanoTime);
  }

  /** A journal whose times count on {@code clock} from now: {@link System#nanoTime()}, or virtual time. */
  public static Journal open(Path file, LongSupplier clock) {
    try {
      Files.createDirectories(file.getParent());
      return new Journal(
          new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16), clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the net journal " + file, e);
    }
  }

  /** A journal that only counts, for tests. */
  public static Journal discarding() {
    return new Journal(Writer.nullWriter(), System::nanoTime);
  }

  /** The clock time that journal times count from. */
  public long originNanos() {
    return origin;
  }

  public synchronized void listen(Listener listener) {
    this.listener = listener;
  }

  public NetStats stats() {
    return stats;
  }

  public void send(Message message) {
    stats.recordSend(message);
    append("send", message);
  }

  public void recv(Message message) {
    stats.recordRecv(message);
    append("recv", message);
  }

  private void append(String type, Message message) {
    long time = clock.getAsLong() - origin;
    StringBuilder line = new StringBuilder(96 + message.bodyJson().length());
    line.append("{\"time\":").append(time);
    line.append(",\"type\":\"").append(type).append("\",\"id\":").append(message.id());
    line.append(",\"src\":");
    Message.appendString(line, message.src());
    line.append(",\"dest\":");
    Message.appendString(line, message.dest());
    line.append(",\"body\":").append(message.bodyJson()).append("}\n");
    synchronized (this) {
      if (closed) {
        return;
      }
      if (listener != null) {
        listener.event(time, "send".equals(type), message);
      }
      try {
        out.write(line.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the net journal", e);
      }
    }
  }

  /** Hands the lines so far to the OS, where they survive the bench being killed. */
  public synchronized void flush() {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the net journal", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the net journal", e);
    }
  }
}
