import { RESOURCE_KINDS, type Resources } from '../graph/report';

/** A point with a latency and resources, all to be minimised. */
export interface CostPoint {
  latencyCycles: number;
  resources: Resources;
}

function objectives(p: CostPoint): number[] {
  return [p.latencyCycles, ...RESOURCE_KINDS.map((k) => p.resources[k])];
}

/** Whether `a` dominates `b`: no worse in latency and every resource, better in at least one. */
export function dominates(a: CostPoint, b: CostPoint): boolean {
  const x = objectives(a);
  const y = objectives(b);
  return x.every((v, k) => v <= y[k]) && x.some((v, k) => v < y[k]);
}

/**
 * The non-dominated points (latency vs every resource), sorted by latency; of several points with
 * identical costs only the first is kept.
 */
export function paretoFront<P extends CostPoint>(points: readonly P[]): P[] {
  const seen = new Set<string>();
  const unique = points.filter((p) => {
    const key = objectives(p).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.filter((p) => !unique.some((q) => q !== p && dominates(q, p))).sort((a, b) => a.latencyCycles - b.latencyCycles);
}
