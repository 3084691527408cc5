import { type Model, type Registry, type Tensor, toNumbers } from '@scanflow/ir';
import { Simulator } from './simulator';

/** The range of a value over a set of runs. */
export interface ObservedRange {
  min: number;
  max: number;
}

/**
 * Runs `model` on each input set with a trace and returns, for each requested value name, the least
 * and greatest element it took — over every run and, inside Scan bodies, every step. Graph inputs
 * are covered by the inputs themselves. Values never computed are absent. (Calibration of
 * quantiser scales: `--cell-quant` in the CLI.)
 */
export function observeRanges(model: Model, registry: Registry, inputSets: readonly (readonly Tensor[])[], values: readonly string[]): Map<string, ObservedRange> {
  const want = new Set(values);
  const out = new Map<string, ObservedRange>();
  const add = (name: string, t: Tensor | undefined) => {
    if (!t || !want.has(name)) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of toNumbers(t)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) return;
    const r = out.get(name);
    out.set(name, r ? { min: Math.min(r.min, lo), max: Math.max(r.max, hi) } : { min: lo, max: hi });
  };
  const sim = new Simulator(model, { registry });
  for (const inputs of inputSets) {
    const r = sim.run(inputs, { trace: true });
    sim.inputNames.forEach((n, k) => add(n, inputs[k]));
    for (const e of r.trace!.entries) add(e.output, e.tensor);
  }
  return out;
}
