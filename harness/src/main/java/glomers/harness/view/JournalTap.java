package glomers.harness.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.net.Journal;
import glomers.harness.net.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what the report needs of each journalled message in memory during the run (envelope, send
 * and recv times, the body's type, msg_id, in_reply_to and its JSON text, not its tree), so the
 * pages need not read the journal file back: 100,000 events cost a few MB and no parsing.
 */
final class JournalTap implements Journal.Listener {
  private static final class Entry {
    final long id;
    final String src;
    final String dest;
    final String type;
    final Long msgId;
    final Long inReplyTo;
    final String body;
    final long send;
    long recv = RunData.Message.NEVER;

    Entry(long id, String src, String dest, String type, Long msgId, Long inReplyTo, String body, long send) {
      this.id = id;
      this.src = src;
      this.dest = dest;
      this.type = type;
      this.msgId = msgId;
      this.inReplyTo = inReplyTo;
      this.body = body;
      this.send = send;
    }
  }

  /** Past this many messages the tap lets go of them, and the pages read the journal file instead. */
  static final int MAX_MESSAGES = Integer.getInteger("glomers.harness.report-max-in-memory", 400_000);

  private final List<Entry> sent = new ArrayList<>();
  private final Map<Long, Entry> byId = new HashMap<>();
  private final int max;
  private boolean overflowed;

  JournalTap() {
    this(MAX_MESSAGES);
  }

  JournalTap(int max) {
    this.max = max;
  }

  @Override
  public synchronized void event(long time, boolean send, Message message) {
    if (overflowed) {
      return;
    }
    if (send && sent.size() >= max) {
      overflowed = true;
      sent.clear();
      byId.clear();
      return;
    }
    if (send) {
      ObjectNode body = message.body();
      JsonNode type = body.get("type");
      Entry e = new Entry(message.id(), message.src(), message.dest(), type != null && type.isTextual() ? type.textValue() : "?",
          integer(body.get("msg_id")), integer(body.get("in_reply_to")), message.bodyJson(), time);
      sent.add(e);
      byId.put(e.id, e);
    } else {
      Entry e = byId.get(message.id());
      if (e != null) {
        e.recv = time;
      }
    }
  }

  private static Long integer(JsonNode node) {
    return node != null && node.isIntegralNumber() ? node.longValue() : null;
  }

  /** True if the run had too many messages to keep: read the journal file instead. */
  synchronized boolean overflowed() {
    return overflowed;
  }

  /** The messages in send order, times in µs since {@code offsetNanos} of the journal's clock. */
  synchronized List<RunData.Message> messages(long offsetNanos) {
    List<RunData.Message> messages = new ArrayList<>(sent.size());
    for (Entry e : sent) {
      messages.add(new RunData.Message(e.id, e.src, e.dest, Math.floorDiv(e.send - offsetNanos, 1000),
          e.recv == RunData.Message.NEVER ? RunData.Message.NEVER : Math.floorDiv(e.recv - offsetNanos, 1000),
          e.type, e.msgId, e.inReplyTo, e.body));
    }
    return messages;
  }
}
