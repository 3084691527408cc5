import { chooseMultiplier, type MultiplierPolicy } from './multiplier';
import { requirePositive } from './resources';
import { type ThresholdMethod, twoLevelBlock } from '../../implementation/threshold-method';

/**
 * Pipeline depth of one lane of each kernel: the clock cycles from reading an input word to
 * writing the output word computed from it (the iteration latency of the kernel's II = 1 loop).
 * A streaming layer adds this once to its cycle count; a fused recurrence step adds it per step on
 * the critical path. ESTIMATES, not Vitis HLS schedules.
 *
 * Timing assumptions (XCZU7EV, speed grade -2, 200 MHz):
 * - clock period 5 ns; Vitis HLS keeps 27 % of it as clock uncertainty by default, so logic gets
 *   LOGIC_BUDGET_NS = 3.65 ns per cycle;
 * - one adder or comparator level (LUT6 + CARRY8 chain up to 32 bits + local routing) takes
 *   ≈ ADDER_LEVEL_NS = 1.5 ns (LUT ≈ 0.1 ns, 4 × CARRY8 ≈ 0.3 ns, nets 0.5–0.8 ns, clock-to-out and
 *   setup ≈ 0.2 ns): ADDER_LEVELS_PER_CYCLE = ⌊3.65 / 1.5⌋ = 2 levels per cycle (k = 2);
 *   a comparator wider than 32 bits counts one level per started 32 bits;
 * - a LUT multiplier (≤ 10 × 10 bits under the `auto` policy) takes 1 cycle; a DSP48E2 product 3
 *   (input, M and P registers, the register set Vitis uses at 200 MHz);
 * - every kernel spends 1 cycle on its operand stage (stream read / weight or threshold memory read).
 */

export const CLOCK_PERIOD_NS = 5;
export const HLS_CLOCK_UNCERTAINTY = 0.27;
export const LOGIC_BUDGET_NS = CLOCK_PERIOD_NS * (1 - HLS_CLOCK_UNCERTAINTY);
export const ADDER_LEVEL_NS = 1.5;
/** k: adder / comparator levels that fit in one cycle. */
export const ADDER_LEVELS_PER_CYCLE = Math.floor(LOGIC_BUDGET_NS / ADDER_LEVEL_NS);
export const LUT_MULTIPLIER_LATENCY = 1;
export const DSP_MULTIPLIER_LATENCY = 3;
/** Operand stage of every kernel (stream read, memory read). */
export const OPERAND_STAGE_CYCLES = 1;
/** Depth of a stage that only moves words: duplicate streams, width / type converters, state streams. */
export const COPY_STAGE_DEPTH = 1;
/** Bits of carry chain counted as one adder level. */
export const CARRY_LEVEL_BITS = 32;

/** Cycles for `levels` adder levels at k levels per cycle (0 levels → 0 cycles). */
export function cyclesForLevels(levels: number): number {
  return Math.ceil(levels / ADDER_LEVELS_PER_CYCLE);
}

/** Latency of one product under the multiplier policy. */
export function multiplierLatency(aBits: number, bBits: number, policy: MultiplierPolicy = 'auto'): number {
  return chooseMultiplier(aBits, bBits, policy).impl === 'dsp' ? DSP_MULTIPLIER_LATENCY : LUT_MULTIPLIER_LATENCY;
}

/** Adder levels of a threshold unit: compare, ⌈log2 steps⌉ count levels, the output-bias add. */
export function thresholdLevels(steps: number, bits: number): number {
  return Math.ceil(bits / CARRY_LEVEL_BITS) + Math.ceil(Math.log2(steps)) + 1;
}

export interface MvauDepthParams {
  simd: number;
  weightBits: number;
  inputBits: number;
  multiplier?: MultiplierPolicy;
  /** Fused thresholds per channel (0 / absent: none) and the accumulator width they compare. */
  thresholdSteps?: number;
  accBits?: number;
  thresholdMethod?: ThresholdMethod;
}

/**
 * MVAU lane: operand stage + multiplier + ⌈(⌈log2 SIMD⌉ + 1)/k⌉ for the SIMD adder tree plus the
 * accumulate, + the fused threshold levels when present (the accumulator compared with the
 * thresholds after the last synapse fold). ESTIMATE.
 */
