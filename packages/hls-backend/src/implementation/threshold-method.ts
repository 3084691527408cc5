import { attrString, type Node } from '@scanflow/ir';
import { HlsCodegenError } from '../codegen/errors';

/**
 * How a lane computes #{k : v ≥ T[k]}: a comparator per threshold and a count (`compare-all`: any
 * thresholds, shortest latency), a binary search over a non-decreasing row (`search`:
 * ⌈log2(NT + 1)⌉ comparisons, least area, a comparison per pipeline level), or a two-level search
 * over a non-decreasing row (`two-level`: the block boundaries every B thresholds, then the B − 1
 * thresholds inside the block reached; ⌊NT / B⌋ + B − 1 comparators, B = twoLevelBlock(NT)).
 */
export type ThresholdMethod = 'compare-all' | 'search' | 'two-level';

/** Every method, in the order the folding file lists them. */
export const THRESHOLD_METHODS: readonly ThresholdMethod[] = ['compare-all', 'search', 'two-level'];

/** The node attribute holding the choice (MVAU with thresholds, Thresholding; set by folding). */
export const THRESHOLD_METHOD_ATTR = 'threshold_impl';

/** `auto` picks the search from this many thresholds per row on (outside a recurrence's step). */
export const SEARCH_MIN_THRESHOLDS = 16;

const CHOICES = ['auto', ...THRESHOLD_METHODS] as const;

/** Whether every row (NT values each) is non-decreasing: the search's precondition. */
export function rowsSorted(values: readonly number[], steps: number): boolean {
  for (let i = 0; i < values.length; i++) if (i % steps !== 0 && values[i]! < values[i - 1]!) return false;
  return true;
}

/**
 * The method a layer uses: its `threshold_impl` attribute, or for `auto` (unset) the search when
 * every row is sorted, there are at least SEARCH_MIN_THRESHOLDS per row and the layer streams
 * (latency does not matter there); inside a recurrence's step, where each level of the search
 * would lengthen every step, compare-all. `search` / `two-level` on unsorted rows are refused.
 */
export function thresholdMethod(node: Node, thresholds: readonly number[], steps: number, inStep: boolean): ThresholdMethod {
  const v = node.attributes.has(THRESHOLD_METHOD_ATTR) ? attrString(node, THRESHOLD_METHOD_ATTR) : 'auto';
  return resolveThresholdMethod(v, thresholds, steps, inStep, `${node.opType} '${node.name}'`);
}

/** `thresholdMethod` for a choice given apart from the node (a folding being estimated). */
export function resolveThresholdMethod(choice: string, thresholds: readonly number[], steps: number, inStep: boolean, where: string): ThresholdMethod {
  if (!(CHOICES as readonly string[]).includes(choice)) throw new HlsCodegenError(`${where}: ${THRESHOLD_METHOD_ATTR} = '${choice}', expected one of ${CHOICES.join(', ')}`);
  const sorted = rowsSorted(thresholds, steps);
  if (choice === 'search' || choice === 'two-level') {
    if (!sorted) throw new HlsCodegenError(`${where}: ${THRESHOLD_METHOD_ATTR} = '${choice}' needs every threshold row non-decreasing, and one is not`);
    return choice;
  }
  if (choice === 'compare-all') return 'compare-all';
  return sorted && steps >= SEARCH_MIN_THRESHOLDS && !inStep ? 'search' : 'compare-all';
}

/** The kernel library's policy type for a method (common.hpp). */
export function thresholdMethodTag(method: ThresholdMethod): string {
  return `scanflow::thresholds_${method.replace('-', '_')}`;
}

/** The kernel library's count function for a method (common.hpp). */
export function thresholdCountFunction(method: ThresholdMethod): string {
  return method === 'search' ? 'threshold_search' : method === 'two-level' ? 'threshold_two_level' : 'threshold_count';
}

/**
 * Block size B of the two-level search over NT thresholds: 2^⌊L / 2⌋ with L = ⌈log2(NT + 1)⌉ the
 * bits of the count, so each level compares about √NT thresholds (NT = 255: B = 16, 15 + 15
 * comparators). The kernel library computes the same (common.hpp, two_level_block).
 */
export function twoLevelBlock(steps: number): number {
  return 2 ** Math.floor(steps.toString(2).length / 2);
}
