package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.CycleSearch.clock;
import static glomers.harness.checker.elle.RwRegisterChecker.*;

import glomers.harness.checker.elle.CycleSearch.Spec;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One strongly connected component of the dependency graph as local adjacency lists, searched
 * breadth-first for a shortest cycle that obeys an anomaly's edge rules ({@link CycleSearch.Spec}).
 * The search runs over (vertex, state) pairs, the state recording what the path so far holds: how
 * many rw edges (none, one, more), whether a wr edge and an order edge were taken, and whether the
 * first and last edges were rw, so that G-nonadjacent can refuse two rw edges in a row around the
 * cycle.
 */
final class ComponentSearch {
  private static final int STATES = 128;
  // State bits: rw count (2 bits, saturating at 2), wr seen, order edge seen, last edge rw, first edge rw, started.
  private static final int WR_SEEN = 4, VAR_SEEN = 8, LAST_RW = 16, FIRST_RW = 32, STARTED = 64;
  private static final int MAX_STARTS = 256;
  // Above this many vertices, visited states go in a hash map rather than two dense arrays.
  private static final int DENSE_LIMIT = 16_384;

  private final int[] vertices;
  private final int[] start;
  private final int[] adj;
  private final byte[] adjKind;
  private final long deadline;
  private int[] seen;
  private int[] parent;
  private IntIntMap sparse;
  private int stamp;
  /** The BFS queue of states, reused across searches: each state is queued at most once per search. */
  private int[] queue = new int[1024];

  private final CycleSearch owner;
  private final List<Txn> oks;
  private final int txnCount;

  /** {@code scc} maps the component's local vertex ids to the graph's; {@code sub} is its local graph. */
  ComponentSearch(CycleSearch owner, List<Txn> oks, int[] scc, Digraph sub, long deadline) {
    this.owner = owner;
    this.oks = oks;
    this.txnCount = oks.size();
    this.vertices = scc;
    this.deadline = deadline;
    int n = scc.length;
    int[] count = new int[n + 1];
    for (int e = 0; e < sub.edges; e++) {
      count[sub.src[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    start = count;
    adj = new int[sub.edges];
    adjKind = new byte[sub.edges];
    int[] fill = Arrays.copyOf(count, n);
    for (int e = 0; e < sub.edges; e++) {
      int at = fill[sub.src[e]]++;
      adj[at] = sub.dst[e];
      adjKind[at] = sub.kind[e];
    }
  }

  /** A shortest cycle obeying {@code spec} through one of the first 256 txns, named and explained; null if none in time. */
  Map<String, Object> search(Spec spec) {
    int tried = 0;
    for (int s = 0; s < vertices.length && tried < MAX_STARTS && clock() < deadline; s++) {
      if (vertices[s] >= txnCount) {
        continue;
      }
      tried++;
      List<Integer> path = bfs(spec, s, true);
      if (path == null) {
        continue;
      }
      Map<String, Object> explained = explain(path);
      if (explained != null && (!spec.typed() || spec.name().equals(explained.get("type")))) {
        return explained;
      }
    }
    return null;
  }

  /** Some cycle through the first txn, any edges allowed, found without a deadline. */
  Map<String, Object> fallback() {
    Spec any = new Spec("any", R_WW | R_WR | R_RW | R_RT | R_PROC, 0, false, Spec.RW_FREE, false);
    for (int s = 0; s < vertices.length; s++) {
      if (vertices[s] < txnCount) {
        List<Integer> path = bfs(any, s, false);
        return path == null ? null : explain(path);
      }
    }
    return null;
  }

  private boolean visit(int state, int from) {
    if (sparse != null) {
      return sparse.putIfAbsent(state, from);
    }
    if (seen[state] == stamp) {
      return false;
    }
    seen[state] = stamp;
    parent[state] = from;
    return true;
  }

  private int parentOf(int state) {
    return sparse != null ? sparse.get(state) : parent[state];
  }

  /** A shortest cycle through s obeying the spec, as local vertex ids from s (s not repeated). */
  private List<Integer> bfs(Spec spec, int s, boolean timed) {
    if (vertices.length > DENSE_LIMIT) {
      sparse = new IntIntMap();
    } else if (seen == null) {
      seen = new int[vertices.length * STATES];
      parent = new int[vertices.length * STATES];
    }
    stamp++;
    int[] queue = this.queue;
    int head = 0;
    int tail = 0;
    int first = s * STATES;
    visit(first, -1);
    queue[tail++] = first;
    int popped = 0;
    while (head < tail) {
      if (timed && (++popped & 4095) == 0 && clock() > deadline) {
        return null;
      }
      int cur = queue[head++];
      int u = cur / STATES;
      int st = cur % STATES;
      for (int i = start[u]; i < start[u + 1]; i++) {
        byte k = adjKind[i];
        int r = rel(k);
        if ((spec.rels() & r) == 0) {
          continue;
        }
        int w = adj[i];
        int ns = st;
        boolean completes = !(k == RW_IN || k == RT_IN || k == RT_CHAIN);
        if (r == R_RW && (st & LAST_RW) != 0 && spec.rwMode() == Spec.RW_NONADJACENT && (k == RW_IN || k == RW)) {
          continue;
        }
        if (k == RW_OUT && parentOf(cur) >= 0 && parentOf(cur) / STATES == w) {
          continue; // a reader's hub back to itself is no edge
        }
        if (completes) {
          if (r == R_RW) {
            int count = Math.min(2, (st & 3) + 1);
            if (spec.rwMode() == Spec.RW_ANY || spec.rwMode() == Spec.RW_ONE && count > 1) {
              continue;
            }
            ns = (ns & ~3) | count | LAST_RW;
            if ((st & STARTED) == 0) {
              ns |= FIRST_RW;
            }
          } else {
            ns &= ~LAST_RW;
          }
          if (r == R_WR) {
            ns |= WR_SEEN;
          }
          if ((r & spec.requiredVariant()) != 0) {
            ns |= VAR_SEEN;
          }
          ns |= STARTED;
        }
        if (w == s) {
          if (completes && accepts(spec, ns)) {
            List<Integer> path = new ArrayList<>();
            for (int at = cur; at >= 0; at = parentOf(at)) {
              path.add(0, at / STATES);
            }
            return path;
          }
          continue;
        }
        int next = w * STATES + ns;
        if (visit(next, cur)) {
          if (tail == queue.length) {
            queue = this.queue = Arrays.copyOf(queue, queue.length * 2);
          }
          queue[tail++] = next;
        }
      }
    }
    return null;
  }

  private boolean accepts(Spec spec, int st) {
    int rw = st & 3;
    boolean rwOk =
        switch (spec.rwMode()) {
          case Spec.RW_ANY -> rw == 0;
          case Spec.RW_ONE -> rw == 1;
          case Spec.RW_MANY -> rw == 2;
          case Spec.RW_FREE -> true;
          default -> rw == 2 && !((st & LAST_RW) != 0 && (st & FIRST_RW) != 0);
        };
    return rwOk && (!spec.requireWr() || (st & WR_SEEN) != 0) && (spec.requiredVariant() == 0 || (st & VAR_SEEN) != 0);
  }

  /** Names and explains the cycle of transactions on the path. */
  private Map<String, Object> explain(List<Integer> path) {
    List<Txn> cycle = new ArrayList<>();
    for (int local : path) {
      if (vertices[local] < txnCount) {
        cycle.add(oks.get(vertices[local]));
      }
    }
    return owner.explain(cycle);
  }
}
