/**
 * Maximum-weight b-matching between orders (each takes at most one craftsman) and craftsmen (each
 * takes at most `capacity` orders), solved exactly as a min-cost flow:
 *
 *   source →(cap 1, cost 0) order →(cap 1, cost −score) craftsman →(cap free slots, cost 0) sink
 *
 * by successive shortest paths with Johnson potentials and Dijkstra. Every augmentation moves one
 * order; we stop as soon as the cheapest path costs ≥ 0, i.e. assigning one more order (possibly
 * re-routing others) would no longer raise the total — maximum weight, not maximum cardinality.
 * Successive shortest paths keep the flow min-cost for its value at every step, and the total as a
 * function of the flow value is concave, so the first non-improving step is the optimum.
 *
 * It also returns optimal dual values (u per order, v per craftsman, u + v ≥ score on every edge,
 * equality on chosen edges): they certify optimality against edges the caller left out.
 */
export interface MatchingEdge {
  order: number;
  craftsman: number;
  score: number;
}

export interface MatchingResult {
  /** Craftsman index per order, −1 when unassigned. */
  craftsmanOfOrder: Int32Array;
  total: number;
  /** u: what each order adds to the optimum at the margin (0 when unassigned). */
  orderDual: Float64Array;
  /** v: what one more free slot of each craftsman would be worth (0 when it has slots left). */
  craftsmanDual: Float64Array;
  augmentations: number;
}

const EPS = 1e-9;

export function maxWeightBMatching(orderCount: number, capacities: ArrayLike<number>, edges: readonly MatchingEdge[]): MatchingResult {
  const craftsmanCount = capacities.length;
  const S = 0;
  const T = 1;
  const orderNode = (o: number) => 2 + o;
  const craftsmanNode = (c: number) => 2 + orderCount + c;
  const nodeCount = 2 + orderCount + craftsmanCount;
  const g = new FlowGraph(nodeCount, 2 * (orderCount + craftsmanCount + edges.length));

  for (let o = 0; o < orderCount; o++) g.addEdge(S, orderNode(o), 1, 0);
  const pairEdge: number[] = [];
  for (const e of edges) {
    if (!(e.score > 0)) continue; // a pair that adds nothing is never worth making
    pairEdge.push(g.addEdge(orderNode(e.order), craftsmanNode(e.craftsman), 1, -e.score));
  }
  for (let c = 0; c < craftsmanCount; c++) if ((capacities[c] ?? 0) > 0) g.addEdge(craftsmanNode(c), T, capacities[c] ?? 0, 0);

  // Initial potentials make every reduced cost ≥ 0 on this DAG: p(craftsman) = cheapest edge into it.
  const potential = new Float64Array(nodeCount);
  for (let e = 0; e < g.edgeCount; e += 2) {
    const v = g.to[e]!;
    if (g.cost[e]! < potential[v]!) potential[v] = g.cost[e]!;
  }
  let minCraftsman = 0;
  for (let c = 0; c < craftsmanCount; c++) minCraftsman = Math.min(minCraftsman, potential[craftsmanNode(c)]!);
  potential[T] = minCraftsman;

  const dist = new Float64Array(nodeCount);
  const prevEdge = new Int32Array(nodeCount);
  const settled = new Uint8Array(nodeCount);
  const heap = new NodeHeap(nodeCount);
  let augmentations = 0;

  for (;;) {
    dist.fill(Infinity);
    settled.fill(0);
    prevEdge.fill(-1);
    dist[S] = 0;
    heap.clear();
    heap.push(S, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      if (u === T) break; // the rest of the graph cannot shorten the path we are about to use
      const du = dist[u]!;
      for (let e = g.head[u]!; e !== -1; e = g.next[e]!) {
        if (g.cap[e]! <= 0) continue;
        const v = g.to[e]!;
        const nd = du + g.cost[e]! + potential[u]! - potential[v]!;
        if (nd < dist[v]! - EPS) {
          dist[v] = nd;
          prevEdge[v] = e;
          heap.push(v, nd);
        }
      }
    }
    if (!settled[T]) break;
    const dT = dist[T]!;
    const pathCost = dT + potential[T]! - potential[S]!;
    if (pathCost >= -EPS) break;
    // Unsettled nodes take dT: this keeps every residual reduced cost ≥ 0 after an early stop.
    for (let v = 0; v < nodeCount; v++) potential[v] = potential[v]! + (settled[v] ? dist[v]! : dT);
    for (let v = T; v !== S; ) {
      const e = prevEdge[v]!;
      g.cap[e] = g.cap[e]! - 1;
      g.cap[e ^ 1] = g.cap[e ^ 1]! + 1;
      v = g.to[e ^ 1]!;
    }
    augmentations++;
  }

  const craftsmanOfOrder = new Int32Array(orderCount).fill(-1);
  let total = 0;
  for (const e of pairEdge) {
    if (g.cap[e] === 0) {
      const o = g.to[e ^ 1]! - 2;
      craftsmanOfOrder[o] = g.to[e]! - 2 - orderCount;
      total += -g.cost[e]!;
    }
  }
  const delta = residualDistances(g, S, T);
  const orderDual = new Float64Array(orderCount);
  const craftsmanDual = new Float64Array(craftsmanCount);
  for (let o = 0; o < orderCount; o++) orderDual[o] = Math.max(0, delta[orderNode(o)]!);
  for (let c = 0; c < craftsmanCount; c++) {
    const d = delta[craftsmanNode(c)]!;
    craftsmanDual[c] = Number.isFinite(d) ? Math.max(0, -d) : 0;
  }
  return { craftsmanOfOrder, total, orderDual, craftsmanDual, augmentations };
}