export function mvauDepth(p: MvauDepthParams): number {
  requirePositive('mvauDepth', 'simd', p.simd);
  const mult = multiplierLatency(p.inputBits, p.weightBits, p.multiplier);
  const tree = cyclesForLevels(Math.ceil(Math.log2(p.simd)) + 1);
  const steps = p.thresholdSteps ?? 0;
  const thr = steps <= 0 ? 0 : p.thresholdMethod === 'search' ? Math.ceil(Math.log2(steps + 1)) + 1 : p.thresholdMethod === 'two-level' ? twoLevelSearchCycles(steps) + 1 : cyclesForLevels(thresholdLevels(steps, p.accBits ?? p.inputBits + p.weightBits));
  return OPERAND_STAGE_CYCLES + mult + tree + thr;
}

/**
 * Cycles of the two-level search (scanflow::threshold_two_level) over NT sorted thresholds, block
 * B = twoLevelBlock(NT): per level one cycle to read the level's thresholds and compare, and one
 * more to turn the comparators' thermometer code into a binary count when the level has more than
 * one comparator (count bit j is an XOR of ⌊n / 2^j⌋ comparator bits: two LUT6 levels for n ≤ 36,
 * three for n ≤ 216 — a level has about √NT comparators). NT = 255 (B = 16, 15 + 15 comparators): 2 + 2 = 4.
 * ESTIMATE.
 */
export function twoLevelSearchCycles(steps: number): number {
  requirePositive('twoLevelSearchCycles', 'steps', steps);
  const b = twoLevelBlock(steps);
  const level = (n: number): number => (n === 0 ? 0 : 1 + (n > 1 ? 1 : 0));
  return level(Math.floor(steps / b)) + level(b - 1);
}

/**
 * Threshold lane: operand stage + ⌈(compare + ⌈log2 steps⌉ + bias)/k⌉; with the binary search,
 * operand stage + one cycle per comparison (a ROM read and a compare each) + the bias; with the
 * two-level search, operand stage + twoLevelSearchCycles + the bias. ESTIMATE.
 */
export function thresholdDepth(p: { steps: number; bits: number; method?: ThresholdMethod }): number {
  requirePositive('thresholdDepth', 'steps', p.steps);
  requirePositive('thresholdDepth', 'bits', p.bits);
  if (p.method === 'search') return OPERAND_STAGE_CYCLES + Math.ceil(Math.log2(p.steps + 1)) + 1;
  if (p.method === 'two-level') return OPERAND_STAGE_CYCLES + twoLevelSearchCycles(p.steps) + 1;
  return OPERAND_STAGE_CYCLES + cyclesForLevels(thresholdLevels(p.steps, p.bits));
}

/**
 * Element-wise lane: operand stage + one adder level (add / sub) or the multiplier latency (mul).
 * `bits` is the operand width, `otherBits` the second operand's (default `bits`). ESTIMATE.
 */
export function elementwiseDepth(p: { op: 'add' | 'sub' | 'mul'; bits: number; otherBits?: number; multiplier?: MultiplierPolicy }): number {
  requirePositive('elementwiseDepth', 'bits', p.bits);
  const other = p.otherBits ?? p.bits;
  const compute =
    p.op === 'mul'
      ? multiplierLatency(p.bits, other, p.multiplier)
      : cyclesForLevels(Math.ceil(Math.max(p.bits, other) / CARRY_LEVEL_BITS));
  return OPERAND_STAGE_CYCLES + compute;
}

/**
 * Register bits of the pipeline cuts HLS places inside a chain of adder levels: after every k-th
 * level, except after the last one (its result is the stage's output register, counted by the
 * caller). `liveBits[i]` is the width of the values alive after level i + 1.
 */
export function pipelineCutBits(liveBits: readonly number[]): number {
  let bits = 0;
  for (let level = ADDER_LEVELS_PER_CYCLE; level < liveBits.length; level += ADDER_LEVELS_PER_CYCLE) bits += liveBits[level - 1];
  return bits;
}
