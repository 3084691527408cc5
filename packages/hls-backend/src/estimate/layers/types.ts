import type { Graph, Model, Node } from '@scanflow/ir';
import type { LayerEstimate } from '../types';

/** What a layer estimator sees: the node, the graph holding it, the model. (Owner: estimation.) */
export interface EstimateContext {
  readonly node: Node;
  readonly graph: Graph;
  readonly model: Model;
}

/** Cycle and resource model of one hardware layer. Every number it returns is an ESTIMATE. */
export type LayerEstimator = (ctx: EstimateContext) => LayerEstimate;
