package glomers.solutions.planted;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node kafka log with a planted bug, for the kafka checker to explain: it acknowledges
 * every send with the next offset, but its polls never return the msgs at offsets 4, 9, 14... So
 * polls skip them, they are lost though later offsets were read, and the final polls never see them.
 */
@Solution("kafka-skipping")
final class SkippingKafka {
  static final int HIDE_ONE_IN = 5;

  @Message("send")
  record Send(String key, long msg) {}

  @Message("send_ok")
  record SendOk(long offset) {}

  @Message("poll")
  record Poll(Map<String, Long> offsets) {}

  @Message("poll_ok")
  record PollOk(Map<String, List<List<Long>>> msgs) {}

  @Message("commit_offsets")
  record CommitOffsets(Map<String, Long> offsets) {}

  @Message("commit_offsets_ok")
  record CommitOffsetsOk() {}

  @Message("list_committed_offsets")
  record ListCommittedOffsets(List<String> keys) {}

  @Message("list_committed_offsets_ok")
  record ListCommittedOffsetsOk(Map<String, Long> offsets) {}

  private final Map<String, List<Long>> logs = new HashMap<>();
  private final Map<String, Long> committed = new HashMap<>();

  SkippingKafka(Node node) {}

  @Handles
  SendOk send(Send send) {
    List<Long> log = logs.computeIfAbsent(send.key(), k -> new ArrayList<>());
    log.add(send.msg());
    return new SendOk(log.size() - 1);
  }

  /** The bug: the msgs at every fifth offset are left out of every reply. */
  @Handles
  PollOk poll(Poll poll) {
    Map<String, List<List<Long>>> msgs = new LinkedHashMap<>();
    poll.offsets().forEach((key, from) -> {
      List<List<Long>> pairs = new ArrayList<>();
      List<Long> log = logs.getOrDefault(key, List.of());
      for (int offset = (int) Math.max(0, from); offset < log.size(); offset++) {
        if (offset % HIDE_ONE_IN != HIDE_ONE_IN - 1) {
          pairs.add(List.of((long) offset, log.get(offset)));
        }
      }
      msgs.put(key, pairs);
    });
    return new PollOk(msgs);
  }

  @Handles
  CommitOffsetsOk commit(CommitOffsets commit) {
    commit.offsets().forEach((key, offset) -> committed.merge(key, offset, Math::max));
    return new CommitOffsetsOk();
  }

  @Handles
  ListCommittedOffsetsOk listCommitted(ListCommittedOffsets list) {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (String key : list.keys()) {
      if (committed.containsKey(key)) {
        offsets.put(key, committed.get(key));
      }
    }
    return new ListCommittedOffsetsOk(offsets);
  }
}
