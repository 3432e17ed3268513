package glomers.solutions.kafka;

import glomers.annotations.Message;
import glomers.runtime.RawJson;
import java.util.List;
import java.util.Map;

/** The client-facing kafka messages, shared by both solutions. */
final class Protocol {
  private Protocol() {}

  private static final RawJson NULL = new RawJson("null");

  /** A msg of JSON null is decoded as Java null; logs hold it as the JSON text. */
  static RawJson orJsonNull(RawJson msg) {
    return msg != null ? msg : NULL;
  }

  static Send withMsg(Send send) {
    return send.msg() != null ? send : new Send(send.key(), NULL);
  }

  @Message("send")
  record Send(String key, RawJson msg) {}

  @Message("send_ok")
  record SendOk(long offset) {}

  /** Per key, the first offset the client wants. */
  @Message("poll")
  record Poll(Map<String, Long> offsets) {}

  /** Per key, [offset, msg] pairs from the requested offset on, without gaps. */
  @Message("poll_ok")
  record PollOk(Map<String, List<List<RawJson>>> msgs) {}

  @Message("commit_offsets")
  record CommitOffsets(Map<String, Long> offsets) {}

  @Message("commit_offsets_ok")
  record CommitOffsetsOk() {}

  @Message("list_committed_offsets")
  record ListCommittedOffsets(List<String> keys) {}

  @Message("list_committed_offsets_ok")
  record ListCommittedOffsetsOk(Map<String, Long> offsets) {}
}
