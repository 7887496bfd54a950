/**
 * An independent optimum for the assignment, from a general LP solver (javascript-lp-solver):
 * maximise Σ score·x subject to Σ_c x(o,c) ≤ 1 per order and Σ_o x(o,c) ≤ free slots per craftsman.
 * The constraint matrix is that of a bipartite graph, hence totally unimodular: the LP optimum is
 * integral, so it equals the best assignment without integer variables.
 */
import lpModule, { type SolverAPI } from 'javascript-lp-solver';

// The package's types are read as CommonJS under NodeNext while Node loads its ESM build: take whichever shape arrives.
const solver = ((lpModule as unknown as { default?: SolverAPI }).default ?? lpModule) as unknown as SolverAPI;

export interface OracleEdge {
  orderId: string;
  craftsmanId: string;
  score: number;
}

export function lpOptimum(edges: readonly OracleEdge[], freeSlots: ReadonlyMap<string, number>): number {
  const constraints: Record<string, { max: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  edges.forEach((e, i) => {
    if (!(e.score > 0)) return;
    const o = `o:${e.orderId}`;
    const c = `c:${e.craftsmanId}`;
    constraints[o] = { max: 1 };
    constraints[c] = { max: freeSlots.get(e.craftsmanId) ?? 0 };
    variables[`x${i}`] = { score: e.score, [o]: 1, [c]: 1 };
  });
  if (Object.keys(variables).length === 0) return 0;
  const result = solver.Solve({ optimize: 'score', opType: 'max', constraints, variables }) as { feasible: boolean; result: number };
  if (!result.feasible) throw new Error('LP oracle: infeasible model');
  return result.result;
}
