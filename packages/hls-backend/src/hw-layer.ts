import { attrInt, coreOps, createRegistry, definePlugin, isHwLayer, normalizeDomain, type Node, type Plugin, type Registry } from '@scanflow/ir';
import type { LayerGenerator } from './codegen/layers/types';
import type { LayerEstimator, LayerFolding } from './estimate/layers/types';
import { duplicateStreamsLayer } from './layers/duplicate-streams';
import { elementwiseAddLayer, elementwiseMulLayer } from './layers/elementwise';
import { mvauLayer } from './layers/mvau';
import { thresholdingLayer } from './layers/thresholding';

/**
 * A streaming hardware layer as @scanflow/hls-backend reads it from the registry: its code
 * generator, its cycle and resource model, and the traits code generation, estimation, partitioning
 * and folding need. Everything about an op type lives here (and in its op schema, kernel and passes),
 * so adding a hardware layer touches no core file. The Recurrence is not one of these: it is the
 * framework's own layer, built from the layers of its body (codegen/recurrence, estimate/graph/recurrence.ts).
 */
export interface HwLayerDefinition {
  domain: string;
  opType: string;
  since?: number;
  override?: boolean;
  /** Cycles and resources (ESTIMATES). */
  estimate: LayerEstimator;
  /** The layer's HLS C++. */
  codegen: LayerGenerator;
  /** Short prefix of the generated function's name (default 'layer'). */
  functionPrefix?: string;
  /** Inputs the layer reads as streams; the others are parameters baked into it. Default: input 0. */
  dataInputs?(node: Node, isConstant: (value: string) => boolean): number[];
  /** Elements of one vector of input 0 (a stream word group). Default: the `channels` attribute. */
  vectorChannels?(node: Node): number;
  /** Shape of the outputs from input 0's shape (vectors keep their count). Default: input 0's shape. */
  outputShape?(node: Node, input: readonly number[]): number[];
  /** Cycles from the first input word to the first output word. Default: a streaming layer's 2. */
  firstOutputDelay?(node: Node, folding: LayerFolding): number;
  /** The dimensions PE (and SIMD) must divide, and their names for messages (default 'channels'); absent: not foldable. */
  folding?: { pe(node: Node): number; simd?(node: Node): number; names?: { pe: string; simd?: string } };
  /** Whether the folding may choose how its products are built (mult: lut / dsp). */
  multiplies?(node: Node): boolean;
  /** The input holding thresholds the folding may choose a method for (thresholds: compare-all / search / two-level). */
  thresholdsInput?(node: Node): number | undefined;
  /**
   * How the layer runs inside a Recurrence's fused step — an interface its attributes follow:
   * `matrix` as the MVAU (mw, mh, pe, simd, acc_dtype; weights input 1, thresholds input 2),
   * `add` / `mul` as the element-wise layers (channels, pe; b a stream or a constant), `threshold`
   * as Thresholding (channels, pe, out_bias; thresholds input 1), `fan-out` as DuplicateStreams (an
   * alias of its input). Absent: the layer cannot sit in a recurrence body.
   */
  step?: StepRole;
}

/** A layer's form inside a fused recurrence step (see HwLayerDefinition.step). */
export type StepRole = 'matrix' | 'add' | 'mul' | 'threshold' | 'fan-out';

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Streaming hardware layers: code generators, estimators and traits, read by @scanflow/hls-backend. */
    hwLayers?: HwLayerDefinition[];
  }
}

/** The built-in hardware layers (domain scanflow.hw) as a plugin. */
export function hwLayers(): Plugin {
  return definePlugin({
    name: '@scanflow/hls-backend:hw-layers',
    hwLayers: [duplicateStreamsLayer, elementwiseAddLayer, elementwiseMulLayer, mvauLayer, thresholdingLayer],
  });
}

/** A registry with the core ops and the built-in hardware layers: what the backend uses when given none. */
export function builtinHwRegistry(): Registry {
  return createRegistry([coreOps(), hwLayers()]);
}

/** The framework's own layer: a Recurrence (domain scanflow.hw) holding the time loop of its body. */
export function isRecurrence(node: Node): boolean {
  return isHwLayer(node, 'Recurrence');
}

/** Whether a node runs in the accelerator: a Recurrence, or a layer some plugin registers in hwLayers. */
export function isHardwareLayer(registry: Registry, node: Node): boolean {
  return isRecurrence(node) || hwLayerOf(registry, node) !== undefined;
}

/** The hardware-layer definition of a node, if one is registered for its domain and op type. */
export function hwLayerOf(registry: Registry, node: Node): HwLayerDefinition | undefined {
  return registry.find('hwLayers', normalizeDomain(node.domain), node.opType);
}

/** Stream inputs of a node by its definition (input 0 when the definition says nothing). */
export function streamInputs(def: HwLayerDefinition | undefined, node: Node, isConstant: (value: string) => boolean): number[] {
  return def?.dataInputs ? def.dataInputs(node, isConstant) : [0];
}

/** Channels of one input vector by its definition (the `channels` attribute by default). */
export function vectorChannelsOf(def: HwLayerDefinition | undefined, node: Node): number {
  return def?.vectorChannels ? def.vectorChannels(node) : attrInt(node, 'channels');
}
