package glomers.harness.workload.linkv;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Wing and Gong's linearizability search with Lowe's memoization, as Porcupine runs it, for one key
 * of a CAS register. Values are interned as ints; 0 is JSON null, the register's initial value.
 *
 * <p>Ok ops are kept as call and return entries in a doubly linked list in history order. At each
 * configuration the candidates are the ok calls before the first return entry, then the pending
 * {@code :info} ops invoked before it: an {@code :info} op has no return, so it may be linearized
 * anywhere after its call, or never. The search succeeds once every ok op is linearized. A
 * configuration (set of linearized ops, register value) that was reached before is not explored
 * again; the set is keyed by a Zobrist hash and compared exactly: the ok ops' bitset on a window
 * from the first unlinearized ok op to the last linearized one, and the info ops' bitset whole, so
 * no two different sets are ever confused.
 */
final class CasRegisterSearch {
  static final int READ = 0;
  static final int WRITE = 1;
  static final int CAS = 2;

  /**
   * One op on the key: {@code kind} with ints {@code a} (read value, written value, cas from) and
   * {@code b} (cas to); {@code call} and {@code ret} are history positions, {@code info} ops have
   * no return. Ops must be given in call order.
   */
  record Call(int kind, int a, int b, long call, long ret, boolean info) {}

  enum Status {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    UNKNOWN
  }

  /**
   * The verdict. For a history that is not linearizable, {@code prefix} is the longest linearization
   * the search found (op indexes in order), {@code state} the register value after it and {@code
   * blocked} the ok op whose return came before it could be placed. {@code steps} counts model steps
   * tried; {@code configurations} the memoized configurations.
   */
  record Outcome(Status status, int[] prefix, int state, int blocked, long steps, long configurations, String cause) {}

  /** Limits that turn a search into UNKNOWN: model steps tried, and longs held by the memo. */
  record Budget(long steps, long cachedWords) {}

  static final Budget DEFAULT_BUDGET = new Budget(20_000_000L, 32_000_000L);

