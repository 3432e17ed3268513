package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.cli.TestCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The recipes that run a seed search's shards on engines we cannot start here (a GitHub Actions
 * workflow, a Kubernetes Indexed Job): parsed, their shard numbering checked against the matrix or
 * the Job's completions, their bench command parsed by the bench's own CLI, and the check that a
 * shard got through its seeds tried on real outcome files. (The GNU parallel recipe runs for real in
 * the solutions' ShardedSearchTest.)
 */
class ShardRecipesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private static <T> T at(Object yaml, Object... keys) {
    Object node = yaml;
    for (Object key : keys) {
      assertThat(node).as("%s in %s", key, List.of(keys)).isNotNull();
      node = key instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<Object, Object>) node).get(key);
    }
    return (T) node;
  }

  private static Map<String, Object> stepNamed(List<Map<String, Object>> steps, String prefix) {
    return steps.stream()
        .filter(s -> String.valueOf(s.get("name")).startsWith(prefix) || String.valueOf(s.get("uses")).startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + prefix + " in " + steps));
  }

  @Test
  void theWorkflowRunsOneJobPerShardThenMergesTheirStoreFolders() throws Exception {
    Map<String, Object> workflow = new Yaml().load(Files.readString(ROOT.resolve(".github/workflows/seed-search.yml")));
    // YAML 1.1 reads the key "on" as true.
    Map<String, Map<String, Object>> inputs = at(workflow.containsKey("on") ? workflow.get("on") : workflow.get(true),
        "workflow_dispatch", "inputs");
    int shards = at(workflow, "env", "SHARDS");
    List<Integer> matrix = at(workflow, "jobs", "shard", "strategy", "matrix", "shard");
    assertThat(matrix).as("the matrix holds shards 0 to SHARDS-1").isEqualTo(IntStream.range(0, shards).boxed().toList());
    assertThat((Boolean) at(workflow, "jobs", "shard", "strategy", "fail-fast")).isFalse();

    List<Map<String, Object>> steps = at(workflow, "jobs", "shard", "steps");
    Map<String, Object> search = stepNamed(steps, "Search shard");
    Map<String, String> env = at(search, "env");
    assertThat(env).containsEntry("SHARD", "${{ matrix.shard }}");
    String run = (String) search.get("run");
    List<String> lines = run.lines().toList();
    assertThat(lines).hasSize(2);

    // The bench command as shard 3's job runs it, with the inputs' defaults.
    List<String> words = shellWords(lines.get(0)
        .replace("$SEEDS", (String) inputs.get("seeds").get("default"))
        .replace("$FIRST_SEED", (String) inputs.get("first-seed").get("default"))
        .replace("$SHARDS", Integer.toString(shards))
        .replace("$SHARD", "3")
        .replace("$FLAGS", (String) inputs.get("flags").get("default")));
    assertThat(words.subList(0, 2)).containsExactly("harness/target/bin/maelstrom", "test");
    assertThat(words.subList(words.size() - 2, words.size())).containsExactly("||", "true");
    TestCommand test = parse(words.subList(2, words.size() - 2));
    assertThat(test.shard()).isEqualTo(new Shard(3, shards));
    assertThat(test.simulation().runs()).isEqualTo(10_000);
    assertThat(test.store()).isEqualTo(Path.of("shard-3"));
    assertFinishedCheck(lines.get(1).replace("$SHARD", "3"), "shard-3/" + SearchOutcome.FILE);

    Map<String, Object> upload = stepNamed(steps, "Keep the shard's store folder");
    assertThat(upload.get("if")).isEqualTo("always()");
    assertThat((String) upload.get("uses")).startsWith("actions/upload-artifact@");
    assertThat((Map<String, Object>) at(upload, "with")).containsEntry("name", "shard-${{ matrix.shard }}")
        .containsEntry("path", "shard-${{ matrix.shard }}");

    assertThat((String) at(workflow, "jobs", "merge", "needs")).isEqualTo("shard");
    assertThat((String) at(workflow, "jobs", "merge", "if")).isEqualTo("always()");
    List<Map<String, Object>> mergeSteps = at(workflow, "jobs", "merge", "steps");
    Map<String, Object> download = stepNamed(mergeSteps, "actions/download-artifact@");
    assertThat((Map<String, Object>) at(download, "with")).containsEntry("pattern", "shard-*").containsEntry("path", "shards");
    assertThat(stepNamed(mergeSteps, "Merge").get("run")).isEqualTo("harness/target/bin/maelstrom merge-runs shards/shard-*");
  }

  @Test
  void theIndexedJobRunsShardJobCompletionIndexOfItsCompletionsAndTheMergeReadsTheSameVolume() throws Exception {
    List<Object> docs = new ArrayList<>();
    new Yaml().loadAll(Files.readString(ROOT.resolve("recipes/kubernetes/seed-search.yaml"))).forEach(docs::add);
    assertThat(docs).hasSize(2);
    Map<String, Object> claim = at(docs, 0);
    Map<String, Object> job = at(docs, 1);
    assertThat(claim.get("kind")).isEqualTo("PersistentVolumeClaim");
    assertThat((List<String>) at(claim, "spec", "accessModes")).containsExactly("ReadWriteMany");
    assertThat(job).containsEntry("apiVersion", "batch/v1").containsEntry("kind", "Job");
    assertThat((String) at(job, "spec", "completionMode")).isEqualTo("Indexed");
    int completions = at(job, "spec", "completions");
    assertThat((Integer) at(job, "spec", "parallelism")).isBetween(1, completions);
    assertThat((String) at(job, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");

    Map<String, Object> container = at(job, "spec", "template", "spec", "containers", 0);
    Map<String, String> env = new java.util.HashMap<>();
    for (Map<String, String> e : (List<Map<String, String>>) container.get("env")) {
      env.put(e.get("name"), e.get("value"));
    }
    assertThat(env.get("SHARDS")).as("SHARDS is the Job's completions").isEqualTo(Integer.toString(completions));
    assertThat((List<String>) container.get("command")).containsExactly("sh", "-c");
    String script = at(container, "args", 0);
    // Pod 5 of the Job, its backslash-continued lines joined as sh joins them.
    List<String> lines = script.replace("\\\n", " ").replace("$JOB_COMPLETION_INDEX", "5")
        .replace("$SEEDS", env.get("SEEDS")).replace("$FIRST_SEED", env.get("FIRST_SEED"))
        .replace("$SHARDS", env.get("SHARDS")).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("store=/results/shard-5");
    List<String> words = shellWords(lines.get(2).replace("$store", "/results/shard-5"));
    assertThat(words.subList(0, 2)).containsExactly("harness/target/bin/maelstrom", "test");
    TestCommand test = parse(words.subList(2, words.size()));
    assertThat(test.shard()).isEqualTo(new Shard(5, completions));
    assertThat(test.store()).isEqualTo(Path.of("/results/shard-5"));
    assertFinishedCheck(lines.get(3).replace("$store", "shard-5"), "shard-5/" + SearchOutcome.FILE);

    String claimName = claim.get("metadata") instanceof Map<?, ?> m ? (String) m.get("name") : null;
    assertThat((String) at(job, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"))
        .isEqualTo(claimName);
    assertThat((String) at(container, "volumeMounts", 0, "mountPath")).isEqualTo("/results");

    Map<String, Object> merge = new Yaml().load(Files.readString(ROOT.resolve("recipes/kubernetes/seed-search-merge.yaml")));
    Map<String, Object> merger = at(merge, "spec", "template", "spec", "containers", 0);
    assertThat(merger.get("image")).isEqualTo(container.get("image"));
    assertThat((List<String>) merger.get("command"))
        .containsExactly("sh", "-c", "harness/target/bin/maelstrom merge-runs /results/shard-*");
    assertThat((String) at(merge, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"))
        .isEqualTo(claimName);
    assertThat((String) at(merger, "volumeMounts", 0, "mountPath")).isEqualTo("/results");
  }

  /** The bench's {@code test} flags, parsed and validated as the bench would; {@code --bin} is swapped for a real file. */
  private TestCommand parse(List<String> flags) throws Exception {
    Path bin = Files.createTempFile(dir, "node", "", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    List<String> args = new ArrayList<>(flags);
    int at = args.indexOf("--bin");
    if (at >= 0) {
      args.set(at + 1, bin.toString());
    }
    TestCommand test = new TestCommand();
    new CommandLine(test).parseArgs(args.toArray(String[]::new));
    test.toOptions();
    return test;
  }

  /**
   * A recipe's line that fails its job unless the shard finished: a {@code grep -q 'PATTERN' FILE},
   * which must match a finished outcome and no other.
   */
  private void assertFinishedCheck(String line, String file) throws IOException {
    Matcher m = Pattern.compile("grep -q '([^']+)' \"([^\"]+)\"").matcher(line.trim());
    assertThat(m.matches()).as(line).isTrue();
    assertThat(m.group(2)).isEqualTo(file);
    Pattern pattern = Pattern.compile(m.group(1));
    for (String state : List.of(SearchOutcome.FINISHED, SearchOutcome.RUNNING, SearchOutcome.INTERRUPTED, SearchOutcome.EXITED)) {
      Path store = dir.resolve(state);
      new SearchOutcome(state, null, List.of(), Map.of("workload", "broadcast"), "broadcast", 1, 10, Shard.ALL,
          state.equals(SearchOutcome.FINISHED) ? 10 : 3, true, List.of(),
          new SearchOutcome.Timing("t", "t", 1, 1, null, null), "vm", 1).write(store);
      boolean found = Files.readAllLines(store.resolve(SearchOutcome.FILE)).stream().anyMatch(l -> pattern.matcher(l).find());
      assertThat(found).as("%s matches a %s outcome", m.group(1), state).isEqualTo(state.equals(SearchOutcome.FINISHED));
    }
  }

  /** Splits a shell command line into words: double and single quotes group, nothing else is expanded. */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    assertThat(quote == 0).as("unclosed quote in " + line).isTrue();
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
