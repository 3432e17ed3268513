package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class KafkaCheckerTest {
  private final HistoryBuilder h = new HistoryBuilder();

  private static List<Object> sendValue(String key, long msg) {
    return List.of(List.of("send", key, msg));
  }

  private KafkaCheckerTest send(int process, String key, long msg, long offset) {
    h.invoke(process, "send", sendValue(key, msg));
    h.ok(process, "send", List.of(List.of("send", key, List.of(offset, msg))));
    return this;
  }

  /** A poll of one key: pairs given as offset, msg, offset, msg... */
  private KafkaCheckerTest poll(int process, String key, long... pairs) {
    Map<String, Object> read = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(List.of(pairs[i], pairs[i + 1]));
    }
    read.put(key, list);
    h.invoke(process, "poll", List.of(List.of("poll")));
    h.ok(process, "poll", List.of(List.of("poll", read)));
    return this;
  }

  private KafkaCheckerTest assign(int process, String... keys) {
    h.invoke(process, "assign", List.of(keys));
    h.ok(process, "assign", List.of(keys));
    return this;
  }

  /** A poll of several keys at once: key -> pairs as offset, msg, offset, msg... */
  private KafkaCheckerTest pollKeys(int process, Map<String, long[]> byKey) {
    Map<String, Object> read = new LinkedHashMap<>();
    byKey.forEach(
        (key, pairs) -> {
          List<Object> list = new ArrayList<>();
          for (int i = 0; i < pairs.length; i += 2) {
            list.add(List.of(pairs[i], pairs[i + 1]));
          }
          read.put(key, list);
        });
    h.invoke(process, "poll", List.of(List.of("poll")));
    h.ok(process, "poll", List.of(List.of("poll", read)));
    return this;
  }

  private static List<Object> indexes(Object ops) {
    return ((List<Object>) ops).stream().map(op -> ((Map<Object, Object>) op).get("index")).toList();
  }

  private Result check() {
    return new KafkaChecker().check(h.build());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errs(Result result, String type) {
    return (List<Map<String, Object>>) ((Map<String, Object>) result.json().get(type)).get("errs");
  }

  private static List<Object> types(Result result) {
    return (List<Object>) result.json().get("error-types");
  }

  @Test
  void aLogReadInOrderIsValid() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 0, 1).poll(1, "x", 1, 2).send(0, "x", 3, 2).poll(2, "x", 0, 1, 1, 2, 2, 3);
    h.invoke(1, "crash", null).info(1, "crash", null, null);

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(types(result)).isEmpty();
    assertThat(result.json()).containsKeys("worst-realtime-lag", "bad-error-types", "info-txn-causes");
  }

  @Test
  void anInfoSendNeverReadIsNeitherLostNorUnseen() {
    send(0, "x", 1, 0).send(0, "x", 3, 1);
    h.invoke(0, "send", sendValue("x", 2)).info(0, "send", sendValue("x", 2), List.of("net-timeout"));
    poll(1, "x", 0, 1, 1, 3);

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat((List<Object>) result.json().get("info-txn-causes")).containsExactly(List.of("net-timeout"));
  }

  @Test
  void anAssignWithoutTheKeyResetsThePollComparison() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2);
    poll(1, "x", 0, 1).assign(1, "y").assign(1, "x").poll(1, "x", 2, 3).poll(2, "x", 1, 2);

    assertThat(check().valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void anAssignKeepingTheKeyStillSeesTheSkip() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2);
    poll(1, "x", 0, 1).assign(1, "x", "y").poll(1, "x", 2, 3).poll(2, "x", 1, 2);

    assertThat(types(check())).containsExactly("poll-skip");
  }

  @Test
  void allowedTypesDoNotFailTheRun() {
    for (String type : List.of("int-send-skip", "G0", "G0-process", "G0-realtime", "PL-1-cycle-exists", "strong-PL-1-cycle-exists")) {
      assertThat(KafkaChecker.badTypes(List.of(type))).as(type).isEmpty();
    }
    assertThat(KafkaChecker.badTypes(List.of("G0", "unseen", "G1c-realtime"))).containsExactly("G1c-realtime", "unseen");
  }

  @Test
  void oneOffsetWithTwoMsgsIsInconsistent() {
    send(0, "x", 1, 0).send(1, "x", 2, 0).poll(2, "x", 0, 1);

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(types(result)).contains("inconsistent-offsets");
    assertThat(errs(result, "inconsistent-offsets").get(0)).containsEntry("key", "x").containsEntry("offset", 0L).containsEntry("values", List.of(1L, 2L));
    assertThat((List<Object>) errs(result, "inconsistent-offsets").get(0).get("ops"))
        .extracting(op -> ((Map<Object, Object>) op).get("index"))
        .containsExactly(1L, 3L);
  }

  @Test
  void oneMsgAtTwoOffsetsIsADuplicate() {
    send(0, "x", 1, 0).poll(1, "x", 0, 1, 1, 1);

    Result result = check();

    assertThat(types(result)).contains("duplicate");
    assertThat(errs(result, "duplicate").get(0)).containsEntry("value", 1L).containsEntry("offsets", List.of(0L, 1L)).containsEntry("count", 2);
    assertThat((List<Object>) errs(result, "duplicate").get(0).get("ops"))
        .extracting(op -> ((Map<Object, Object>) op).get("index"))
        .containsExactly(1L, 3L);
  }

  @Test
  void aCommittedMsgBelowWhatOthersReadIsLost() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2).poll(1, "x", 0, 1).poll(2, "x", 2, 3);

    Result result = check();

    assertThat(types(result)).containsExactly("lost-write", "unseen");
    Map<String, Object> lost = errs(result, "lost-write").get(0);
    assertThat(lost).containsEntry("key", "x").containsEntry("value", 2L).containsEntry("index", 1).containsEntry("max-read-index", 2);
    assertThat((Map<Object, Object>) lost.get("writer")).containsEntry("index", 3L).containsEntry("process", 0);
    assertThat((Map<Object, Object>) lost.get("max-read")).containsEntry("index", 9L);
    @SuppressWarnings("unchecked")
    Map<String, Object> unseen = (Map<String, Object>) result.json().get("unseen");
    assertThat(unseen.get("unseen")).isEqualTo(Map.of("x", 1));
    assertThat(unseen.get("messages")).isEqualTo(Map.of("x", List.of(2L)));
  }

  @Test
  void aProcessJumpingOverAnOffsetSkips() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2).poll(1, "x", 0, 1).poll(1, "x", 2, 3).poll(2, "x", 1, 2);

    Result result = check();

    assertThat(types(result)).containsExactly("poll-skip");
    Map<String, Object> skip = errs(result, "poll-skip").get(0);
    assertThat(skip).containsEntry("key", "x").containsEntry("delta", 2).containsEntry("skipped", List.of(2L)).doesNotContainKey("skipped-count");
    assertThat((List<Object>) skip.get("ops")).extracting(op -> ((Map<Object, Object>) op).get("index")).containsExactly(7L, 9L);
  }

  @Test
  void aProcessReadingBackwardsIsNonmonotonic() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 0, 1, 1, 2).poll(1, "x", 1, 2);

    Result result = check();

    assertThat(types(result)).containsExactly("nonmonotonic-poll");
    assertThat(errs(result, "nonmonotonic-poll").get(0)).containsEntry("delta", 0).containsEntry("values", List.of(2L, 2L));
  }

  @Test
  void aGapInsideOnePollIsAnInternalSkip() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 3, 2).poll(1, "x", 0, 1, 2, 3).poll(2, "x", 1, 2);

    Result result = check();

    assertThat(types(result)).containsExactly("int-poll-skip");
    assertThat(errs(result, "int-poll-skip").get(0)).containsEntry("skipped", List.of(2L));
    assertThat((Map<Object, Object>) errs(result, "int-poll-skip").get(0).get("op")).containsEntry("index", 7L).containsEntry("invoke-index", 6L);
  }

  @Test
  void aPollListGoingBackIsInternallyNonmonotonic() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 1, 2, 0, 1);

    Result result = check();

    assertThat(types(result)).contains("int-nonmonotonic-poll");
    assertThat(errs(result, "int-nonmonotonic-poll").get(0)).containsEntry("delta", -1).containsEntry("values", List.of(2L, 1L));
  }

  @Test
  void aProcessWhoseSecondSendLandsEarlierIsNonmonotonic() {
    send(0, "x", 1, 1).send(0, "x", 2, 0).poll(1, "x", 0, 2, 1, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("nonmonotonic-send");
    assertThat(errs(result, "nonmonotonic-send").get(0)).containsEntry("values", List.of(1L, 2L)).containsEntry("delta", -1);
  }

  @Test
  void readingAFailedSendIsG1a() {
    h.invoke(0, "send", sendValue("x", 1)).fail(0, "send", sendValue("x", 1), java.util.Arrays.asList("abort", null));
    poll(1, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).contains("G1a");
    Map<String, Object> g1a = errs(result, "G1a").get(0);
    assertThat((Map<Object, Object>) g1a.get("writer")).containsEntry("index", 1L).containsEntry("type", "fail");
    assertThat((Map<Object, Object>) g1a.get("reader")).containsEntry("index", 3L);
  }

  @Test
  void aPollThatSawASendBeforeItWasInvokedIsARealtimeCycle() {
    poll(1, "x", 0, 1);
    send(0, "x", 1, 0);

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(types(result)).containsExactly("G1c-realtime", "strong-PL-2-cycle-exists");
    Map<String, Object> cycle = errs(result, "G1c-realtime").get(0);
    assertThat((List<Object>) cycle.get("cycle")).extracting(op -> ((Map<Object, Object>) op).get("index")).containsExactly(3L, 1L, 3L);
  }

  @Test
  void aConcurrentSendAndPollAreNoCycle() {
    h.invoke(0, "send", sendValue("x", 1));
    poll(1, "x", 0, 1);
    h.ok(0, "send", List.of(List.of("send", "x", List.of(0L, 1L))));

    assertThat(check().valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void nothingButAnEmptyPollIsAnEmptyTransactionGraph() {
    h.invoke(0, "poll", List.of(List.of("poll"))).ok(0, "poll", List.of(List.of("poll", Map.of())));

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(types(result)).containsExactly("empty-transaction-graph");
  }

  @Test
  void anAcknowledgedMsgNobodyPolledIsUnseen() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("unseen");
  }

  @Test
  void aPolledMsgThatNoSendCarriedMakesTheCheckerThrow() {
    send(0, "x", 1, 0).poll(1, "x", 0, 1, 1, 99);

    assertThatThrownBy(this::check).hasMessageContaining("99").hasMessageContaining("no send carried").hasMessageContaining("op 3");
  }

  @Test
  void negativeOffsetsStayOutOfTheVersionOrder() {
    send(0, "x", 1, -1).poll(1, "x", -1, 1);

    assertThat(check().valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aCrashIsNeverAnError() {
    h.op(0, "crash", null, OpType.INFO, null);
    send(1, "x", 1, 0).poll(2, "x", 0, 1);

    assertThat(check().valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void realtimeLagIsHowLongAPollerWasBehindAnOffsetKnownToExist() {
    h.at(0);
    assign(1, "x");
    h.at(10);
    send(0, "x", 1, 0);
    h.at(20);
    send(0, "x", 2, 1);
    // Known at 21 ms (the second send's completion); process 1 polls at 50 ms and still reads only offset 0.
    h.at(50);
    poll(1, "x", 0, 1);
    h.at(60);
    poll(2, "x", 0, 1, 1, 2);

    Map<String, Object> worst = (Map<String, Object>) check().json().get("worst-realtime-lag");

    assertThat(worst).containsEntry("process", 1).containsEntry("key", "x").containsEntry("time", 0.05);
    assertThat((Double) worst.get("lag")).isCloseTo(0.029, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aFailedSendReadLaterIsG1aButNoCycle() {
    poll(1, "x", 0, 1);
    h.invoke(0, "send", sendValue("x", 1)).fail(0, "send", sendValue("x", 1), List.of("abort"));

    assertThat(types(check())).containsExactly("G1a", "empty-transaction-graph");
  }

  @Test
  void aMsgAtThreeOffsetsIsOneDuplicateListingEveryOffset() {
    send(0, "x", 1, 0).poll(1, "x", 0, 1, 1, 1, 2, 1);

    Result result = check();

    assertThat(errs(result, "duplicate")).hasSize(1);
    Map<String, Object> dup = errs(result, "duplicate").get(0);
    assertThat(dup).containsEntry("value", 1L).containsEntry("count", 3).containsEntry("offsets", List.of(0L, 1L, 2L));
    // Offset 0 was first shown by the send, offsets 1 and 2 by the poll.
    assertThat(indexes(dup.get("ops"))).containsExactly(1L, 3L, 3L);
  }

  @Test
  void aDuplicateListsItsOffsetsAscendingWhateverOrderTheyWereSeenIn() {
    send(0, "x", 1, 2).poll(1, "x", 0, 1);

    Map<String, Object> dup = errs(check(), "duplicate").get(0);

    assertThat(dup).containsEntry("offsets", List.of(0L, 2L));
    assertThat(indexes(dup.get("ops"))).containsExactly(3L, 1L);
  }

  @Test
  void aMsgSeenAgainAtAnOffsetItSharesIsRecordedThereOnceAndIsStillADuplicateElsewhere() {
    // Msg 2 is the second msg at offset 0 (its send), shown there again by the poll, and alone at offset 1.
    send(0, "x", 1, 0).send(1, "x", 2, 0).poll(2, "x", 0, 2, 1, 2);

    Result result = check();

    assertThat(errs(result, "inconsistent-offsets")).hasSize(1);
    Map<String, Object> inconsistent = errs(result, "inconsistent-offsets").get(0);
    assertThat(inconsistent).containsEntry("offset", 0L).containsEntry("values", List.of(1L, 2L));
    assertThat(indexes(inconsistent.get("ops"))).containsExactly(1L, 3L);
    assertThat(errs(result, "duplicate")).hasSize(1);
    assertThat(errs(result, "duplicate").get(0)).containsEntry("value", 2L).containsEntry("offsets", List.of(0L, 1L));
  }

  @Test
  void theUnreadSecondMsgOfAnOffsetAtTheReadBoundIsLost() {
    // Offset 0 holds msg 1 (read) and msg 2 (acknowledged, never read): msg 2 sits at the highest read index.
    send(0, "x", 1, 0).send(1, "x", 2, 0).poll(2, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("inconsistent-offsets", "lost-write", "unseen");
    assertThat(errs(result, "lost-write")).hasSize(1);
    Map<String, Object> lost = errs(result, "lost-write").get(0);
    assertThat(lost).containsEntry("value", 2L).containsEntry("index", 0).containsEntry("max-read-index", 0);
    assertThat((Map<Object, Object>) lost.get("writer")).containsEntry("index", 3L);
    assertThat((Map<Object, Object>) lost.get("max-read")).containsEntry("index", 5L);
  }

  @Test
  void theReadBoundIsTheFirstIndexOfAMsgReadAtSeveralOffsets() {
    // Msg 1 sits at offsets 0 and 2, but was read at 0: msg 2 at index 1 is above the bound, so only unseen.
    send(0, "x", 1, 0).send(1, "x", 2, 1).send(2, "x", 1, 2).poll(3, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("duplicate", "unseen");
  }

  @Test
  void lostWritesAreListedByIndexAndUnseenMsgsByValue() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "x", 17, 2).send(0, "x", 4, 3).poll(1, "x", 0, 1).poll(2, "x", 3, 4);

    Result result = check();

    assertThat(errs(result, "lost-write")).extracting(e -> e.get("value")).containsExactly(2L, 17L);
    assertThat(errs(result, "lost-write")).extracting(e -> e.get("index")).containsExactly(1, 2);
    Map<String, Object> unseen = (Map<String, Object>) result.json().get("unseen");
    assertThat(unseen.get("messages")).isEqualTo(Map.of("x", List.of(2L, 17L)));
  }

  @Test
  void errorsOfSeveralKeysComeInKeyNameOrder() {
    // Key names compare as strings: "10" before "9".
    send(0, "9", 1, 0).send(0, "9", 2, 1).poll(1, "9", 1, 2);
    send(0, "10", 1, 0).send(0, "10", 2, 1).poll(1, "10", 1, 2);

    assertThat(errs(check(), "lost-write")).extracting(e -> e.get("key")).containsExactly("10", "9");
  }

  @Test
  void aCheckerUsedAgainForgetsThePreviousHistory() {
    KafkaChecker checker = new KafkaChecker();
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 1, 2);
    assertThat(checker.check(h.build()).valid()).isEqualTo(Validity.FALSE);

    HistoryBuilder good = new HistoryBuilder();
    good.invoke(0, "send", sendValue("y", 1)).ok(0, "send", List.of(List.of("send", "y", List.of(0L, 1L))));
    good.invoke(1, "poll", List.of(List.of("poll"))).ok(1, "poll", List.of(List.of("poll", Map.of("y", List.of(List.of(0L, 1L))))));
    Result second = checker.check(good.build());

    assertThat(second.valid()).isEqualTo(Validity.TRUE);
    assertThat(types(second)).isEmpty();
  }

  @Test
  void aLongLogReadInOrderIsValid() {
    for (int i = 0; i < 10; i++) {
      send(0, "x", i + 1, i);
    }
    poll(1, "x", 0, 1, 1, 2, 2, 3, 3, 4, 4, 5).poll(1, "x", 5, 6, 6, 7, 7, 8, 8, 9, 9, 10);

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(types(result)).isEmpty();
  }

  @Test
  void offsetsParsedAsIntegersAreOffsets() {
    // A history read back from JSON holds small numbers as Integer.
    h.invoke(0, "send", List.of(List.of("send", "x", 1))).ok(0, "send", List.of(List.of("send", "x", List.of(0, 1))));
    h.invoke(0, "send", List.of(List.of("send", "x", 2))).ok(0, "send", List.of(List.of("send", "x", List.of(1, 2))));
    h.invoke(1, "poll", List.of(List.of("poll"))).ok(1, "poll", List.of(List.of("poll", Map.of("x", List.of(List.of(0, 1), List.of(1, 2))))));

    Result result = check();

    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(types(result)).isEmpty();
  }

  @Test
  void aMsgWhoseFailedSendWasRetriedOkIsWrittenByTheOkSend() {
    // The failed attempt still makes the read G1a; the ok send, invoked after the poll completed, closes a cycle.
    h.invoke(0, "send", sendValue("x", 1)).fail(0, "send", sendValue("x", 1), List.of("abort"));
    poll(1, "x", 0, 1);
    send(0, "x", 1, 0);

    Result result = check();

    assertThat(types(result)).containsExactly("G1a", "G1c-realtime", "strong-PL-2-cycle-exists");
    assertThat((Map<Object, Object>) errs(result, "G1a").get(0).get("writer")).containsEntry("index", 1L);
    assertThat(indexes(errs(result, "G1c-realtime").get(0).get("cycle"))).containsExactly(5L, 3L, 5L);
  }

  @Test
  void eachKeyOfAMultiKeyPollIsCheckedOnItsOwn() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).send(0, "y", 1, 0).send(0, "y", 2, 1).send(0, "y", 3, 2);
    pollKeys(1, Map.of("x", new long[] {0, 1}, "y", new long[] {0, 1}));
    pollKeys(1, Map.of("x", new long[] {1, 2}, "y", new long[] {2, 3}));
    poll(2, "y", 1, 2);

    Result result = check();

    assertThat(types(result)).containsExactly("poll-skip");
    assertThat(errs(result, "poll-skip")).hasSize(1);
    assertThat(errs(result, "poll-skip").get(0)).containsEntry("key", "y").containsEntry("skipped", List.of(2L));
  }

  @Test
  void infoCausesComeFromSendsAndPollsNotAssigns() {
    send(0, "x", 1, 0);
    h.invoke(1, "poll", List.of(List.of("poll"))).info(1, "poll", List.of(List.of("poll")), List.of("net-timeout"));
    h.invoke(2, "assign", List.of("x")).info(2, "assign", List.of("x"), List.of("crash"));
    poll(3, "x", 0, 1);

    assertThat((List<Object>) check().json().get("info-txn-causes")).containsExactly(List.of("net-timeout"));
  }

  @Test
  void unseenMsgsAreReportedAtTheTimeOfTheLastOkOp() {
    h.at(10);
    send(0, "x", 1, 0);
    h.at(30);
    h.invoke(0, "send", sendValue("x", 2)).info(0, "send", sendValue("x", 2), List.of("net-timeout"));

    Map<String, Object> unseen = (Map<String, Object>) check().json().get("unseen");

    assertThat(unseen).containsEntry("time", 11_000_000L);
  }

  @Test
  void aSkipOverManyMsgsShowsTheFirst32AndCountsTheRest() {
    for (int i = 0; i <= 40; i++) {
      send(0, "x", 100 + i, i);
    }
    poll(1, "x", 0, 100).poll(1, "x", 40, 140);
    long[] all = new long[82];
    for (int i = 0; i <= 40; i++) {
      all[2 * i] = i;
      all[2 * i + 1] = 100 + i;
    }
    poll(2, "x", all);

    Result result = check();

    assertThat(types(result)).containsExactly("poll-skip");
    Map<String, Object> skip = errs(result, "poll-skip").get(0);
    assertThat(skip).containsEntry("delta", 40).containsEntry("skipped-count", 39);
    assertThat((List<Object>) skip.get("skipped")).hasSize(32).startsWith(101L, 102L).endsWith(132L);
  }

  @Test
  void severalSkipsAreShownLargestFirst() {
    for (int i = 0; i < 6; i++) {
      send(0, "x", i + 1, i);
    }
    poll(1, "x", 0, 1).poll(1, "x", 2, 3).poll(1, "x", 5, 6).poll(2, "x", 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6);

    Result result = check();

    assertThat(errs(result, "poll-skip")).extracting(e -> e.get("delta")).containsExactly(3, 2);
    assertThat(((Map<String, Object>) result.json().get("poll-skip")).get("count")).isEqualTo(2);
  }

  @Test
  void severalDuplicatesAreShownFewestCopiesFirst() {
    send(0, "x", 1, 0).send(0, "x", 2, 3).poll(1, "x", 0, 1, 1, 1, 2, 1, 3, 2, 4, 2);

    assertThat(errs(check(), "duplicate")).extracting(e -> e.get("value")).containsExactly(2L, 1L);
  }

  @Test
  void severalInconsistentOffsetsAreShownFewestMsgsFirst() {
    send(0, "x", 1, 0).send(1, "x", 2, 0).send(2, "x", 3, 0).send(0, "x", 4, 1).send(1, "x", 5, 1);
    poll(3, "x", 0, 1, 1, 4);

    assertThat(errs(check(), "inconsistent-offsets")).extracting(e -> e.get("offset")).containsExactly(1L, 0L);
  }

  @Test
  void aProcessSendingOneMsgTwiceToTheSameOffsetIsNonmonotonic() {
    send(0, "x", 1, 0).send(0, "x", 1, 0).poll(1, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("nonmonotonic-send");
    assertThat(errs(result, "nonmonotonic-send").get(0)).containsEntry("delta", 0).containsEntry("values", List.of(1L, 1L));
  }

  @Test
  void aProcessReadingBackToTheFirstOffsetIsNonmonotonic() {
    send(0, "x", 1, 0).send(0, "x", 2, 1).poll(1, "x", 0, 1, 1, 2).poll(1, "x", 0, 1);

    Result result = check();

    assertThat(types(result)).containsExactly("nonmonotonic-poll");
    assertThat(errs(result, "nonmonotonic-poll").get(0)).containsEntry("delta", -1).containsEntry("values", List.of(2L, 1L));
  }

  @Test
  void anAssignKeepingAKeyStillComparesTheProcessesSendsToIt() {
    send(0, "x", 1, 1).assign(0, "x", "y").send(0, "x", 2, 0).poll(1, "x", 0, 2, 1, 1);

    assertThat(types(check())).containsExactly("nonmonotonic-send");
  }

  @Test
  void anAssignDroppingAKeyForgetsTheProcessesLastSendToIt() {
    send(0, "x", 1, 1).assign(0, "y").send(0, "x", 2, 0).poll(1, "x", 0, 2, 1, 1);

    assertThat(check().valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void realtimeLagCountsOffsetsKnownOnlyFromAPoll() {
    h.at(0);
    assign(1, "x");
    // An indeterminate send: offset 0 becomes known only when process 2 polls it, at 21 ms.
    h.at(10);
    h.invoke(0, "send", sendValue("x", 1)).info(0, "send", sendValue("x", 1), List.of("net-timeout"));
    h.at(20);
    poll(2, "x", 0, 1);
    h.at(50);
    poll(1, "x");

    Map<String, Object> worst = (Map<String, Object>) check().json().get("worst-realtime-lag");

    assertThat(worst).containsEntry("process", 1).containsEntry("key", "x").containsEntry("time", 0.05);
    assertThat((Double) worst.get("lag")).isCloseTo(0.029, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anIndeterminateAssignKeepsTheKeysWhoseLagIsTracked() {
    h.at(0);
    assign(1, "x");
    h.at(10);
    send(0, "x", 1, 0);
    h.at(20);
    h.invoke(1, "assign", List.of("y")).info(1, "assign", List.of("y"), List.of("net-timeout"));
    h.at(50);
    h.invoke(1, "poll", List.of(List.of("poll"))).ok(1, "poll", List.of(List.of("poll", Map.of())));

    Map<String, Object> worst = (Map<String, Object>) check().json().get("worst-realtime-lag");

    assertThat(worst).containsEntry("process", 1).containsEntry("key", "x");
    assertThat((Double) worst.get("lag")).isCloseTo(0.039, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void amongEqualLagsTheEarliestPollIsTheWorst() {
    send(0, "x", 1, 0);
    h.at(10);
    poll(1, "x", 0, 1);
    h.at(20);
    poll(2, "x", 0, 1);

    Map<String, Object> worst = (Map<String, Object>) check().json().get("worst-realtime-lag");

    assertThat(worst).containsEntry("process", 1).containsEntry("time", 0.01).containsEntry("lag", 0.0);
  }
}
