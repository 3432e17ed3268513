package glomers.harness.report;

import glomers.harness.checker.History;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.history.ProcessClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why client ops did not complete {@code ok}, per {@code :f}, for the summary of an invalid run:
 * {@code "add: 26 of 26 not ok (26 wrong reply type); first: n0 answered msg 3 with read_ok,
 * expected add_ok"}. Read from the history's errors, so {@code analyze} gives the same lines.
 */
final class Failures {
  private static final Pattern MALFORMED =
      Pattern.compile("Malformed RPC response\\. Maelstrom sent node (\\S+) the request (\\{.*?\\}) and expected a reply of the form "
          + "(\\{.*?\\}), but received (\\{.*\\})\\. This is malformed because: (.*)$", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("\\btype=\"?([\\w-]+)\"?");
  private static final Pattern IN_REPLY_TO = Pattern.compile("\\bin_reply_to=(\\d+)");
  private static final Pattern RPC_ERROR = Pattern.compile("RPC error \\{.*?\\bcode=(\\d+)(?:, text=(.*?))?(?:, in_reply_to=\\d+)?\\}$");
  private static final Map<Integer, String> CODES =
      Map.ofEntries(Map.entry(0, "timeout"), Map.entry(1, "node-not-found"), Map.entry(10, "not-supported"),
          Map.entry(11, "temporarily-unavailable"), Map.entry(12, "malformed-request"), Map.entry(13, "crash"),
          Map.entry(14, "abort"), Map.entry(20, "key-does-not-exist"), Map.entry(21, "key-already-exists"),
          Map.entry(22, "precondition-failed"), Map.entry(30, "txn-conflict"));
  private static final int MAX_DETAIL = 160;

  private Failures() {}

  /** A completion's reason, as a category to count and the first case's wording. */
  record Reason(String category, String detail) {}

  /**
   * One line per {@code :f} with ops that did not complete ok, at most {@code max} (the rest
   * counted in a last line); {@code clientOf} names the connection (null if unknown) and node
   * (null if unknown) a process used.
   */
  static List<String> lines(List<Op> history, IntFunction<ProcessClient> clientOf, int max) {
    Map<String, long[]> invoked = new LinkedHashMap<>();
    Map<String, Map<String, Long>> categories = new LinkedHashMap<>();
    Map<String, String> first = new LinkedHashMap<>();
    for (History.Pair pair : History.pairs(history)) {
      Op invoke = pair.invoke();
      if (!invoke.isClient()) {
        continue;
      }
      invoked.computeIfAbsent(invoke.f(), f -> new long[1])[0]++;
      Op done = pair.completion();
      if (done != null && done.type() == OpType.OK) {
        continue;
      }
      ProcessClient client = clientOf.apply(invoke.process());
      Reason reason =
          done == null
              ? new Reason("never completed", "process " + invoke.process() + "'s " + invoke.f() + " never completed")
              : reason(invoke.f(), client, done);
      categories.computeIfAbsent(invoke.f(), f -> new LinkedHashMap<>()).merge(reason.category(), 1L, Long::sum);
      // The op's index, as the report page's ops table and the Elle explanations number it.
      first.putIfAbsent(invoke.f(), reason.detail() + " (op " + (done == null ? invoke.index() : done.index()) + ")");
    }
    List<String> lines = new ArrayList<>();
    int shown = 0;
    for (Map.Entry<String, Map<String, Long>> e : categories.entrySet()) {
      if (shown == max) {
        lines.add("    ... and " + (categories.size() - shown) + " more :f in history.txt");
        break;
      }
      long bad = e.getValue().values().stream().mapToLong(Long::longValue).sum();
      long all = invoked.get(e.getKey())[0];
      String counts;
      if (e.getValue().size() == 1) {
        counts = bad + " of " + all + " " + e.getValue().keySet().iterator().next();
      } else {
        List<String> parts = new ArrayList<>();
        e.getValue().forEach((category, n) -> parts.add(n + " " + category));
        counts = bad + " of " + all + " not ok (" + String.join(", ", parts) + ")";
      }
      lines.add("    " + e.getKey() + ": " + counts + "; first: " + first.get(e.getKey()));
      shown++;
    }
    return lines;
  }

  static Reason reason(String f, ProcessClient client, Op completion) {
    Object error = completion.error();
    String who = client == null || client.node() == null ? "the node" : client.node();
    String connection = client == null || client.connection() == null ? "" : client.connection() + "'s ";
    String process = "process " + completion.process() + (client == null || client.connection() == null ? "" : ", " + client.connection());
    String failed = completion.type() == OpType.FAIL ? "failed" : "indeterminate";
    if (error == null) {
      return new Reason(failed + " without an error", "process " + completion.process() + "'s " + f + " was " + completion.type().wire() + " with no error");
    }
    String text = error instanceof List<?> l && l.size() == 1 ? String.valueOf(l.get(0)) : String.valueOf(error);
    if (text.equals("net-timeout") || text.contains("Client read timeout")) {
      return new Reason("timed out", who + " did not reply to " + f + " (" + process + ") before the client's timeout");
    }
    Matcher m = MALFORMED.matcher(text);
    if (m.find()) {
      String expected = group(TYPE, m.group(3));
      String received = group(TYPE, m.group(4));
      String msg = group(IN_REPLY_TO, m.group(4));
      String request = msg == null ? f : connection + "msg " + msg;
      if (expected != null && received != null && !expected.equals(received)) {
        return new Reason("wrong reply type", m.group(1) + " answered " + request + " with " + received + ", expected " + expected);
      }
      return new Reason("malformed reply", abbreviate(m.group(1) + "'s reply to " + request + " is malformed: " + m.group(5)));
    }
    if (error instanceof List<?> l && l.size() == 2 && l.get(0) != null) {
      return new Reason("error " + l.get(0), abbreviate(who + " answered " + f + " with error " + l.get(0) + ": " + l.get(1)));
    }
    Matcher rpc = RPC_ERROR.matcher(text);
    if (rpc.find()) {
      String name = CODES.getOrDefault(Integer.parseInt(rpc.group(1)), "code " + rpc.group(1));
      return new Reason("error " + name, abbreviate(who + " answered " + f + " with error " + name + ": " + rpc.group(2)));
    }
    return new Reason(failed, abbreviate(f + " " + completion.type().wire() + ": " + text));
  }

  private static String group(Pattern pattern, String s) {
    Matcher m = pattern.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "...";
  }
}
