package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void theShardsOfASearchTakeEverySeedIndexExactlyOnce() {
    for (int runs : new int[] {0, 1, 3, 4, 5, 200, 201}) {
      for (int count : new int[] {1, 2, 3, 4, 7, 250}) {
        int[] taken = new int[runs];
        int total = 0;
        for (int index = 0; index < count; index++) {
          Shard shard = new Shard(index, count);
          total += shard.size(runs);
          for (int p = 0; p < shard.size(runs); p++) {
            long i = shard.indexAt(p);
            assertThat(i % count).isEqualTo(index);
            taken[(int) i]++;
          }
        }
        assertThat(total).as("%d runs in %d shards", runs, count).isEqualTo(runs);
        assertThat(taken).as("%d runs in %d shards", runs, count).containsOnly(runs == 0 ? new int[0] : new int[] {1});
      }
    }
  }

  @Test
  void aShardIsIOfKCountingFromZero() {
    assertThat(Shard.parse("0/4")).isEqualTo(new Shard(0, 4));
    assertThat(Shard.parse(" 3 / 4 ")).isEqualTo(new Shard(3, 4));
    assertThat(Shard.parse("0/1")).isEqualTo(Shard.ALL);
    assertThat(new Shard(2, 4)).hasToString("2/4");
    assertThat(new Shard(1, 4).size(10)).isEqualTo(3); // indices 1, 5, 9
    assertThat(new Shard(3, 4).size(3)).isZero();
  }

  @Test
  void aShardOutsideItsCountOrNotIOfKIsRefusedSayingWhy() {
    assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("from 0 to K-1 = 3");
    assertThatThrownBy(() -> Shard.parse("-1/4")).hasMessageContaining("from 0 to K-1");
    assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("K must be at least 1");
    assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("expected I/K");
    assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> new Shard(5, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
