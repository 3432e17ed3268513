package glomers.solutions.raft;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.RawJson;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.solutions.raft.Log.Entry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The lin-kv workload: a linearizable key-value store (read, write, cas) replicated with Raft.
 *
 * <p>Every operation, reads included, is an entry in the replicated log, and is answered once the
 * entry is committed (held by a majority, §5.3) and applied to the {@link KvStore}, in log order.
 * So the order of the log is the linearization order, and a read sees every write committed
 * before it: a read-index or lease scheme would save messages, but a read through the log needs
 * no clock assumption and costs only its share of a batch.
 *
 * <p>Roles. Followers answer a client by forwarding its request to the leader they last heard
 * from and passing the leader's answer back; knowing none, they refuse at once with 11
 * (temporarily unavailable), which is definite: nothing was appended. A follower that hears
 * nothing from a leader for a randomized election timeout asks for votes (§5.2), first in a
 * pre-vote that changes no one's term, so that a node cut off from the others cannot unseat a
 * healthy leader with its inflated term when the partition heals. Each node votes once per term,
 * for a candidate whose log is at least as up to date as its own (§5.4.1).
 *
 * <p>Replication. The leader sends each follower, every {@link #BATCH_MILLIS} at most, one
 * append_entries holding everything from the follower's next index on, and waits for its answer
 * (or {@link #HEARTBEAT_MILLIS}) before sending more; with nothing new, a heartbeat every
 * {@link #HEARTBEAT_MILLIS}. So the messages between servers are bounded by the batch rate, not
 * the op rate: at most 2 × (n-1) × 1000 / {@link #BATCH_MILLIS} a second, and, at 100 ops/s with
 * 5 nodes, about 3 per op, plus 2 × 4/5 per op for the forwards from followers.
 *
 * <p>Commit. The leader commits an index when a majority holds it and its entry is of the
 * current term (§5.4.2); earlier entries are then committed with it. An entry of an earlier term
 * held by a majority may still be overwritten by a leader whose log ends in a later term (the
 * paper's figure 8), so counting replicas alone is not enough.
 *
 * <p>Answers. Whoever appended an entry remembers its (index, term) with the client's pending
 * answer, and answers when that index is applied: with the result if the entry applied there is
 * still its own, else with 11, since an entry that was overwritten is gone for good. A leader
 * that loses its office keeps its pending answers and gives them as a follower when the new
 * leader's commits reach it. Nobody answers a write or cas that may still happen with an error
 * that says it did not: a forward that times out is passed on as a timeout.
 */
@Solution("raft")
final class Raft {
  /** A follower's wait for a leader, randomized in [min, 2 × min) per wait (§5.2). */
  static final long ELECTION_MIN_MILLIS = 400;

  /** How often the leader sends a follower something when there is nothing new. */
  static final long HEARTBEAT_MILLIS = 100;

  /** The shortest gap between two append_entries to one follower: the batching interval. */
  static final long BATCH_MILLIS = 25;

  /** At most this many entries in one append_entries, after a long partition. */
  static final int MAX_ENTRIES = 500;

  // --- client messages (lin-kv) ---

  @Message("read")
  record Read(RawJson key) {}

  @Message("read_ok")
  record ReadOk(RawJson value) {}

  @Message("write")
  record Write(RawJson key, RawJson value) {}

  @Message("write_ok")
  record WriteOk() {}

  @Message("cas")
  record Cas(RawJson key, RawJson from, RawJson to) {}

  @Message("cas_ok")
  record CasOk() {}

  // --- between nodes (fire-and-forget, each answered by a message of its own) ---

  /** Asks for a vote in {@code term}; a {@code pre} vote asks whether one would be given. */
  @Message("request_vote")
  record RequestVote(long term, long lastLogIndex, long lastLogTerm, boolean pre) {}

  /** A vote, or a refusal; {@code term} is the vote's term, or the voter's when refused. */
  @Message("vote")
  record Vote(long term, boolean granted, boolean pre) {}

  @Message("append_entries")
  record AppendEntries(long term, long prevLogIndex, long prevLogTerm, List<Entry> entries,
      long leaderCommit) {}

  /**
   * On success, {@code index} is the last index the follower now holds as the leader does; on
   * failure, the index the leader should try next.
   */
  @Message("append_entries_ok")
  record Appended(long term, boolean success, long index) {}

  /** A node's Raft state, for tests and debugging. */
  @Message("raft_state")
  record State() {}

  @Message("raft_state_ok")
  record StateOk(long term, String role, String leader, long commitIndex, List<Long> logTerms) {}

  private enum Role { FOLLOWER, CANDIDATE, LEADER }

  private static final class Peer {
    long nextIndex = 1;
    long matchIndex;
    long lastSent = Long.MIN_VALUE / 2;
    boolean awaiting; // an append_entries is out and unanswered
  }

  private record Pending(long term, CompletableFuture<Object> answer) {}

  private final Node node;
  private final SplittableRandom random;
  private final Log log = new Log();
  private final KvStore store = new KvStore();
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<Long, Pending> pending = new HashMap<>();

  private long currentTerm;
  private String votedFor;
  private Role role = Role.FOLLOWER;
  private String leader;
  private long commitIndex;
  private long lastApplied;
  private long electionDeadline;
  private long lastLeaderContact = Long.MIN_VALUE / 2;
  // The election under way: its term, and who granted (pre-)votes for it.
  private boolean preVoting;
  private long electionTerm;
  private final Set<String> votes = new HashSet<>();

  Raft(Node node) {
    this.node = node;
    // Differs between nodes and between process runs; fixed by the seed in simulation. Not
    // java.util.Random: seeds as close as "n1" and "n2"'s hashes give it nearly the same first
    // draws, so every node would time out at once and split the vote, again and again.
    this.random = new SplittableRandom(node.id().hashCode() * 31L + node.nowMillis());
    for (String peer : node.peers()) {
      peers.put(peer, new Peer());
    }
    resetElectionTimer();
  }

  // --- clients ---

  @Handles
  CompletionStage<ReadOk> read(Read read, Request request) {
    return execute(read, new Entry(currentTerm, "read", read.key(), null, null, null), request,
        ReadOk.class);
  }

  @Handles
  CompletionStage<WriteOk> write(Write write, Request request) {
    return execute(write, new Entry(currentTerm, "write", write.key(), write.value(), null, null),
        request, WriteOk.class);
  }

  @Handles
  CompletionStage<CasOk> cas(Cas cas, Request request) {
    return execute(cas, new Entry(currentTerm, "cas", cas.key(), null, cas.from(), cas.to()),
        request, CasOk.class);
  }

  /**
   * The leader appends the operation and answers once it is applied; a follower forwards a
   * client's request to the leader. A request forwarded to a node that is no longer leader is
   * refused rather than forwarded again, so requests never circle.
   */
  private <R extends Record> CompletionStage<R> execute(Record request, Entry entry, Request from,
      Class<R> replyType) {
    if (role == Role.LEADER) {
      long index = log.append(entry);
      CompletableFuture<Object> answer = new CompletableFuture<>();
      pending.put(index, new Pending(currentTerm, answer));
      if (peers.isEmpty()) {
        advanceCommitIndex();
      }
      return answer.thenApply(result -> {
        if (result instanceof RpcError error) {
          throw error;
        }
        return replyType.cast(result);
      });
    }
    if (leader != null && from.fromClient()) {
      return node.rpc(leader, request, replyType);
    }
    throw RpcError.temporarilyUnavailable(leader == null
        ? "no leader known, election under way"
        : "forwarded here, but " + node.id() + " is no longer leader");
  }

  @Handles
  StateOk state(State state) {
    return new StateOk(currentTerm, role.name().toLowerCase(), leader, commitIndex, log.terms());
  }

  // --- elections ---

  @Every(millis = 10)
  void tick() {
    if (role == Role.LEADER) {
      replicate();
    } else if (node.nowMillis() >= electionDeadline) {
      startElection(true);
    }
  }

  private void resetElectionTimer() {
    electionDeadline = node.nowMillis() + ELECTION_MIN_MILLIS
        + (long) (random.nextDouble() * ELECTION_MIN_MILLIS);
  }

  private int majority() {
    return node.nodeIds().size() / 2 + 1;
  }

  /** A pre-vote for the next term, or, once a majority would vote, the election itself. */
  private void startElection(boolean pre) {
    resetElectionTimer();
    leader = null; // not heard from for a whole timeout: refuse clients rather than forward
    preVoting = pre;
    votes.clear();
    votes.add(node.id());
    if (pre) {
      electionTerm = currentTerm + 1;
    } else {
      currentTerm++;
      electionTerm = currentTerm;
      votedFor = node.id();
      role = Role.CANDIDATE;
    }
    if (votes.size() >= majority()) {
      wonVotes();
      return;
    }
    RequestVote request =
        new RequestVote(electionTerm, log.lastIndex(), log.lastTerm(), pre);
    for (String peer : peers.keySet()) {
      node.send(peer, request);
    }
  }

  @Handles
  void requestVote(RequestVote request, Request from) {
    if (request.pre()) {
      // Changes nothing here: would we vote for it, were it to ask in that term?
      boolean leaderAlive = role == Role.LEADER
          || node.nowMillis() - lastLeaderContact < ELECTION_MIN_MILLIS;
      boolean granted = request.term() > currentTerm && !leaderAlive
          && log.isBehindOrEqual(request.lastLogTerm(), request.lastLogIndex());
      node.send(from.src(), new Vote(granted ? request.term() : currentTerm, granted, true));
      return;
    }
    if (request.term() > currentTerm) {
      becomeFollower(request.term());
    }
    boolean granted = request.term() == currentTerm
        && (votedFor == null || votedFor.equals(from.src()))
        && log.isBehindOrEqual(request.lastLogTerm(), request.lastLogIndex());
    if (granted) {
      votedFor = from.src();
      resetElectionTimer();
    }
    node.send(from.src(), new Vote(currentTerm, granted, false));
  }

  @Handles
  void vote(Vote vote, Request from) {
    if (!vote.granted()) {
      if (vote.term() > currentTerm) {
        becomeFollower(vote.term());
      }
      return;
    }
    boolean counts = vote.pre()
        ? preVoting && role == Role.FOLLOWER && vote.term() == currentTerm + 1
        : role == Role.CANDIDATE && vote.term() == currentTerm;
    if (counts && vote.term() == electionTerm) {
      votes.add(from.src());
      if (votes.size() >= majority()) {
        wonVotes();
      }
    }
  }

  private void wonVotes() {
    if (preVoting) {
      startElection(false);
      return;
    }
    role = Role.LEADER;
    leader = node.id();
    node.log("leader of term " + currentTerm);
    for (Peer peer : peers.values()) {
      peer.nextIndex = log.lastIndex() + 1;
      peer.matchIndex = 0;
      peer.awaiting = false;
      peer.lastSent = Long.MIN_VALUE / 2;
    }
    replicate();
  }

  /**
   * A later term was seen, or a leader of this one: whatever this node was, it now follows, its
   * leader unknown until one is heard from.
   */
  private void becomeFollower(long term) {
    if (role == Role.LEADER) {
      node.log("steps down in term " + term);
    }
    if (term > currentTerm) {
      currentTerm = term;
      votedFor = null; // a vote given in this term stands: a candidate that lost keeps its own
    }
    role = Role.FOLLOWER;
    leader = null;
    preVoting = false;
    resetElectionTimer();
  }

  // --- replication ---

  /** Sends each follower what it lacks, a batch at a time, or a heartbeat when due. */
  private void replicate() {
    long now = node.nowMillis();
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      Peer peer = e.getValue();
      boolean heartbeatDue = now - peer.lastSent >= HEARTBEAT_MILLIS;
      boolean batchDue = peer.nextIndex <= log.lastIndex() && !peer.awaiting
          && now - peer.lastSent >= BATCH_MILLIS;
      if (!heartbeatDue && !batchDue) {
        continue;
      }
      long prev = peer.nextIndex - 1;
      node.send(e.getKey(), new AppendEntries(currentTerm, prev, log.term(prev),
          log.from(peer.nextIndex, MAX_ENTRIES), commitIndex));
      peer.lastSent = now;
      peer.awaiting = true;
    }
  }

  @Handles
  void appendEntries(AppendEntries append, Request from) {
    if (append.term() < currentTerm) {
      node.send(from.src(), new Appended(currentTerm, false, 0));
      return;
    }
    if (append.term() > currentTerm || role != Role.FOLLOWER) {
      becomeFollower(append.term());
    }
    leader = from.src();
    lastLeaderContact = node.nowMillis();
    preVoting = false;
    resetElectionTimer();

    long prev = append.prevLogIndex();
    if (log.term(prev) != append.prevLogTerm()) {
      // Our log does not match the leader's there: have it try from the start of our entry's
      // term, or from our end if our log is shorter, rather than one index back at a time.
      long retry = prev > log.lastIndex() ? log.lastIndex() + 1 : log.firstOfTerm(prev);
      node.send(from.src(), new Appended(currentTerm, false, Math.max(1, retry)));
      return;
    }
    long index = prev;
    for (Entry entry : append.entries()) {
      index++;
      if (log.term(index) == entry.term()) {
        continue; // already held: a repeated or reordered batch must not truncate anything
      }
      if (index <= log.lastIndex()) {
        if (index <= commitIndex) {
          throw new IllegalStateException("leader " + from.src() + " overwrites committed index "
              + index);
        }
        node.log("drops entries from index " + index + " to " + log.lastIndex()
            + ", which the leader of term " + append.term() + " does not hold");
        for (long i = index; i <= log.lastIndex(); i++) {
          Pending lost = pending.remove(i);
          if (lost != null) {
            lost.answer().complete(RpcError.temporarilyUnavailable(
                "overwritten by the leader of term " + append.term() + "; never applied"));
          }
        }
        log.truncateFrom(index);
      }
      log.append(entry);
    }
    // Only what we now know to match the leader's log may be committed from its leaderCommit.
    if (append.leaderCommit() > commitIndex) {
      commitIndex = Math.max(commitIndex, Math.min(append.leaderCommit(), index));
      applyCommitted();
    }
    node.send(from.src(), new Appended(currentTerm, true, index));
  }

  @Handles
  void appended(Appended reply, Request from) {
    if (reply.term() > currentTerm) {
      becomeFollower(reply.term());
      return;
    }
    Peer peer = peers.get(from.src());
    if (role != Role.LEADER || reply.term() != currentTerm || peer == null) {
      return;
    }
    peer.awaiting = false;
    if (reply.success()) {
      peer.matchIndex = Math.max(peer.matchIndex, reply.index());
      peer.nextIndex = Math.max(peer.nextIndex, peer.matchIndex + 1);
      advanceCommitIndex();
    } else {
      peer.nextIndex = Math.max(peer.matchIndex + 1, Math.min(reply.index(), peer.nextIndex - 1));
      peer.lastSent = Long.MIN_VALUE / 2; // try again at the next tick
    }
  }

  /** The highest index of the current term that a majority holds, and all before it (§5.4.2). */
  private void advanceCommitIndex() {
    for (long n = log.lastIndex(); n > commitIndex && log.term(n) == currentTerm; n--) {
      int holders = 1;
      for (Peer peer : peers.values()) {
        if (peer.matchIndex >= n) {
          holders++;
        }
      }
      if (holders >= majority()) {
        commitIndex = n;
        applyCommitted();
        return;
      }
    }
  }

  private void applyCommitted() {
    while (lastApplied < commitIndex) {
      lastApplied++;
      Entry entry = log.get(lastApplied);
      Object result = store.apply(entry);
      Pending waiting = pending.remove(lastApplied);
      if (waiting != null) {
        waiting.answer().complete(waiting.term() == entry.term() ? result
            : RpcError.temporarilyUnavailable("another entry was committed in its place"));
      }
    }
  }
}
