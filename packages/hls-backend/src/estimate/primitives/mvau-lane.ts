import type { ResourceEstimate, WeightStorage } from '../types';
import { adderLuts, adderTree } from './arithmetic';
import { pipelineCutBits } from './depth';
import { multiplierResources, type MultiplierPolicy } from './multiplier';
import { parameterMemoryKind, parameterMemoryResources } from './parameter-memory';
import { requirePositive, scaleResources, sumResources } from './resources';
import { thresholdLaneResources } from './threshold-lane';
import type { ThresholdMethod } from '../../implementation/threshold-method';

/**
 * PE lanes of a matrix-vector unit: what scanflow::mvau / mvau_thresholds replicate per output
 * channel computed in parallel. Shared by the streaming MVAU estimator and a fused recurrence
 * step (the same lanes reading arrays instead of streams). ESTIMATES.
 *
 * Per lane (Q = SIMD, W = weight bits, A = input bits, B = accumulator bits, D = weight words per
 * lane = NF·SF):
 * - weights: Q memories of D words × W bits (the generated array is partitioned on PE and SIMD);
 *   D = 1 makes them constants and the products constant-coefficient (parameter-memory.ts);
 * - Q products A × W under the multiplier policy (multiplier.ts; the choice is in `notes`);
 * - an adder tree over the Q products (W + A bits, growing one bit per level, capped at B), then
 *   the accumulate adder (B LUTs) and the accumulator register (B FF); with DSP products the tree
 *   is still counted in LUTs (a DSP cascade could absorb part of it);
 * - pipeline cuts inside the tree every k = 2 levels (depth.ts);
 * - fused thresholds (optional): a threshold lane on the accumulator (threshold-lane.ts), whose
 *   memories have NF words; otherwise an output register of B bits (or `outputBits`).
 */

export interface MvauLaneThresholds {
  steps: number;
  /** Bits per stored threshold. Default: the accumulator width. */
  bits?: number;
  /** Words per lane's threshold memory: NF, or 1 for constants (NF = 1 or one shared row). */
  depth: number;
  storage?: 'auto' | 'lut' | 'bram';
  outBias?: number;
  /** compare-all (default) or the binary search over sorted rows. */
  method?: ThresholdMethod;
}

export interface MvauLaneParams {
  /** Lanes (PE). Default 1. */
  pe?: number;
  simd: number;
  weightBits: number;
  inputBits: number;
  /** Accumulator width B. */
  accBits: number;
  /** Words per lane's weight memory: NF·SF tiles (1 = constant weights). */
  weightDepth: number;
  weightStorage?: WeightStorage;
  multiplier?: MultiplierPolicy;
  thresholds?: MvauLaneThresholds;
  /** Output element width. Default: the count width with thresholds, else the accumulator width. */
  outputBits?: number;
}

/** Resources of `pe` MVAU lanes; `notes` state the multiplier choice and the memories. ESTIMATE. */
export function mvauLaneResources(p: MvauLaneParams): ResourceEstimate {
  const where = 'mvauLaneResources';
  const pe = p.pe ?? 1;
  for (const [field, v] of [['pe', pe], ['simd', p.simd], ['weightBits', p.weightBits], ['inputBits', p.inputBits], ['accBits', p.accBits], ['weightDepth', p.weightDepth]] as const) {
    requirePositive(where, field, v);
  }
  const Q = p.simd;
  const B = p.accBits;
  const kind = parameterMemoryKind(p.weightDepth, p.weightStorage);
  const weights = scaleResources(parameterMemoryResources({ depth: p.weightDepth, bits: p.weightBits, storage: p.weightStorage }), Q);
  weights.notes.push(kind === 'constant' ? 'weights: constants (one word per lane)' : `weights: ${kind === 'lut' ? 'LUT-ROM' : kind.toUpperCase()} of ${p.weightDepth} words per lane and SIMD`);
  const products = scaleResources(
    multiplierResources({ aBits: p.inputBits, bBits: p.weightBits, policy: p.multiplier, constantB: kind === 'constant' }),
    Q,
  );
  const tree = adderTree(Q, p.inputBits + p.weightBits, B);
  const accumulate: ResourceEstimate = {
    lut: tree.lut + adderLuts(B),
    ff: pipelineCutBits([...tree.liveBits, B]) + B,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [],
  };
  const t = p.thresholds;
  const output: ResourceEstimate = t
    ? thresholdLaneResources({
        steps: t.steps,
        inputBits: B,
        thresholdBits: t.bits ?? B,
        depth: t.depth,
        storage: t.storage,
        outputBits: p.outputBits,
        outBias: t.outBias,
        operandRegister: false,
        ...(t.method ? { method: t.method } : {}),
      })
    : { lut: 0, ff: p.outputBits ?? B, bram18: 0, uram: 0, dsp: 0, notes: [] };
  return scaleResources(sumResources(weights, products, accumulate, output), pe);
}
