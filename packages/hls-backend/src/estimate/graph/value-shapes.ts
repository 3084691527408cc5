import { attrInt, type Graph, type Node, type Registry } from '@scanflow/ir';
import { hwLayerOf } from '../../hw-layer';
import { layerLabel } from '../layers/operands';
import { HlsEstimateError } from '../types';

/** Known static shapes of values, by name. */
export type ShapeMap = Map<string, readonly number[]>;

/** The declared static shape of a value (graph input / output, value_info, initializer), if fully known. */
export function declaredShape(graph: Graph, name: string): number[] | undefined {
  const t = graph.typeOf(name);
  if (t?.kind !== 'tensor' || !t.shape) return undefined;
  return t.shape.every((d) => typeof d === 'number') ? (t.shape as number[]) : undefined;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

function reshapeTarget(graph: Graph, node: Node, input: readonly number[]): number[] | undefined {
  const t = graph.initializers.get(node.inputs[1]);
  if (!t) return undefined;
  const spec = Array.from(t.data as ArrayLike<number | bigint>, Number);
  const allowZero = attrInt(node, 'allowzero', 0) === 1;
  const out = spec.map((d, k) => (d === 0 && !allowZero ? input[k] : d));
  const known = out.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  return out.map((d) => (d === -1 ? sizeOf(input) / known : d));
}

/**
 * Output shapes of one node from its input shapes (not for Recurrence, which `estimateModel`
 * handles with its body). Hardware layers keep the vector count, their outputs shaped by their
 * definition (HwLayerDefinition.outputShape; the MVAU replaces the last dimension by MH); a Reshape takes its constant target shape. Anything
 * else (host nodes) uses the declared output shape, else input 0's shape (best effort: host nodes
 * are not estimated).
 */
export function outputShapes(graph: Graph, node: Node, shapes: ShapeMap, registry: Registry): (readonly number[] | undefined)[] {
  const x = shapes.get(node.inputs[0]) ?? declaredShape(graph, node.inputs[0]);
  const def = hwLayerOf(registry, node);
  if (def) {
    if (!x) throw new HlsEstimateError(`${layerLabel(node)}: the shape of input '${node.inputs[0]}' is unknown (declare the graph inputs' shapes)`);
    const out = def.outputShape ? def.outputShape(node, x) : x;
    return node.outputs.map(() => out);
  }
  if (node.opType === 'Reshape' && node.domain === '' && x) {
    const target = reshapeTarget(graph, node, x);
    if (target) return [target];
  }
  return node.outputs.map((o) => declaredShape(graph, o) ?? x);
}
