package glomers.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StdioTransportTest {
  @Test
  void concurrentSendsNeverInterleave() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StdioTransport transport = new StdioTransport(
        new ByteArrayInputStream(new byte[0]), new TrickleStream(out), new PrintStream(new ByteArrayOutputStream()));
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int sender = t;
      senders.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 300; i++) {
          transport.send("{\"sender\":" + sender + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(50) + "\"}");
        }
      }));
    }
    for (Thread sender : senders) {
      sender.join();
    }

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertThat(lines).hasSize(1201);
    assertThat(lines[1200]).isEmpty();
    assertThat(new HashSet<>(List.of(lines).subList(0, 1200))).hasSize(1200)
        .allMatch(line -> line.matches("\\{\"sender\":\\d,\"i\":\\d+,\"pad\":\"x{50}\"}"));
  }

  @Test
  void linesArriveInOrderAndEndOfInputIsSignalled() throws Exception {
    byte[] input = "{\"a\":1}\n\n   \n{\"b\":2}\r\nlast line without newline".getBytes(StandardCharsets.UTF_8);
    StdioTransport transport = new StdioTransport(
        new ByteArrayInputStream(input), new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()));
    List<String> received = new ArrayList<>();
    CountDownLatch closed = new CountDownLatch(1);
    transport.start(new Transport.Receiver() {
      @Override
      public void deliver(String line) {
        received.add(line);
      }

      @Override
      public void closed() {
        closed.countDown();
      }
    });

    closed.await();
    assertThat(received).containsExactly("{\"a\":1}", "{\"b\":2}", "last line without newline");
  }

  /** Writes byte by byte, giving other threads every chance to cut into a line. */
  private static final class TrickleStream extends OutputStream {
    private final ByteArrayOutputStream target;

    TrickleStream(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = 0; i < length; i++) {
        write(bytes[offset + i]);
        if (i % 16 == 0) {
          Thread.yield();
        }
      }
    }
  }
}
