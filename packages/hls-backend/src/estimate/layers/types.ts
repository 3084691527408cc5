import type { Graph, Model, Node } from '@scanflow/ir';
import type { LayerEstimate, WeightStorage } from '../types';
import type { ThresholdMethod } from '../../implementation/threshold-method';

/** Folding of one layer: PE, SIMD for the MVAU, and the implementation choices when set. */
export interface LayerFolding {
  pe: number;
  simd?: number;
  /** Products (MVAU, ElementwiseMul); unset: the model-wide option. */
  mult?: 'auto' | 'lut' | 'dsp';
  /** Threshold method (MVAU with thresholds, Thresholding); unset: auto. */
  thresholds?: 'auto' | ThresholdMethod;
}

/** Model-wide choices the layer estimators need that are not node attributes. */
export interface LayerEstimateOptions {
  /** MVAU weight memory (default `auto`: LUT-RAM when shallow, else BRAM). */
  weightStorage?: WeightStorage;
  /** Threshold memory of Thresholding layers (default `lut`, distributed RAM). */
  thresholdStorage?: 'lut' | 'bram';
  /** MVAU multipliers (default `auto`). */
  multiplier?: 'auto' | 'lut' | 'dsp';
}

/**
 * What a layer estimator sees: the node, the graph holding it, the model, the folding to assume
 * (the node's attributes unless overridden, e.g. by design-space exploration), the number of input
 * vectors per run (per step inside a Recurrence body) and the model-wide options.
 */
export interface EstimateContext {
  readonly node: Node;
  readonly graph: Graph;
  readonly model: Model;
  readonly folding: LayerFolding;
  /** Input vectors per run: input size / channels. Default 1. */
  readonly numVectors?: number;
  readonly options?: LayerEstimateOptions;
  /** Inside a Recurrence's fused step (the `auto` threshold method is compare-all there). */
  readonly inStep?: boolean;
}

/** Cycle and resource model of one hardware layer. Every number it returns is an ESTIMATE. */
export type LayerEstimator = (ctx: EstimateContext) => LayerEstimate;
