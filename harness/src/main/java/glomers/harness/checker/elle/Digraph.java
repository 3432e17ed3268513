package glomers.harness.checker.elle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A dependency graph as parallel int arrays (source, target, kind), cheap enough for 100,000
 * transactions. Strongly connected components: the vertices that cannot lie on any cycle (no way in
 * or no way out, repeatedly) are peeled off in linear time, then an iterative Tarjan on int arrays
 * splits the rest (JGraphT's boxed graph cost most of a check once a history had anomalies).
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
    return tarjan(usedEdges, alive);
  }

  /**
   * Tarjan's strongly connected components over the live vertices and the used edges between them,
   * iterative (an SCC can hold 100,000 vertices) and on int arrays: the components with more than
   * one vertex, each sorted, in order of their smallest vertex.
   */
  private List<int[]> tarjan(int[] usedEdges, boolean[] alive) {
    int[] start = new int[vertices + 1];
    int live = 0;
    for (int e : usedEdges) {
      if (alive[src[e]] && alive[dst[e]]) {
        start[src[e] + 1]++;
        live++;
      }
    }
    if (live == 0) {
      return List.of();
    }
    for (int v = 0; v < vertices; v++) {
      start[v + 1] += start[v];
    }
    int[] adj = new int[live];
    int[] fill = Arrays.copyOf(start, vertices);
    for (int e : usedEdges) {
      if (alive[src[e]] && alive[dst[e]]) {
        adj[fill[src[e]]++] = dst[e];
      }
    }
    int[] index = new int[vertices];
    int[] low = new int[vertices];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[vertices];
    int[] stack = new int[vertices];
    int top = 0;
    int[] callVertex = new int[vertices];
    int[] callEdge = new int[vertices];
    int next = 0;
    List<int[]> sccs = new ArrayList<>();
    for (int root = 0; root < vertices; root++) {
      if (!alive[root] || index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callVertex[0] = root;
      callEdge[0] = start[root];
      index[root] = low[root] = next++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callVertex[depth];
        if (callEdge[depth] < start[v + 1]) {
          int w = adj[callEdge[depth]++];
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            stack[top++] = w;
            onStack[w] = true;
            depth++;
            callVertex[depth] = w;
            callEdge[depth] = start[w];
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        if (low[v] == index[v]) {
          int from = top;
          do {
            from--;
            onStack[stack[from]] = false;
          } while (stack[from] != v);
          if (top - from > 1) {
            int[] scc = Arrays.copyOfRange(stack, from, top);
            Arrays.sort(scc);
            sccs.add(scc);
          }
          top = from;
        }
        depth--;
        if (depth >= 0) {
          int parent = callVertex[depth];
          if (low[v] < low[parent]) {
            low[parent] = low[v];
          }
        }
      }
    }
    sccs.sort((a, b) -> Integer.compare(a[0], b[0]));
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
