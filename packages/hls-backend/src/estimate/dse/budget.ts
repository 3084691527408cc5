import { RESOURCE_KINDS, type Resources } from '../graph/report';
import { HlsEstimateError } from '../types';

/** Resources available to a design; a resource left out is not limited. */
export type ResourceBudget = Partial<Resources>;

/**
 * A budget scaled down: `fraction` applies to every resource, or per resource
 * (`{ lut: 0.1 }` limits LUTs to 10 % and leaves the others as they are). Results are floored.
 */
export function scaleBudget(budget: ResourceBudget, fraction: number | Partial<Record<keyof Resources, number>>): ResourceBudget {
  const out: ResourceBudget = {};
  for (const k of RESOURCE_KINDS) {
    const v = budget[k];
    if (v === undefined) continue;
    const f = typeof fraction === 'number' ? fraction : (fraction[k] ?? 1);
    if (!(f >= 0)) throw new HlsEstimateError(`scaleBudget: fraction for ${k} is ${f}, expected a number ≥ 0`);
    out[k] = Math.floor(v * f);
  }
  return out;
}

/** Whether every limited resource is within the budget. */
export function fitsBudget(used: Resources, budget: ResourceBudget): boolean {
  return RESOURCE_KINDS.every((k) => budget[k] === undefined || used[k] <= budget[k]!);
}

/** The largest used / available fraction over the limited resources (0 when nothing is limited). */
export function budgetFraction(used: Resources, budget: ResourceBudget): number {
  let worst = 0;
  for (const k of RESOURCE_KINDS) {
    const cap = budget[k];
    if (cap === undefined) continue;
    worst = Math.max(worst, cap > 0 ? used[k] / cap : used[k] > 0 ? Infinity : 0);
  }
  return worst;
}
