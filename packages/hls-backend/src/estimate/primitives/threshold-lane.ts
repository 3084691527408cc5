import type { ResourceEstimate } from '../types';
import { adderLuts, comparatorLuts, popcountTree } from './arithmetic';
import { pipelineCutBits } from './depth';
import { LUT_INPUTS } from './multiplier';
import { parameterMemoryKind, parameterMemoryResources } from './parameter-memory';
import { bitsFor, noResources, requirePositive, scaleResources, sumResources } from './resources';

/**
 * PE lanes of a multi-threshold unit (stand-alone Thresholding, or fused after an MVAU's
 * accumulator): per lane, `steps` comparisons value ≥ T[k], a count of the true ones, + OUT_BIAS.
 * This is scanflow::threshold_count / threshold_output, fully unrolled. ESTIMATES.
 *
 * Per lane (A = input bits, T = threshold bits, NT = steps, D = words per threshold memory = C/PE):
 * - thresholds: the generated `static const` array is partitioned completely on PE and NT, so each
 *   lane has NT memories of D words (parameter-memory.ts):
 *   - D = 1 (PE = C, or one row shared by every channel): the thresholds are constants; each
 *     comparator compares with a constant: NT·⌈A/3⌉ LUTs, no storage. When A ≤ 6 the whole lane is a
 *     function of at most 6 inputs and maps to one LUT6 per output bit (no comparators, no tree);
 *   - D > 1: NT LUT-ROMs (lutRomLuts(D, T) LUTs + T FF each) or BRAMs, and NT comparators of two variables,
 *     NT·⌈max(A, T)/2⌉ LUTs;
 * - count: popcount adder tree of NT one-bit values (arithmetic.ts);
 * - OUT_BIAS: an adder of the output width (skipped when the bias is known to be 0);
 * - FF: the operand register (A, unless fused after an accumulator), the pipeline cuts of the compare → count → bias levels every
 *   k = 2 levels (depth.ts), the output register (O bits), the ROMs' read registers.
 */

export interface ThresholdLaneParams {
  /** Lanes (PE). Default 1. */
  pe?: number;
  /** Thresholds per channel (NT). */
  steps: number;
  /** Bits of the compared value (A). */
  inputBits: number;
  /** Bits of a stored threshold (T). Default inputBits. */
  thresholdBits?: number;
  /** Words in each lane's threshold memory: C/PE, or 1 when the thresholds are constants. */
  depth: number;
  /** Threshold memories when depth > 1. Default 'lut'. */
  storage?: 'auto' | 'lut' | 'bram';
  /** Output width O. Default bits of the count 0..NT. */
  outputBits?: number;
  /** The output bias when known; 0 drops the bias adder. Default: unknown (adder counted). */
  outBias?: number;
  /** Whether the lane registers its input (false when fused after a registered accumulator). Default true. */
  operandRegister?: boolean;
}

/** Resources of `pe` threshold lanes. ESTIMATE. */
export function thresholdLaneResources(p: ThresholdLaneParams): ResourceEstimate {
  const where = 'thresholdLaneResources';
  const pe = p.pe ?? 1;
  requirePositive(where, 'pe', pe);
  requirePositive(where, 'steps', p.steps);
  requirePositive(where, 'inputBits', p.inputBits);
  requirePositive(where, 'depth', p.depth);
  const A = p.inputBits;
  const T = p.thresholdBits ?? A;
  requirePositive(where, 'thresholdBits', T);
  const O = p.outputBits ?? bitsFor(p.steps);
  requirePositive(where, 'outputBits', O);
  const operandFf = p.operandRegister === false ? 0 : A;
  const storage = p.storage ?? 'lut';
  const constant = parameterMemoryKind(p.depth, storage) === 'constant';

  if (constant && A <= LUT_INPUTS) {
    const lane = { lut: O, ff: operandFf + O, bram18: 0, uram: 0, dsp: 0, notes: [`thresholds: ${p.steps} constants on a ${A}-bit input: one LUT6 per output bit`] };
    return scaleResources(lane, pe);
  }

  const memories = constant
    ? noResources()
    : scaleResources(parameterMemoryResources({ depth: p.depth, bits: T, storage }), p.steps);
  const compare = p.steps * (constant ? comparatorLuts(A, 'constant') : comparatorLuts(Math.max(A, T), 'variable'));
  const count = popcountTree(p.steps);
  const bias = p.outBias === 0 ? 0 : adderLuts(O);
  const live = [p.steps, ...count.liveBits, ...(bias > 0 ? [O] : [])];
  const storageNote = constant
    ? `thresholds: ${p.steps} constants per lane (constant comparators)`
    : `thresholds: ${p.steps} ${T}-bit ${parameterMemoryKind(p.depth, storage) === 'lut' ? 'LUT-ROMs' : 'BRAMs'} of ${p.depth} words per lane (variable comparators)`;
  const logic: ResourceEstimate = {
    lut: compare + count.lut + bias,
    ff: operandFf + pipelineCutBits(live) + O,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [storageNote],
  };
  return scaleResources(sumResources(logic, memories), pe);
}
