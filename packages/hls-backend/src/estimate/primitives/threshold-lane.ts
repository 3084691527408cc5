import { type ThresholdMethod, twoLevelBlock } from '../../implementation/threshold-method';
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
 *
 * With `method: 'search'` (scanflow::threshold_search, sorted rows) a lane makes L = ⌈log2(NT + 1)⌉
 * comparisons in sequence instead: level l (0-based) compares with one of min(2^l, what is left of
 * NT) thresholds chosen by the levels before, so its thresholds form a ROM of D·2^l words (a
 * constant when that is one word); L comparators (constant ones while the ROM is a single word),
 * no count tree (the comparison bits are the count), the bias adder as above; one register level
 * per comparison (the value, A bits, and the count so far, l bits).
 *
 * With `method: 'two-level'` (scanflow::threshold_two_level, sorted rows) a lane compares in two
 * levels of about √NT comparators each (twoLevelLane below).
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
  /** compare-all (default), the binary search or the two-level search over sorted rows. */
  method?: ThresholdMethod;
}

/** One lane of the binary search (see the file comment). ESTIMATE. */
function searchLane(p: ThresholdLaneParams, A: number, T: number, O: number, operandFf: number): ResourceEstimate {
  const levels = Math.ceil(Math.log2(p.steps + 1));
  const storage = p.storage ?? 'lut';
  let left = p.steps;
  let lut = 0;
  let ff = operandFf + O;
  const roms: ResourceEstimate[] = [];
  for (let l = 0; l < levels; l++) {
    const entries = Math.min(2 ** l, left);
    left -= entries;
    const words = p.depth * entries;
    const constant = parameterMemoryKind(words, storage) === 'constant';
    if (!constant) roms.push(parameterMemoryResources({ depth: words, bits: T, storage }));
    lut += constant ? comparatorLuts(A, 'constant') : comparatorLuts(Math.max(A, T), 'variable');
    if (l < levels - 1) ff += A + l + 1;
  }
  const bias = p.outBias === 0 ? 0 : adderLuts(O);
  const logic: ResourceEstimate = { lut: lut + bias, ff, bram18: 0, uram: 0, dsp: 0, notes: [`thresholds: binary search over ${p.steps} sorted thresholds, ${levels} comparisons per lane`] };
  return sumResources(logic, ...roms);
}

/**
 * LUTs turning a thermometer code t of n comparator bits (t_k = 1 for k < count) into its binary
 * count: count bit j is the XOR of t_(m·2^j − 1) over m = 1 … ⌊n / 2^j⌋, an XOR tree of LUT6s
 * (five more inputs per LUT).
 */
function thermometerDecodeLuts(n: number): number {
  let lut = 0;
  for (let j = 0; 2 ** j <= n; j++) {
    const terms = Math.floor(n / 2 ** j);
    lut += terms <= 1 ? 0 : Math.ceil((terms - 1) / (LUT_INPUTS - 1));
  }
  return lut;
}

/**
 * One lane of the two-level search (scanflow::threshold_two_level, block B = twoLevelBlock(NT)):
 * level 1 compares with the n1 = ⌊NT / B⌋ block boundaries of the channel (n1 memories of D words,
 * constants when D = 1), level 2 with the B − 1 thresholds of the block reached (B − 1 memories of
 * D·(n1 + 1) words, indexed by channel word and block; variable comparators); each level's
 * thermometer code is decoded to a count by XOR trees; the block and the count inside it
 * concatenate (B is a power of two). Register levels: the comparator bits and the value after each
 * compare, the block number and the value after the first decode. ESTIMATE.
 */
function twoLevelLane(p: ThresholdLaneParams, A: number, T: number, O: number, operandFf: number): ResourceEstimate {
  const storage = p.storage ?? 'lut';
  const b = twoLevelBlock(p.steps);
  const n1 = Math.floor(p.steps / b);
  const n2 = b - 1;
  const roms: ResourceEstimate[] = [];
  const level = (n: number, words: number): number => {
    if (n === 0) return 0;
    const constant = parameterMemoryKind(words, storage) === 'constant';
    if (!constant) for (let k = 0; k < n; k++) roms.push(parameterMemoryResources({ depth: words, bits: T, storage }));
    return n * (constant ? comparatorLuts(A, 'constant') : comparatorLuts(Math.max(A, T), 'variable')) + thermometerDecodeLuts(n);
  };
  const lut = level(n1, p.depth) + level(n2, p.depth * (n1 + 1)) + (p.outBias === 0 ? 0 : adderLuts(O));
  const blockBits = bitsFor(n1);
  const ff = operandFf + (n1 + A) + (blockBits + A) + (n2 > 0 ? n2 + blockBits : 0) + O;
  const logic: ResourceEstimate = { lut, ff, bram18: 0, uram: 0, dsp: 0, notes: [`thresholds: two-level search over ${p.steps} sorted thresholds, ${n1} + ${n2} comparisons per lane (blocks of ${b})`] };
  return sumResources(logic, ...roms);
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

  if (p.method === 'search' && !(constant && A <= LUT_INPUTS)) return scaleResources(searchLane(p, A, T, O, operandFf), pe);
  if (p.method === 'two-level' && !(constant && A <= LUT_INPUTS)) return scaleResources(twoLevelLane(p, A, T, O, operandFf), pe);

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
