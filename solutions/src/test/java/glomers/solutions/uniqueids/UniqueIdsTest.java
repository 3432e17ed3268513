package glomers.solutions.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.spi.Dispatcher;
import glomers.runtime.testing.LocalNode;
import glomers.runtime.testing.VirtualClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UniqueIdsTest {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private static Dispatcher uniqueIds() {
    return ServiceLoader.load(Dispatcher.class).stream().map(ServiceLoader.Provider::get)
        .filter(dispatcher -> dispatcher.solution().equals("unique-ids")).findFirst().orElseThrow();
  }

  @Test
  void idsAreUniqueAcrossNodesThatNeverTalk() {
    List<String> sentBetweenNodes = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String node : List.of("n0", "n1", "n2")) {
      LocalNode local = new LocalNode(uniqueIds(), new VirtualClock());
      local.deliver("{\"src\":\"c0\",\"dest\":\"" + node + "\",\"body\":{\"type\":\"init\",\"msg_id\":1,"
          + "\"node_id\":\"" + node + "\",\"node_ids\":[\"n0\",\"n1\",\"n2\"]}}");
      for (int i = 0; i < 200; i++) {
        local.deliver("{\"src\":\"c9\",\"dest\":\"" + node + "\",\"body\":{\"type\":\"generate\","
            + "\"msg_id\":" + (i + 2) + "}}");
      }
      local.runReady();
      for (String reply : local.takeSent()) {
        if (!reply.contains("\"dest\":\"c")) {
          sentBetweenNodes.add(reply);
        } else if (reply.contains("generate_ok")) {
          Matcher id = ID.matcher(reply);
          assertThat(id.find()).as(reply).isTrue();
          ids.add(id.group(1));
        }
      }
    }

    assertThat(ids).hasSize(600);
    Set<String> distinct = new HashSet<>(ids);
    assertThat(distinct).hasSize(600);
    assertThat(sentBetweenNodes).isEmpty();
  }
}
