package glomers.harness.workload.linkv;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checker against a brute-force search over every order of a small history's ops that respects
 * real time, with {@code :info} ops placed anywhere after their call or left out.
 */
class LinKvCheckerPropertyTest {
  @Test
  void agreesWithBruteForceOnSmallRandomHistories() {
    Random random = new Random(42);
    int valid = 0;
    int invalid = 0;
    for (int round = 0; round < 3000; round++) {
      List<Op> history = randomHistory(random, 2 + random.nextInt(3), 3 + random.nextInt(6));
      boolean expected = bruteForce(history);
      Validity actual = new LinearizabilityChecker().check(history).valid();
      assertThat(actual).as("round %d: %s", round, history).isEqualTo(Validity.of(expected));
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertThat(valid).as("valid histories tried").isGreaterThan(500);
    assertThat(invalid).as("invalid histories tried").isGreaterThan(500);
  }

  /** A register run with {@code processes} clients and {@code total} ops, each applied at one point; then maybe one read lies. */
  static List<Op> randomHistory(Random random, int processes, int total) {
    List<Op> ops = new ArrayList<>();
    Object register = null;
    int[] state = new int[processes]; // 0 idle, 1 invoked, 2 applied
    String[] f = new String[processes];
    Object[] value = new Object[processes];
    boolean[] failed = new boolean[processes];
    int started = 0;
    int[] proc = new int[processes];
    for (int p = 0; p < processes; p++) {
      proc[p] = p;
    }
    while (true) {
      boolean busy = false;
      for (int s : state) {
        busy |= s != 0;
      }
      if (!busy && started == total) {
        break;
      }
      int p = random.nextInt(processes);
      if (random.nextInt(12) == 0 && started == total) {
        break; // leave some ops pending
      }
      switch (state[p]) {
        case 0 -> {
          if (started == total) {
            continue;
          }
          started++;
          int kind = random.nextInt(3);
          long v = random.nextInt(3);
          f[p] = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
          value[p] = kind == 0 ? Arrays.asList(0L, null) : kind == 1 ? List.of(0L, v) : List.of(0L, List.of(v, (long) random.nextInt(3)));
          ops.add(new Op(ops.size(), ops.size(), OpType.INVOKE, proc[p], f[p], value[p], null, false));
          state[p] = 1;
        }
        case 1 -> {
          if (random.nextInt(8) == 0 && !f[p].equals("read")) {
            ops.add(new Op(ops.size(), ops.size(), OpType.INFO, proc[p], f[p], value[p], List.of("net-timeout"), false));
            proc[p] += processes;
            state[p] = 0;
            continue;
          }
          failed[p] = false;
          switch (f[p]) {
            case "read" -> value[p] = Arrays.asList(0L, register);
            case "write" -> register = ((List<?>) value[p]).get(1);
            default -> {
              List<?> ft = (List<?>) ((List<?>) value[p]).get(1);
              if (java.util.Objects.equals(register, ft.get(0))) {
                register = ft.get(1);
              } else {
                failed[p] = true;
              }
            }
          }
          state[p] = 2;
        }
        default -> {
          OpType type = failed[p] ? OpType.FAIL : random.nextInt(10) == 0 && !f[p].equals("read") ? OpType.INFO : OpType.OK;
          ops.add(new Op(ops.size(), ops.size(), type, proc[p], f[p], value[p], type == OpType.OK ? null : List.of("x"), false));
          if (type == OpType.INFO) {
            proc[p] += processes;
          }
          state[p] = 0;
        }
      }
    }
    if (random.nextBoolean()) {
      List<Integer> reads = new ArrayList<>();
      for (Op op : ops) {
        if (op.type() == OpType.OK && op.f().equals("read")) {
          reads.add((int) op.index());
        }
      }
      if (!reads.isEmpty()) {
        int i = reads.get(random.nextInt(reads.size()));
        Op op = ops.get(i);
        ops.set(i, new Op(op.index(), op.time(), op.type(), op.process(), op.f(), Arrays.asList(0L, (long) random.nextInt(3)), null, false));
      }
    }
    return ops;
  }

  private record Span(String f, Object value, long call, long ret, boolean info) {}

  static boolean bruteForce(List<Op> history) {
    List<Span> spans = new ArrayList<>();
    Map<Integer, Integer> open = new java.util.HashMap<>();
    List<Op> invokes = new ArrayList<>();
    for (Op op : history) {
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), invokes.size());
        invokes.add(op);
        spans.add(null);
      } else {
        int i = open.remove(op.process());
        Op inv = invokes.get(i);
        if (op.type() == OpType.OK) {
          spans.set(i, new Span(op.f(), ((List<?>) op.value()).get(1), inv.index(), op.index(), false));
        } else if (op.type() == OpType.INFO) {
          spans.set(i, new Span(op.f(), ((List<?>) inv.value()).get(1), inv.index(), Long.MAX_VALUE, true));
        }
      }
    }
    for (int i : open.values()) {
      Op inv = invokes.get(i);
      spans.set(i, new Span(inv.f(), ((List<?>) inv.value()).get(1), inv.index(), Long.MAX_VALUE, true));
    }
    List<Span> all = spans.stream().filter(s -> s != null && !(s.info() && s.f().equals("read"))).toList();
    return search(all, new boolean[all.size()], null);
  }

  private static boolean search(List<Span> ops, boolean[] used, Object register) {
    boolean allOk = true;
    for (int i = 0; i < ops.size(); i++) {
      allOk &= used[i] || ops.get(i).info();
    }
    if (allOk) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (used[i]) {
        continue;
      }
      Span x = ops.get(i);
      boolean mayGo = true;
      for (int j = 0; j < ops.size(); j++) {
        if (!used[j] && j != i && ops.get(j).ret() < x.call()) {
          mayGo = false;
        }
      }
      if (!mayGo) {
        continue;
      }
      Object next;
      switch (x.f()) {
        case "read" -> {
          if (x.value() != null && !x.value().equals(register)) {
            continue;
          }
          next = register;
        }
        case "write" -> next = x.value();
        default -> {
          List<?> ft = (List<?>) x.value();
          if (!java.util.Objects.equals(register, ft.get(0))) {
            continue;
          }
          next = ft.get(1);
        }
      }
      used[i] = true;
      boolean found = search(ops, used, next);
      used[i] = false;
      if (found) {
        return true;
      }
    }
    return false;
  }
}
