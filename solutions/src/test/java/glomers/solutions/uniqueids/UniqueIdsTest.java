package glomers.solutions.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueIdsTest {
  private static final List<String> IDS = List.of("n0", "n1", "n2");

  private static Cluster cluster() {
    return new Cluster(new UniqueIds_Dispatcher(), IDS, Duration.ofMillis(5), 1);
  }

  private static String generate(Cluster cluster, String node) {
    Map<String, Object> reply = cluster.call(node, Map.of("type", "generate"));
    assertThat(reply).containsEntry("type", "generate_ok");
    return (String) reply.get("id");
  }

  @Test
  void idsAreUniqueAcrossNodesThatNeverTalk() {
    Cluster cluster = cluster();
    cluster.partition(Set.of("n0"));
    cluster.partition(Set.of("n1"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      for (String node : IDS) {
        ids.add(generate(cluster, node));
      }
    }

    assertThat(new HashSet<>(ids)).hasSize(600);
    // Only the incarnation claims, one CAS per node (request and reply), go to lin-kv.
    assertThat(cluster.serverMessages()).isEqualTo(2L * IDS.size());
    assertThat(cluster.dropped()).isZero();
  }

  @Test
  void aRestartedNodeNeverRepeatsAnIdOfItsEarlierLives() {
    Cluster cluster = cluster();
    Set<String> ids = new HashSet<>();
    List<String> repeated = new ArrayList<>();
    for (int life = 0; life < 3; life++) {
      for (int i = 0; i < 50; i++) {
        String id = generate(cluster, "n1");
        if (!ids.add(id)) {
          repeated.add(id);
        }
      }
      cluster.kill("n1");
      cluster.run(Duration.ofMillis(100));
      cluster.restart("n1");
    }

    assertThat(repeated).isEmpty();
    assertThat(ids).hasSize(150).contains("n1-1-1", "n1-2-1", "n1-3-1");
  }

  @Test
  void requestsThatArriveBeforeTheIncarnationAreAnsweredInOrderOnceItComes() {
    Cluster cluster = cluster();
    cluster.run(Duration.ofMillis(50));   // n2's first life claims incarnation 1
    cluster.kill("n2");
    cluster.restart("n2");
    List<String> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clients.add(cluster.submit("n2", Map.of("type", "generate")));
    }
    List<String> ids = new ArrayList<>();
    for (String client : clients) {
      ids.add((String) cluster.await(client).get("id"));
    }
    assertThat(ids).containsExactly("n2-2-1", "n2-2-2", "n2-2-3", "n2-2-4", "n2-2-5");
  }
}
