import { type Graph, type Model, type Node, type Registry, subgraphsOf, toNumbers } from '@scanflow/ir';
import { type HwLayerDefinition, hwLayerOf } from '../../hw-layer';
import { rowsSorted } from '../../implementation/threshold-method';
import { divisors } from '../folding';
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
  /** Names of the dimensions PE and SIMD divide (for messages). */
  readonly dimensionNames: { readonly pe: string; readonly simd?: string };
  /** Whether it has products whose implementation can be chosen (MVAU, ElementwiseMul). */
  readonly multiplies: boolean;
  /** Whether it applies thresholds whose method can be chosen (MVAU with thresholds, Thresholding). */
  readonly thresholds: boolean;
  /** Whether every threshold row is non-decreasing (the binary search's precondition). */
  readonly sortedThresholds: boolean;
  /** Whether it sits inside a Recurrence's body (its fused step) rather than streaming. */
  readonly inStep: boolean;
}

/** Whether a node is a foldable hardware layer: its registered definition names the dimensions PE (and SIMD) divide. */
export function isFoldable(node: Node, registry: Registry): boolean {
  return hwLayerOf(registry, node)?.folding !== undefined;
}

/** Legal PE (and SIMD) values: the divisors of the dimensions the layer's definition names. */
function legalValues(node: Node, def: HwLayerDefinition): { pe: number[]; simd?: number[] } {
  const dims = def.folding!;
  const dim = (f: (n: Node) => number, what: string): number => {
    let v: number;
    try {
      v = f(node);
    } catch (e) {
      throw new HlsEstimateError(`${layerLabel(node)}: the ${what} dimension cannot be read (${(e as Error).message})`);
    }
    if (!Number.isInteger(v) || v < 1) throw new HlsEstimateError(`${layerLabel(node)}: the ${what} dimension is ${v}, expected a positive integer`);
    return v;
  };
  return { pe: divisors(dim(dims.pe, 'PE')), ...(dims.simd ? { simd: divisors(dim(dims.simd, 'SIMD')) } : {}) };
}

/**
 * Every foldable layer of the model, including those inside Recurrence (and other) bodies, in graph
 * order, parents before bodies. Folding is keyed by node name, so names must be present and unique
 * across the whole model; otherwise this throws naming the offending node.
 */
export function foldableLayers(model: Model, registry: Registry): FoldableLayer[] {
  const out: FoldableLayer[] = [];
  const seen = new Map<string, string>();
  const visit = (graph: Graph, prefix: string): void => {
    for (const node of graph.nodes) {
      const path = `${prefix}${node.name}`;
      const def = hwLayerOf(registry, node);
      if (def?.folding) {
        if (!node.name) throw new HlsEstimateError(`${layerLabel(node)} in graph '${graph.name}' has no name; folding is keyed by node name`);
        const other = seen.get(node.name);
        if (other !== undefined) throw new HlsEstimateError(`node name '${node.name}' is used twice (${other} and ${path}); folding needs unique names`);
        seen.set(node.name, path);
        const thresholdInput = def.thresholdsInput?.(node);
        const t = thresholdInput !== undefined ? graph.initializers.get(node.inputs[thresholdInput]!) : undefined;
        out.push({
          node,
          graph,
          path,
          ...legalValues(node, def),
          dimensionNames: def.folding.names ?? { pe: 'channels' },
          multiplies: def.multiplies?.(node) ?? false,
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
