package glomers.harness.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.harness.log.Log;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The simulated network (docs/bench.md#network): members, latency, partitions, journal. */
public final class Network {
  private final Map<String, Mailbox> members = new ConcurrentHashMap<>();
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextMessageId = new AtomicLong();
  private final AtomicLong nextClientId = new AtomicLong();
  private final LatencyModel latency;
  private final Random random;
  private final Journal journal;
  private final Partitions partitions = new Partitions();
  private final boolean logSend;
  private final boolean logRecv;
  private final LongSupplier clock;

  public Network(
      LatencyModel latency, Random random, Journal journal, boolean logSend, boolean logRecv) {
    this(latency, random, journal, logSend, logRecv, System::nanoTime);
  }

  /** A network whose deadlines count on {@code clock}: {@link System#nanoTime()}, or a simulation's virtual time. */
  public Network(
      LatencyModel latency, Random random, Journal journal, boolean logSend, boolean logRecv, LongSupplier clock) {
    this.clock = clock;
    this.latency = latency;
    this.random = random;
    this.journal = journal;
    this.logSend = logSend;
    this.logRecv = logRecv;
  }

  /** Raised when a message names a src or dest that is not (or no longer) a member. */
  public static final class UnknownMemberException extends Exception {
    private final boolean toClosedMember;

    public UnknownMemberException(String message) {
      this(message, false);
    }

    UnknownMemberException(String message, boolean toClosedMember) {
      super(message);
      this.toClosedMember = toClosedMember;
    }

    /** Whether the dest was a member once and has left, e.g. a client closed after its request timed out. */
    public boolean toClosedMember() {
      return toClosedMember;
    }
  }

  public Partitions partitions() {
    return partitions;
  }

  public Journal journal() {
    return journal;
  }

  /** Where the network puts a member's messages as they are sent: a process's {@link Inbox}, or a simulation's events. */
  public interface Mailbox {
    void offer(Message message);
  }

  public Inbox register(String id) {
    Inbox inbox = new Inbox(id, this);
    attach(id, inbox);
    return inbox;
  }

  /**
   * A fresh inbox for a member that stays registered, e.g. a node restarted after a kill: whatever
   * waited in its old one is lost, as Maelstrom gives a restarted node a new queue.
   */
  public Inbox registerAgain(String id) {
    Inbox inbox = new Inbox(id, this);
    if (members.replace(id, inbox) == null) {
      throw new IllegalStateException("network member " + id + " was never registered");
    }
    return inbox;
  }

  /** Makes {@code id} a member whose messages go to {@code mailbox}, which must deliver them with {@link #delivered}. */
  public void attach(String id, Mailbox mailbox) {
    if (members.putIfAbsent(id, mailbox) != null) {
      throw new IllegalStateException("network member " + id + " registered twice");
    }
  }

  public void unregister(String id) {
    if (members.remove(id) != null) {
      departed.add(id);
    }
  }

  public boolean isMember(String id) {
    return members.containsKey(id);
  }

  /** A fresh client id {@code c<k>}, k from one counter starting at 0. */
  public String nextClientId() {
    return "c" + nextClientId.getAndIncrement();
  }

  public Message send(String src, String dest, ObjectNode body) throws UnknownMemberException {
    long id = nextMessageId.getAndIncrement();
    if (!members.containsKey(src)) {
      throw new UnknownMemberException("unknown src " + src);
    }
    Mailbox inbox = members.get(dest);
    if (inbox == null) {
      throw new UnknownMemberException("unknown dest " + dest, departed.contains(dest));
    }
    long latencyMillis =
        Message.isClient(src) || Message.isClient(dest) ? 0 : latency.drawMillis(random);
    Message message =
        new Message(id, src, dest, body, body.toString(), clock.getAsLong() + latencyMillis * 1_000_000);
    journal.send(message);
    if (logSend) {
      Log.info(":send " + message.toLine());
    }
    inbox.offer(message);
    return message;
  }

  /** Journals a message as received by its dest, at the clock's now; mailboxes call it as they hand one over. */
  public void delivered(Message message) {
    if (logRecv) {
      Log.info(":recv " + message.toLine());
    }
    journal.recv(message);
  }
}
