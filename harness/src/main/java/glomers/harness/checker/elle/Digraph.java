package glomers.harness.checker.elle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;
import org.jgrapht.util.SupplierUtil;

/**
 * A dependency graph as parallel int arrays (source, target, kind), cheap enough for 100,000
 * transactions. Strongly connected components come from JGraphT; before handing a graph over, the
 * vertices that cannot lie on any cycle (no way in or no way out, repeatedly) are peeled off in
 * linear time, so an acyclic history never builds a JGraphT graph at all.
 */
final class Digraph {
  int vertices;
  int edges;
  int[] src = new int[1024];
  int[] dst = new int[1024];
  byte[] kind = new byte[1024];

  Digraph(int vertices) {
    this.vertices = vertices;
  }

  int addVertex() {
    return vertices++;
  }

  void add(int from, int to, byte k) {
    if (edges == src.length) {
      src = Arrays.copyOf(src, edges * 2);
      dst = Arrays.copyOf(dst, edges * 2);
      kind = Arrays.copyOf(kind, edges * 2);
    }
    src[edges] = from;
    dst[edges] = to;
    kind[edges] = k;
    edges++;
  }

  /** Multi-edge, self-loop-tolerant digraph without JGraphT's per-pair lookup index. */
  private static final class Lean extends AbstractBaseGraph<Integer, DefaultEdge> {
    Lean() {
      super(null, SupplierUtil.DEFAULT_EDGE_SUPPLIER, DefaultGraphType.directedPseudograph(), new DefaultGraphSpecificsStrategy<>());
    }
  }

  /** The strongly connected components with more than one vertex among the edges {@code keep} accepts. */
  List<int[]> components(IntPredicate keep) {
    int[] out = new int[vertices];
    int[] in = new int[vertices];
    boolean[] alive = new boolean[vertices];
    Arrays.fill(alive, true);
    int[] usedEdges = new int[edges];
    int used = 0;
    for (int e = 0; e < edges; e++) {
      if (keep.test(kind[e]) && src[e] != dst[e]) {
        usedEdges[used++] = e;
        out[src[e]]++;
        in[dst[e]]++;
      }
    }
    usedEdges = Arrays.copyOf(usedEdges, used);
    peel(usedEdges, out, in, alive);
    Graph<Integer, DefaultEdge> g = new Lean();
    for (int v = 0; v < vertices; v++) {
      if (alive[v]) {
        g.addVertex(v);
      }
    }
    if (g.vertexSet().isEmpty()) {
      return List.of();
    }
    for (int e : usedEdges) {
      if (alive[src[e]] && alive[dst[e]]) {
        g.addEdge(src[e], dst[e]);
      }
    }
    List<int[]> sccs = new ArrayList<>();
    for (Set<Integer> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
      if (scc.size() > 1) {
        sccs.add(scc.stream().mapToInt(Integer::intValue).sorted().toArray());
      }
    }
    return sccs;
  }

  /** Removes, until none is left, every live vertex with no live edge in or no live edge out. */
  private void peel(int[] usedEdges, int[] out, int[] in, boolean[] alive) {
    // CSR adjacency both ways over the used edges.
    int[] outStart = new int[vertices + 1];
    int[] inStart = new int[vertices + 1];
    for (int e : usedEdges) {
      outStart[src[e] + 1]++;
      inStart[dst[e] + 1]++;
    }
    for (int v = 0; v < vertices; v++) {
      outStart[v + 1] += outStart[v];
      inStart[v + 1] += inStart[v];
    }
    int[] outAdj = new int[usedEdges.length];
    int[] inAdj = new int[usedEdges.length];
    int[] outFill = Arrays.copyOf(outStart, vertices);
    int[] inFill = Arrays.copyOf(inStart, vertices);
    for (int e : usedEdges) {
      outAdj[outFill[src[e]]++] = dst[e];
      inAdj[inFill[dst[e]]++] = src[e];
    }
    int[] stack = new int[vertices];
    int top = 0;
    for (int v = 0; v < vertices; v++) {
      if (alive[v] && (out[v] == 0 || in[v] == 0)) {
        alive[v] = false;
        stack[top++] = v;
      }
    }
    while (top > 0) {
      int v = stack[--top];
      for (int i = outStart[v]; i < outStart[v + 1]; i++) {
        int w = outAdj[i];
        if (alive[w] && --in[w] == 0) {
          alive[w] = false;
          stack[top++] = w;
        }
      }
      for (int i = inStart[v]; i < inStart[v + 1]; i++) {
        int w = inAdj[i];
        if (alive[w] && --out[w] == 0) {
          alive[w] = false;
          stack[top++] = w;
        }
      }
    }
  }
}
