import { attrInt, type Graph, HW_DOMAIN, type Model, type Node, subgraphsOf, toNumbers } from '@scanflow/ir';
import { rowsSorted } from '../../implementation/threshold-method';
import { legalChannelPe, legalMvauPe, legalMvauSimd } from '../folding';
import { FOLDABLE_OP_TYPES } from '../layers/index';
import { layerLabel } from '../layers/operands';
import { HlsEstimateError } from '../types';

/** A layer whose folding can be chosen, where it sits and its legal values. */
export interface FoldableLayer {
  readonly node: Node;
  readonly graph: Graph;
  /** Node names from the top graph down, e.g. `lstm_loop/mvau_u_f`. */
  readonly path: string;
  /** Legal PE values (divisors of MH or of channels), ascending. */
  readonly pe: readonly number[];
  /** MVAU only: legal SIMD values (divisors of MW), ascending. */
  readonly simd?: readonly number[];
  /** Whether it has products whose implementation can be chosen (MVAU, ElementwiseMul). */
  readonly multiplies: boolean;
  /** Whether it applies thresholds whose method can be chosen (MVAU with thresholds, Thresholding). */
  readonly thresholds: boolean;
  /** Whether every threshold row is non-decreasing (the binary search's precondition). */
  readonly sortedThresholds: boolean;
  /** Whether it sits inside a Recurrence's body (its fused step) rather than streaming. */
  readonly inStep: boolean;
}

/** Whether a node is a foldable hardware layer (MVAU, Thresholding, Elementwise*, DuplicateStreams). */
export function isFoldable(node: Node): boolean {
  return node.domain === HW_DOMAIN && FOLDABLE_OP_TYPES.includes(node.opType);
}

function legalValues(node: Node): { pe: number[]; simd?: number[] } {
  const need = (name: string): number => {
    if (!node.attributes.has(name)) throw new HlsEstimateError(`${layerLabel(node)}: attribute ${name} is missing`);
    return attrInt(node, name);
  };
  if (node.opType === 'MVAU') return { pe: legalMvauPe(need('mh')), simd: legalMvauSimd(need('mw')) };
  return { pe: legalChannelPe(need('channels')) };
}

/**
 * Every foldable layer of the model, including those inside Recurrence (and other) bodies, in graph
 * order, parents before bodies. Folding is keyed by node name, so names must be present and unique
 * across the whole model; otherwise this throws naming the offending node.
 */
export function foldableLayers(model: Model): FoldableLayer[] {
  const out: FoldableLayer[] = [];
  const seen = new Map<string, string>();
  const visit = (graph: Graph, prefix: string): void => {
    for (const node of graph.nodes) {
      const path = `${prefix}${node.name}`;
      if (isFoldable(node)) {
        if (!node.name) throw new HlsEstimateError(`${layerLabel(node)} in graph '${graph.name}' has no name; folding is keyed by node name`);
        const other = seen.get(node.name);
        if (other !== undefined) throw new HlsEstimateError(`node name '${node.name}' is used twice (${other} and ${path}); folding needs unique names`);
        seen.set(node.name, path);
        const thresholdInput = node.opType === 'Thresholding' ? 1 : node.opType === 'MVAU' && node.inputs[2] ? 2 : undefined;
        const t = thresholdInput !== undefined ? graph.initializers.get(node.inputs[thresholdInput]!) : undefined;
        out.push({
          node,
          graph,
          path,
          ...legalValues(node),
          multiplies: node.opType === 'MVAU' || node.opType === 'ElementwiseMul',
          thresholds: thresholdInput !== undefined,
          sortedThresholds: t !== undefined && t.rank === 2 && rowsSorted(toNumbers(t), t.dims[1]!),
          inStep: graph !== model.graph,
        });
      }
      for (const { graph: body } of subgraphsOf(node)) visit(body, `${path}/`);
    }
  };
  visit(model.graph, '');
  return out;
}
