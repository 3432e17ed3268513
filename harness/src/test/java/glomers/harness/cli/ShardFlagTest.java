package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.run.Determinism;
import glomers.harness.run.Shard;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ShardFlagTest {
  private static TestCommand parse(String... args) {
    TestCommand test = new TestCommand();
    new CommandLine(test).parseArgs(args);
    return test;
  }

  @Test
  void aShardIsIOfKWithSim() throws Exception {
    TestCommand test = parse("--sim", "--solution", "broadcast", "-w", "broadcast", "--runs", "200", "--shard", "3/4");
    test.toOptions();

    assertThat(test.shard()).isEqualTo(new Shard(3, 4));
    assertThat(parse("--sim", "--solution", "broadcast").shard()).isNull();
  }

  @Test
  void aShardNeedsSimAndAnIndexBelowItsCount() {
    assertThatThrownBy(() -> parse("--solution", "broadcast", "--shard", "1/4").toOptions())
        .hasMessageContaining("--shard needs --sim");
    assertThatThrownBy(() -> parse("--sim", "--solution", "broadcast", "--shard", "4/4").toOptions())
        .hasMessageContaining("Failed to validate \"--shard 4/4\": I must be from 0 to K-1 = 3 (shards count from 0)");
    assertThatThrownBy(() -> parse("--sim", "--solution", "broadcast", "--shard", "4").toOptions())
        .hasMessageContaining("Failed to validate \"--shard 4\": expected I/K");
  }

  @Test
  void aReplayOfOneSeedDropsTheShard() {
    assertThat(Determinism.replayFlags(List.of("--sim", "--shard", "1/4", "--runs", "9", "--shard=2/4", "-w", "echo")))
        .containsExactly("--sim", "-w", "echo");
  }
}