  private record Config(long hash, int state, int low, long[] words) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Config c && c.hash == hash && c.state == state && c.low == low && Arrays.equals(c.words, words);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(hash * 0x9E3779B97F4A7C15L + state);
    }
  }

  private CasRegisterSearch() {}

  static int step(int kind, int a, int b, int state) {
    return switch (kind) {
      case READ -> a == 0 || a == state ? state : -1;
      case WRITE -> a;
      default -> state == a ? b : -1;
    };
  }

  static Outcome check(List<Call> ops, Budget budget) {
    int n = ops.size();
    int[] kind = new int[n];
    int[] a = new int[n];
    int[] b = new int[n];
    int okCount = 0;
    int infoCount = 0;
    for (int i = 0; i < n; i++) {
      Call c = ops.get(i);
      kind[i] = c.kind();
      a[i] = c.a();
      b[i] = c.b();
      if (c.info()) {
        infoCount++;
      } else {
        okCount++;
      }
    }
    // Entries: 2k is the call of the k-th ok op, 2k+1 its return; the list is in history order.
    int entries = 2 * okCount;
    int[] entryOp = new int[entries];
    long[] entryPos = new long[entries];
    int[] info = new int[infoCount];
    long[] infoCall = new long[infoCount];
    int k = 0;
    int j = 0;
    for (int i = 0; i < n; i++) {
      Call c = ops.get(i);
      if (c.info()) {
        info[j] = i;
        infoCall[j++] = c.call();
      } else {
        entryOp[2 * k] = i;
        entryPos[2 * k] = c.call();
        entryOp[2 * k + 1] = i;
        entryPos[2 * k + 1] = c.ret();
        k++;
      }
    }
    Integer[] order = new Integer[entries];
    for (int e = 0; e < entries; e++) {
      order[e] = e;
    }
    Arrays.sort(order, (x, y) -> Long.compare(entryPos[x], entryPos[y]));
    int head = entries;
    int[] next = new int[entries + 1];
    int[] prev = new int[entries + 1];
    int last = head;
    for (int e = 0; e < entries; e++) {
      int cur = order[e];
      next[last] = cur;
      prev[cur] = last;
      last = cur;
    }
    next[last] = -1;

    long[] zobrist = new long[n];
    SplittableRandom random = new SplittableRandom(0x5EED);
    for (int i = 0; i < n; i++) {
      zobrist[i] = random.nextLong();
    }
    // Ok ops are numbered 0.. in call order, info ops 0.. in theirs; the linearized set is one
    // bitset each. Ok ops below the first unlinearized one are all in, so only a window of the ok
    // bits is kept; info ops may stay out forever, so their bits are kept whole (there are few).
    int[] okIndex = new int[n];
    int[] infoIndex = new int[n];
    for (int e = 0, o = 0; e < entries; e += 2) {
      okIndex[entryOp[e]] = o++;
    }
    for (int s = 0; s < infoCount; s++) {
      infoIndex[info[s]] = s;
    }
    long[] bits = new long[(okCount + 63) / 64];
    int infoWords = (infoCount + 63) / 64;
    long[] infoBits = new long[infoWords];
    int lowWord = 0;
    long hash = 0;
    int state = 0;
    Set<Config> cache = new HashSet<>();
    long cachedWords = 0;
    long steps = 0;

    // The stack of linearized ops: the op, how it was found (entry, or -1 - info slot), the state
    // before it, the first return entry when it was found among info ops, the largest op so far.
    int[] stackOp = new int[n];
    int[] stackFrom = new int[n];
    int[] stackState = new int[n];
    int[] stackReturn = new int[n];
    int[] stackMax = new int[n + 1];
    stackMax[0] = -1;
    int depth = 0;
    int[] best = new int[n];
    int bestDepth = -1;
    int bestState = 0;
    int bestBlocked = -1;
    int dirtyFrom = 0;

    int entry = next[head];
    int infoSlot = -1; // -1: scanning ok calls; >= 0: scanning info ops from this slot
    int firstReturn = -1;
    while (true) {
      if (next[head] == -1) {
        return new Outcome(Status.LINEARIZABLE, Arrays.copyOf(stackOp, depth), state, -1, steps, cache.size(), null);
      }
      int candidate = -1;
      int from = 0;
      if (infoSlot < 0) {
        if (entry != -1 && (entry & 1) == 0) {
          candidate = entryOp[entry];
          from = entry;
        } else {
          firstReturn = entry;
          infoSlot = 0;
          continue;
        }
      } else {
        long bound = entryPos[firstReturn];
        while (infoSlot < infoCount && infoCall[infoSlot] < bound && isSet(infoBits, infoSlot)) {
          infoSlot++;
        }
        if (infoSlot < infoCount && infoCall[infoSlot] < bound) {
          candidate = info[infoSlot];
          from = -1 - infoSlot;
        }
      }
      if (candidate >= 0) {
        if (++steps > budget.steps()) {
          return unknown(steps, cache.size(), "more than " + budget.steps() + " model steps");
        }
        int after = step(kind[candidate], a[candidate], b[candidate], state);
        boolean pushed = false;
        // An info op that leaves the value as it is can never help: whatever follows it could
        // follow without it, since it may also never take effect. Skipping it is exact.
        if (after >= 0 && !(from < 0 && after == state)) {
          boolean ok = from >= 0;
          int bit = ok ? okIndex[candidate] : infoIndex[candidate];
          long[] set = ok ? bits : infoBits;
          set[bit >>> 6] |= 1L << bit;
          long newHash = hash ^ zobrist[candidate];
          int newLow = lowWord;
          while (newLow < bits.length && bits[newLow] == -1L) {
            newLow++;
          }
          int max = ok ? Math.max(stackMax[depth], bit) : stackMax[depth];
          int width = max < 0 || newLow > (max >>> 6) ? 0 : (max >>> 6) - newLow + 1;
          long[] window = new long[width + infoWords];
          System.arraycopy(bits, newLow, window, 0, width);
          System.arraycopy(infoBits, 0, window, width, infoWords);
          if (cache.add(new Config(newHash, after, newLow, window))) {
            cachedWords += window.length + 4;
            if (cachedWords > budget.cachedWords()) {
              return unknown(steps, cache.size(), "more than " + budget.cachedWords() + " words of memoized configurations");
            }
            stackOp[depth] = candidate;
            stackFrom[depth] = from;
            stackState[depth] = state;
            stackReturn[depth] = firstReturn;
            stackMax[depth + 1] = max;
            depth++;
            hash = newHash;
            lowWord = newLow;
            state = after;
            if (from >= 0) {
              lift(from, next, prev);
            }
            pushed = true;
            entry = next[head];
            infoSlot = -1;
          } else {
            set[bit >>> 6] &= ~(1L << bit);
          }
        }
        if (!pushed) {
          if (from >= 0) {
            entry = next[entry];
          } else {
            infoSlot++;
          }
        }
        continue;
      }
      // Nothing more to try here: remember the deepest dead end, then backtrack.
      if (depth > bestDepth) {
        System.arraycopy(stackOp, dirtyFrom, best, dirtyFrom, depth - dirtyFrom);
        bestDepth = depth;
        dirtyFrom = depth;
        bestState = state;
        bestBlocked = entryOp[firstReturn];
      }
      if (depth == 0) {
        return new Outcome(
            Status.NOT_LINEARIZABLE, Arrays.copyOf(best, bestDepth), bestState, bestBlocked, steps, cache.size(), null);
      }
      depth--;
      dirtyFrom = Math.min(dirtyFrom, depth);
      int op = stackOp[depth];
      from = stackFrom[depth];
      state = stackState[depth];
      hash ^= zobrist[op];
      if (from >= 0) {
        int bit = okIndex[op];
        bits[bit >>> 6] &= ~(1L << bit);
        lowWord = Math.min(lowWord, bit >>> 6);
      } else {
        int slot = -1 - from;
        infoBits[slot >>> 6] &= ~(1L << slot);
      }
      if (from >= 0) {
        unlift(from, next, prev);
        entry = next[from];
        infoSlot = -1;
      } else {
        firstReturn = stackReturn[depth];
        infoSlot = -from;
      }
    }
  }

  private static Outcome unknown(long steps, long configurations, String cause) {
    return new Outcome(Status.UNKNOWN, new int[0], 0, -1, steps, configurations, cause);
  }

  private static boolean isSet(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  /** Removes a call entry and its return entry (the next id) from the list. */
  private static void lift(int call, int[] next, int[] prev) {
    remove(call, next, prev);
    remove(call + 1, next, prev);
  }

  /** Puts them back, in the reverse order. */
  private static void unlift(int call, int[] next, int[] prev) {
    restore(call + 1, next, prev);
    restore(call, next, prev);
  }

  private static void remove(int e, int[] next, int[] prev) {
    next[prev[e]] = next[e];
    if (next[e] != -1) {
      prev[next[e]] = prev[e];
    }
  }

  private static void restore(int e, int[] next, int[] prev) {
    next[prev[e]] = e;
    if (next[e] != -1) {
      prev[next[e]] = e;
    }
  }
}
