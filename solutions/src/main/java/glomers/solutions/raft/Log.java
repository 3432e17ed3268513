package glomers.solutions.raft;

import glomers.runtime.RawJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's Raft log. Indexes start at 1; index 0 is an empty entry of term 0 that every log
 * shares, so "the entry before the first" always matches.
 */
final class Log {
  /**
   * One client operation, stamped with the term of the leader that appended it. {@code op} is
   * "read", "write" or "cas"; a write uses {@code value}, a cas {@code from} and {@code to}.
   */
  record Entry(long term, String op, RawJson key, RawJson value, RawJson from, RawJson to) {}

  private final List<Entry> entries = new ArrayList<>(List.of(new Entry(0, "none", null, null, null, null)));

  long lastIndex() {
    return entries.size() - 1L;
  }

  long lastTerm() {
    return term(lastIndex());
  }

  /** The term of the entry at {@code index}, or -1 when the log is shorter. */
  long term(long index) {
    return index <= lastIndex() ? entries.get((int) index).term() : -1;
  }

  Entry get(long index) {
    return entries.get((int) index);
  }

  /** Appends at the end and returns the new entry's index. */
  long append(Entry entry) {
    entries.add(entry);
    return lastIndex();
  }

  /** Entries {@code from} (at least 1) to the end, at most {@code max} of them. */
  List<Entry> from(long from, int max) {
    int start = (int) Math.min(from, entries.size());
    return List.copyOf(entries.subList(start, (int) Math.min(entries.size(), start + (long) max)));
  }

  /** Drops the entries from {@code index} on. */
  void truncateFrom(long index) {
    entries.subList((int) index, entries.size()).clear();
  }

  /**
   * Raft's election restriction (§5.4.1): a log ending in ({@code lastTerm}, {@code lastIndex})
   * is at least as up to date as this one if its last term is later, or equal with an index as
   * high.
   */
  boolean isBehindOrEqual(long lastTerm, long lastIndex) {
    return lastTerm > lastTerm() || (lastTerm == lastTerm() && lastIndex >= lastIndex());
  }

  /** The first index of the run of entries with the same term as {@code index}, at least 1. */
  long firstOfTerm(long index) {
    long term = term(index);
    long first = index;
    while (first > 1 && term(first - 1) == term) {
      first--;
    }
    return first;
  }

  /** Every entry's term from index 1 on, for tests and debugging. */
  List<Long> terms() {
    return entries.stream().skip(1).map(Entry::term).toList();
  }
}
