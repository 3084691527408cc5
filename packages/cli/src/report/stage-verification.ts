import type { Model, Registry, Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import type { StageSnapshot } from '@scanflow/transforms';
import { compareOutputs, type OutputComparison } from '../flow/compare-outputs';
import { quantisationError } from '../flow/quantisation-error';
import type { ReportData, StageSummary } from './report-data';

/** Tolerances of `scanflow verify`'s defaults. */
const RTOL = 1e-5;
const ATOL = 1e-6;

const verdict = (c: OutputComparison): 'bit-exact' | 'within tolerance' | 'differs' => (c.exact ? 'bit-exact' : c.withinTolerance ? 'within tolerance' : 'differs');

/**
 * Simulates the original model and every stage on the same inputs (meeting the flow's preconditions)
 * and compares each stage with the one before and with its reference: the original model, or after
 * a cell-quant stage (a quantisation, reported by its error) the cell-quantised model. SIMULATION. The first stage outside the tolerance is the first
 * divergence; naming the pass inside it is `scanflow verify`'s job (it re-runs the stage pass by pass).
 */
export function verifyStages(original: Model, snapshots: readonly StageSnapshot[], inputs: readonly Tensor[], registry: Registry): Pick<ReportData, 'stages' | 'firstDivergence'> {
  const simulate = (m: Model): Tensor[] => new Simulator(m, { registry }).run(inputs).outputs;
  const names = original.graph.outputs.map((o) => o.name);
  let reference = simulate(original);
  let previous = reference;
  let firstDivergence: ReportData['firstDivergence'];
  const stages: StageSummary[] = snapshots.map((s) => {
    const outs = simulate(s.model);
    const vsPrevious = compareOutputs(outs, previous, names, RTOL, ATOL);
    if (s.stage === 'cell-quant') {
      // the quantisation stage: later stages are checked against it, it against nothing
      const q = quantisationError(outs, previous, names);
      reference = outs;
      previous = outs;
      return { stage: s.stage, pipeline: s.pipeline, passes: s.records.length, verification: { kind: 'SIMULATION', quantisation: { maxAbs: q.maxAbs, meanAbs: q.meanAbs }, vsPrevious: verdict(vsPrevious), vsOriginal: 'bit-exact', maxAbsDiff: vsPrevious.maxAbsDiff } };
    }
    const vsOriginal = compareOutputs(outs, reference, names, RTOL, ATOL);
    previous = outs;
    if ((!vsPrevious.withinTolerance || !vsOriginal.withinTolerance) && !firstDivergence) firstDivergence = { stage: s.stage, ...((vsPrevious.first ?? vsOriginal.first) ? { detail: vsPrevious.first ?? vsOriginal.first } : {}) };
    return {
      stage: s.stage,
      pipeline: s.pipeline,
      passes: s.records.length,
      verification: { kind: 'SIMULATION', vsPrevious: verdict(vsPrevious), vsOriginal: verdict(vsOriginal), maxAbsDiff: vsPrevious.maxAbsDiff, ...(vsPrevious.first ? { first: vsPrevious.first } : {}) },
    };
  });
  return { stages, ...(firstDivergence ? { firstDivergence } : {}) };
}
