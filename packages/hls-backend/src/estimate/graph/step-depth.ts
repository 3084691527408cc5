import type { StepOp } from '../../codegen/recurrence/step-plan';
import type { ThresholdMethod } from '../../implementation/threshold-method';
import { twoLevelSearchCycles } from '../primitives/depth';

/**
 * Pipeline depth of one lane of each fused-step operation: cycles from reading its operands to
 * writing its result, at 200 MHz on UltraScale+. ESTIMATES, from these assumptions (timing budget as
 * in ../primitives/depth.ts: 5 ns less Vitis's 27 % clock uncertainty leaves 3.65 ns of logic per
 * cycle; unlike a streaming kernel, a step operation reads registers, so it has no operand stage,
 * and the narrow adders of a popcount or of ≤ 24-bit sums chain three to a cycle, ≈ 1.1 ns each):
 *
 * - a product of operands up to 10 × 10 bits maps to LUTs and takes 1 cycle; wider ones take a
 *   DSP48E2 with its input / multiplier / output registers, 3 cycles;
 * - an adder tree of n operands has ⌈log2 n⌉ levels; three levels of narrow (≤ 24-bit) adders fit
 *   one 5 ns cycle, so it takes ⌈log2 n / 3⌉ cycles (at least one); the running sum of a folded
 *   MVAU, or its initial value, is one more operand of the tree;
 * - a threshold unit compares in 1 cycle, then counts the NT comparator bits with a popcount tree of
 *   ⌈log2(NT + 1)⌉ levels, three per cycle;
 * - an element-wise add or product of narrow operands: 1 cycle;
 * - moving a word between a stream and registers, or register to register: 1 cycle.
 * A section of the step takes (iterations − 1) + its deepest member's depth, plus one cycle to enter
 * and leave a loop of more than one iteration (step-plan.ts, sectionCycles).
 */

export const LUT_PRODUCT_MAX_BITS = 10;
export const DSP_PRODUCT_CYCLES = 3;
export const LUT_PRODUCT_CYCLES = 1;
export const ADDER_LEVELS_PER_CYCLE = 3;
/** Loop control of the time loop (exit test, step counter), per step. */
export const STEP_OVERHEAD_CYCLES = 1;

const log2ceil = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

export function adderTreeCycles(operands: number): number {
  return Math.ceil(log2ceil(operands) / ADDER_LEVELS_PER_CYCLE);
}

export function productCycles(weightBits: number, inputBits: number): number {
  return Math.max(weightBits, inputBits) <= LUT_PRODUCT_MAX_BITS ? LUT_PRODUCT_CYCLES : DSP_PRODUCT_CYCLES;
}

/**
 * A threshold unit: compare-all as above; a binary search, one comparison (ROM read + compare) per
 * cycle; a two-level search, per level a compare cycle and a thermometer-decode cycle
 * (../primitives/depth.ts, twoLevelSearchCycles).
 */
export function thresholdCycles(steps: number, method: ThresholdMethod = 'compare-all'): number {
  if (method === 'search') return log2ceil(steps + 1);
  if (method === 'two-level') return twoLevelSearchCycles(steps);
  return 1 + Math.ceil(log2ceil(steps + 1) / ADDER_LEVELS_PER_CYCLE);
}

/** Cycles of a product: forced to DSP (3) or LUTs (1), or by width under `auto`. */
export function productCyclesFor(weightBits: number, inputBits: number, multiplier: 'auto' | 'lut' | 'dsp' = 'auto'): number {
  if (multiplier === 'dsp') return DSP_PRODUCT_CYCLES;
  if (multiplier === 'lut') return LUT_PRODUCT_CYCLES;
  return productCycles(weightBits, inputBits);
}

/** What a step operation's depth depends on beyond its plan. */
export interface StepOpFacts {
  /** Bits of the weight and input operands of an MVAU's products. */
  weight?: number;
  input?: number;
  /** The layer's multiplier implementation (MVAU, element-wise products). */
  multiplier?: 'auto' | 'lut' | 'dsp';
  /** How its thresholds are applied. */
  thresholdMethod?: ThresholdMethod;
}

/** Depth of one fused-step operation. */
export function stepOpDepth(op: StepOp, facts: StepOpFacts = {}): number {
  const thr = op.thresholds ? thresholdCycles(op.thresholds.steps, facts.thresholdMethod) : 0;
  switch (op.kind) {
    case 'mvau': {
      // the tree adds the SIMD products and, when there is one, the running sum or the initial value
      const extra = op.init || (op.mw ?? 1) > (op.simd ?? 1) ? 1 : 0;
      return productCyclesFor(facts.weight ?? 8, facts.input ?? 8, facts.multiplier) + Math.max(1, adderTreeCycles((op.simd ?? 1) + extra)) + thr;
    }
    case 'thresholding':
      return thr;
    case 'elementwise':
      // an add, or a product of narrow operands in LUTs, in a cycle; a DSP product takes its registers
      return (op.ewOp === 'mul' && facts.multiplier === 'dsp' ? DSP_PRODUCT_CYCLES : 1) + thr;
    default:
      return 1;
  }
}
