package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.HistoryBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Each kafka error type in words, with its cases naming the ops involved, for kafka/<type>.txt and the console. */
class KafkaExplanationsTest {
  private final HistoryBuilder h = new HistoryBuilder();

  private KafkaExplanationsTest send(int process, String key, long msg, long offset) {
    h.invoke(process, "send", List.of(List.of("send", key, msg)));
    h.ok(process, "send", List.of(List.of("send", key, List.of(offset, msg))));
    return this;
  }

  private KafkaExplanationsTest poll(int process, String key, long... pairs) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(List.of(pairs[i], pairs[i + 1]));
    }
    h.invoke(process, "poll", List.of(List.of("poll")));
    h.ok(process, "poll", List.of(List.of("poll", Map.of(key, list))));
    return this;
  }

  private KafkaResult check() {
    return new KafkaChecker().check(h.build());
  }

  @Test
  void aLostWriteIsExplainedWithTheSendAndThePollThatReadPastIt() {
    // ops 1, 3, 5 send; process 1's poll (op 7) reads offset 0, process 2's (op 9) offset 2.
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2).poll(1, "x", 0, 1).poll(2, "x", 2, 3);

    KafkaResult result = check();
    Map<String, String> texts = result.texts();

    assertThat(texts.keySet()).containsExactly("lost-write", "unseen");
    assertThat(texts.get("lost-write"))
        .startsWith("lost-write: an acknowledged send's msg was never returned by any poll")
        .contains("1 case:\n  - op 3 (process 0) sent 2 to key \"x\" and it was acknowledged (index 1 of the key's log),"
            + " but no poll returned it, though polls read the key up to index 2 (op 9 (process 2) first read that far).");
    assertThat(texts.get("unseen")).contains("1 acknowledged msg in 1 key never polled, e.g. key \"x\": 2");
    assertThat(result.firstProblem()).startsWith("lost-write (1): op 3 (process 0) sent 2 to key \"x\"");
  }

  @Test
  void theConsoleNamesEachTypeWithItsCountAndFirstExample() {
    // Process 1 reads offset 0, then offset 2: a skip of offset 1, which process 2 read.
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2).poll(1, "x", 0, 1).poll(1, "x", 2, 3).poll(2, "x", 1, 2);

    List<String> lines = check().summary(Path.of("run", "kafka"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("  kafka anomalies [poll-skip], each explained in " + Path.of("run", "kafka", "<type>.txt")
        + "; first example of each:");
    assertThat(lines.get(1)).isEqualTo("    poll-skip (1): process 1 polled key \"x\" in op 7, ending at 1, then in op 9,"
        + " beginning at 3: 1 msg of the log skipped (2)");
    assertThat(check().brief()).isEqualTo("bad error types poll-skip (1)");
  }

  @Test
  void anAbortedReadNamesTheFailedSendAndThePoll() {
    h.invoke(0, "send", List.of(List.of("send", "x", 1L))).fail(0, "send", List.of(List.of("send", "x", 1L)), Arrays.asList("abort", null));
    poll(1, "x", 0, 1);

    Map<String, String> texts = check().texts();

    assertThat(texts.get("G1a")).startsWith("G1a: aborted read: a poll returned a msg whose send definitely failed")
        .contains("op 1 (process 0) sent 1 to key \"x\" and failed, yet op 3 (process 1) polled it.");
    assertThat(texts.get("empty-transaction-graph")).startsWith("empty-transaction-graph: no poll returned another op's msg");
  }

  @Test
  void aRealtimeCycleKeepsItsExplanationInResultsJsonAndTheText() {
    poll(1, "x", 0, 1);
    send(0, "x", 1, 0);

    KafkaResult result = check();

    String example = "op 3 sent 1 to key x, which op 1 polled, but op 1 completed before op 3 was invoked (index 2)";
    assertThat(result.texts().get("G1c-realtime")).contains("  - " + example + ".\n");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errs = (List<Map<String, Object>>) ((Map<String, Object>) result.json().get("G1c-realtime")).get("errs");
    assertThat(errs.get(0)).containsEntry("explanation", example);
  }

  @Test
  void longListsAreExplainedAsResultsJsonKeepsThem() {
    // 66 msgs at offsets 0..65 (ops 1..131); process 1 polls one offset at a time, skipping 1, 2, ... 10 msgs
    // (polls at ops 133..153), process 2 reads them all. Of the 10 skips the 8 largest are kept, largest first.
    for (int i = 0; i <= 65; i++) {
      send(0, "x", i, i);
    }
    long at = 0;
    poll(1, "x", at, at);
    for (int skip = 1; skip <= 10; skip++) {
      at += skip + 1;
      poll(1, "x", at, at);
    }
    poll(2, "x", LongStream.rangeClosed(0, 65).flatMap(i -> LongStream.of(i, i)).toArray());

    KafkaResult result = check();
    String text = result.texts().get("poll-skip");

    assertThat(text).contains("10 cases; the 8 that results.json keeps, largest skips first:\n"
        + "  - process 1 polled key \"x\" in op 151, ending at 54, then in op 153, beginning at 65: 10 msgs of the log"
        + " skipped (55, 56, 57, 58, 59, 60, 61, 62, ...).\n");
    assertThat(text.lines().filter(l -> l.startsWith("  - "))).hasSize(8);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) result.json().get("poll-skip");
    assertThat(json).containsEntry("count", 10);
    assertThat((List<?>) json.get("errs")).hasSize(8);
  }

  @Test
  void aValidRunExplainsNothing() {
    send(0, "x", 1, 0).poll(1, "x", 0, 1);

    KafkaResult result = check();

    assertThat(result.texts()).isEmpty();
    assertThat(result.summary(Path.of("kafka"))).isEmpty();
    assertThat(result.firstProblem()).isNull();
  }
}
