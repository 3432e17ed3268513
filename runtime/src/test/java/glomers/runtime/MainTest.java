package glomers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real process path: stdin/stdout streams, a loop thread and the system clock. */
class MainTest {
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

  private int main(String... args) {
    return Main.run(args, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
        new PrintStream(console, true), new PrintStream(errors, true));
  }

  @Test
  void listNamesTheSolutionsOnTheClasspath() {
    assertThat(main("--list")).isZero();
    assertThat(console.toString()).isEqualTo("test" + System.lineSeparator());
  }

  @Test
  void anUnknownSolutionIsAUsageErrorNamingTheKnownOnes() {
    assertThat(main("nope")).isEqualTo(2);
    assertThat(errors.toString()).contains("unknown solution 'nope'").contains("known solutions: test");
  }

  @Test
  void noArgumentsIsAUsageError() {
    assertThat(main()).isEqualTo(2);
    assertThat(errors.toString()).contains("usage");
  }

  @Test
  void aNodeRunsOverPipedStdioUntilInputCloses() throws Exception {
    PipedOutputStream stdin = new PipedOutputStream();
    PipedInputStream nodeIn = new PipedInputStream(stdin, 1 << 16);
    PipedInputStream stdout = new PipedInputStream(1 << 16);
    PipedOutputStream nodeOut = new PipedOutputStream(stdout);
    Thread process = new Thread(() -> {
      int status = Main.run(new String[] {"test"}, nodeIn, nodeOut, System.out, new PrintStream(errors, true));
      assertThat(status).isZero();
    });
    process.start();
    BufferedReader replies = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));

    write(stdin, "{\"src\":\"c1\",\"dest\":\"n1\",\"body\":{\"type\":\"ping\",\"msg_id\":1,\"text\":\"queued\"}}");
    write(stdin, "garbage");
    write(stdin, "");
    write(stdin, "{\"src\":\"c0\",\"dest\":\"n1\",\"body\":{\"type\":\"init\",\"msg_id\":1,\"node_id\":\"n1\",\"node_ids\":[\"n1\"]}}");
    assertThat(replies.readLine()).isEqualTo("{\"src\":\"n1\",\"dest\":\"c0\",\"body\":{\"type\":\"init_ok\",\"in_reply_to\":1}}");
    assertThat(replies.readLine()).isEqualTo("{\"src\":\"n1\",\"dest\":\"c1\",\"body\":{\"type\":\"pong\",\"in_reply_to\":1,\"text\":\"queued\"}}");

    write(stdin, "{\"src\":\"c2\",\"dest\":\"n1\",\"body\":{\"type\":\"ping\",\"msg_id\":2,\"text\":\"h\u00e9\"}}");
    assertThat(replies.readLine()).isEqualTo("{\"src\":\"n1\",\"dest\":\"c2\",\"body\":{\"type\":\"pong\",\"in_reply_to\":2,\"text\":\"h\u00e9\"}}");

    stdin.close();
    process.join();
    nodeOut.close();
    assertThat(replies.readLine()).isNull();
    assertThat(errors.toString()).contains("not JSON").doesNotContain("Exception");
  }

  private static void write(PipedOutputStream stdin, String line) throws Exception {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }
}
