import { ScanflowError } from '@scanflow/ir';
import type { StepOrdering } from '../pass';

/** Steps of a pipeline cannot be put in order: a name is unknown, twice, or the constraints form a cycle. */
export class PipelineOrderError extends ScanflowError {
  constructor(message: string) {
    super('PIPELINE_ORDER', message, { category: 'input' });
    this.name = 'PipelineOrderError';
  }
}

/** One step to order: its name in the pipeline, who contributed it (for messages), and its ordering. */
export interface OrderedStep extends StepOrdering {
  name: string;
  /** The pass (and plugin) the step comes from, for messages. */
  from: string;
}

const RANK = { pre: 0, normal: 1, post: 2 } as const;

/**
 * Orders the steps of one pipeline (`where`, for messages): `pre` steps first, then unmarked, then
 * `post`; every `after` / `before` constraint holds; otherwise the given order (the passes'
 * registration order) is kept. A stable topological sort (Kahn's algorithm taking the earliest
 * ready step). Throws a PipelineOrderError naming the steps when a name is unknown or given twice,
 * a constraint goes against pre / post, or the constraints form a cycle.
 */
export function orderSteps<T extends OrderedStep>(steps: readonly T[], where: string): T[] {
  const index = new Map<string, number>();
  steps.forEach((s, k) => {
    const prev = index.get(s.name);
    if (prev !== undefined) throw new PipelineOrderError(`${where}: two steps are named '${s.name}' (from ${steps[prev]!.from} and ${s.from}); give one of them a step name`);
    index.set(s.name, k);
  });
  const rank = (s: T): number => RANK[s.order ?? 'normal'];
  const deps: number[][] = steps.map(() => []);
  const edge = (from: number, to: number): void => {
    const a = steps[from]!;
    const b = steps[to]!;
    if (rank(a) > rank(b)) throw new PipelineOrderError(`${where}: '${a.name}' (${a.order ?? 'unmarked'}) cannot run before '${b.name}' (${b.order ?? 'unmarked'}): pre steps run first and post steps last`);
    deps[to]!.push(from);
  };
  steps.forEach((s, k) => {
    const look = (name: string, rel: string): number => {
      const j = index.get(name);
      if (j === undefined) throw new PipelineOrderError(`${where}: step '${s.name}' (from ${s.from}) runs ${rel} '${name}', which is no step of this pipeline (steps: ${[...index.keys()].join(', ')})`);
      return j;
    };
    for (const a of s.after ?? []) edge(look(a, 'after'), k);
    for (const b of s.before ?? []) edge(k, look(b, 'before'));
  });
  const pending = deps.map((d) => d.length);
  const dependents: number[][] = steps.map(() => []);
  deps.forEach((d, k) => d.forEach((j) => dependents[j]!.push(k)));
  const key = (k: number): number => rank(steps[k]!) * steps.length + k;
  const ready: number[] = [];
  steps.forEach((_, k) => pending[k] === 0 && ready.push(k));
  const out: T[] = [];
  while (ready.length) {
    // the earliest ready step (pipelines are short: a linear scan is enough)
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (key(ready[i]!) < key(ready[best]!)) best = i;
    const k = ready.splice(best, 1)[0]!;
    out.push(steps[k]!);
    for (const d of dependents[k]!) if (--pending[d]! === 0) ready.push(d);
  }
  if (out.length < steps.length) {
    const stuck = steps.filter((_, k) => pending[k]! > 0).map((s) => `'${s.name}' (from ${s.from})`);
    throw new PipelineOrderError(`${where}: the before / after constraints of ${stuck.join(', ')} form a cycle`);
  }
  return out;
}