/**
 * Shortest distances from the source in the final residual graph, with free zero-cost edges
 * source ⇄ sink added (so dist(sink) = 0 at the optimum). From them: u(order) = max(0, δ(order)),
 * v(craftsman) = max(0, −δ(craftsman)) satisfy u + v ≥ score on every edge (residual edges have
 * δ(c) ≤ δ(o) − score) with equality on chosen ones — the optimal dual. Bellman–Ford with a queue
 * because residual costs are negative; there is no negative cycle once no improving path is left.
 */
function residualDistances(g: FlowGraph, S: number, T: number): Float64Array {
  const n = g.nodeCount;
  const delta = new Float64Array(n).fill(Infinity);
  const inQueue = new Uint8Array(n);
  const queue: number[] = [S, T];
  delta[S] = 0;
  delta[T] = 0;
  inQueue[S] = inQueue[T] = 1;
  let budget = 50 * (n + g.edgeCount) + 1000;
  for (let i = 0; i < queue.length; i++) {
    if (--budget < 0) throw new Error('residual graph has a negative cycle: the flow is not optimal');
    const u = queue[i]!;
    inQueue[u] = 0;
    const du = delta[u]!;
    for (let e = g.head[u]!; e !== -1; e = g.next[e]!) {
      if (g.cap[e]! <= 0) continue;
      const v = g.to[e]!;
      const nd = du + g.cost[e]!;
      if (nd < delta[v]! - EPS && v !== S && v !== T) {
        delta[v] = nd;
        if (!inQueue[v]) {
          inQueue[v] = 1;
          queue.push(v);
        }
      }
    }
  }
  return delta;
}

class FlowGraph {
  readonly head: Int32Array;
  readonly to: Int32Array;
  readonly next: Int32Array;
  readonly cap: Int32Array;
  readonly cost: Float64Array;
  edgeCount = 0;

  constructor(
    readonly nodeCount: number,
    maxEdges: number,
  ) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.to = new Int32Array(maxEdges);
    this.next = new Int32Array(maxEdges);
    this.cap = new Int32Array(maxEdges);
    this.cost = new Float64Array(maxEdges);
  }

  /** Adds u→v and its residual twin v→u (index ^ 1); returns the forward edge's index. */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    const e = this.edgeCount;
    this.to[e] = v;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.next[e] = this.head[u]!;
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.cost[e + 1] = -cost;
    this.next[e + 1] = this.head[v]!;
    this.head[v] = e + 1;
    this.edgeCount += 2;
    return e;
  }
}

/** Binary min-heap of (node, key) with lazy deletion (stale entries are skipped by the caller). */
class NodeHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(initial: number) {
    this.nodes = new Int32Array(Math.max(16, initial));
    this.keys = new Float64Array(Math.max(16, initial));
  }

  clear() {
    this.size = 0;
  }

  push(node: number, key: number) {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= key) break;
      this.nodes[i] = this.nodes[p]!;
      this.keys[i] = this.keys[p]!;
      i = p;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  pop(): number {
    const top = this.nodes[0]!;
    const lastNode = this.nodes[--this.size]!;
    const lastKey = this.keys[this.size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const m = r < this.size && this.keys[r]! < this.keys[l]! ? r : l;
      if (this.keys[m]! >= lastKey) break;
      this.nodes[i] = this.nodes[m]!;
      this.keys[i] = this.keys[m]!;
      i = m;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }
}
