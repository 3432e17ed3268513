package glomers.harness.cli;

import glomers.harness.run.MergeRuns;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code maelstrom merge-runs DIR…}: the answer of a seed search run as shards ({@code test --sim
 * --runs N --shard I/K}), from the shards' store folders (docs/bench.md#seed-searches-across-machines).
 */
@Command(
    name = "merge-runs",
    mixinStandardHelpOptions = true,
    description = "Puts the shards of a seed search (test --sim --runs N --shard I/K) back together from their store"
        + " folders and prints what the unsharded search would: every seed passed, or the failing seeds in order with"
        + " their first problems. Exits 0 if every seed passed, 1 (the first failing seed's code) if any failed, and 2"
        + " if the shards are not one search or do not cover its seeds exactly once.")
public final class MergeRunsCommand {
  @Parameters(arity = "1..*", paramLabel = "DIR",
      description = "A shard's store folder (its --store), or the search-outcome.json in it.")
  List<Path> dirs;

  public int call(PrintStream out) {
    return MergeRuns.merge(dirs, out);
  }
}
