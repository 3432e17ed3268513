package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.checker.Validity;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.history.ProcessClient;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.Faults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problem lines of the summary, from a made-up history and results. */
class SummaryTest {
  private static final Path DIR = Path.of("store", "run");

  private static TestOptions options(boolean partition) {
    return new TestOptions("g-counter", Path.of("bin"), List.of("n0", "n1", "n2"), 3, 10, 5, 0, "constant",
        partition ? Faults.partitionOnly() : Faults.NONE, 10,
        null, List.of("strict-serializable"), null, 4, 16, "grid", SeqKvStaleness.UNIFORM, false, false, false, 1, 1,
        List.of());
  }

  private static Results results(Result stats) {
    Result valid = new Result.Valid();
    return Results.of(valid, new NodeLogs.Errors(Map.of()), stats, valid, valid, valid);
  }

  @Test
  void aLargeInvalidRunStaysShort() {
    List<Op> history = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      int process = i % 3;
      history.add(new Op(history.size(), i, OpType.INVOKE, process, "add", 1L, null, false));
      history.add(new Op(history.size(), i + 1, OpType.INFO, process, "add", 1L,
          "indeterminate: Malformed RPC response. Maelstrom sent node n" + process + " the request {type=add, delta=1}"
              + " and expected a reply of the form {type=\"add_ok\"}, but received {type=read_ok, value=3, in_reply_to="
              + (i + 1) + "}. This is malformed because: type should be add_ok", false));
    }
    Stats.Tally infos = new Stats.Tally(0, 0, 5000);
    Result stats = new Stats.Completions(Validity.FALSE, infos, Map.of("add", new Stats.ByF(Validity.FALSE, infos)), null);

    List<String> lines = Reports.problems(options(false), results(stats), DIR, history, Map.of());

    assertThat(lines).hasSizeLessThanOrEqualTo(12);
    assertThat(String.join("\n", lines))
        .contains("stats is false: ", "not valid: by-f add")
        .contains("add: 5000 of 5000 wrong reply type; first: n0 answered msg 1 with read_ok, expected add_ok");

    // With the run's record of connections (not in analyze), the msg id says whose it is.
    assertThat(Reports.problems(options(false), results(stats), DIR, history,
            Map.of(0, new ProcessClient("c6", "n0"))))
        .anyMatch(line -> line.contains("first: n0 answered c6's msg 1 with read_ok, expected add_ok"));
  }

  @Test
  void aPartitionRunThatCutNobodyOffWarns() {
    List<Op> history =
        List.of(
            new Op(0, 1, OpType.INFO, Op.NEMESIS, "start-partition", "minority-third", null, false),
            new Op(1, 2, OpType.INFO, Op.NEMESIS, "start-partition", List.of("isolated", Map.of()), null, false));
    Result stats = new Result.Valid();

    assertThat(Reports.problems(options(true), results(stats), DIR, history, Map.of()))
        .anyMatch(line -> line.contains("no partition cut any node off") && line.contains("--nemesis-interval"));

    List<Op> cut =
        List.of(new Op(0, 2, OpType.INFO, Op.NEMESIS, "start-partition", List.of("isolated", Map.of("n0", List.of("n1"))), null, false));
    assertThat(Reports.problems(options(true), results(stats), DIR, cut, Map.of())).isEmpty();
  }
}
