package glomers.harness.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static Faults parse(String nemesis, String targets, List<String> errors) {
    return Faults.parse(nemesis, targets, errors);
  }

  @Test
  void nemesisIsACommaSeparatedSetOfPartitionKillAndPause() {
    List<String> errors = new ArrayList<>();
    Faults all = parse(" kill , pause,partition ,kill", null, errors);
    assertThat(errors).isEmpty();
    assertThat(all.partition()).isTrue();
    assertThat(all.kill()).isTrue();
    assertThat(all.pause()).isTrue();
    assertThat(all.names()).containsExactly("partition", "kill", "pause");
    assertThat(all.killTargets()).isEqualTo(Faults.TARGETS);

    Faults none = parse(null, null, errors);
    assertThat(none.any()).isFalse();
    assertThat(none.names()).isEmpty();
    assertThat(parse("pause", null, errors).nodeFaults()).isTrue();
    assertThat(parse("partition", null, errors).nodeFaults()).isFalse();
    assertThat(errors).isEmpty();
  }

  @Test
  void anUnknownFaultIsRefusedListingTheValidOnes() {
    List<String> errors = new ArrayList<>();
    parse("partition,crash", null, errors);
    assertThat(errors).singleElement().asString()
        .contains("--nemesis partition,crash").contains("crash").contains("partition, kill, pause");
  }

  @Test
  void killTargetsRestrictTheSpecsAKillDrawsFromInJepsensOrder() {
    List<String> errors = new ArrayList<>();
    Faults faults = parse("kill", "minority , one", errors);
    assertThat(errors).isEmpty();
    assertThat(faults.killTargets()).containsExactly("one", "minority");

    parse("kill", "one,most", errors);
    assertThat(errors).singleElement().asString().contains("--kill-targets one,most")
        .contains("subset, one, minority-third, minority, majority, all");
    errors.clear();
    parse("kill", " , ", errors);
    assertThat(errors).hasSize(1);
    errors.clear();
    parse("pause", "one", errors);
    assertThat(errors).singleElement().asString().contains("--kill-targets needs --nemesis kill");
  }
}
