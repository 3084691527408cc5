/** Limits on a model's size, with defaults generous for the networks scanflow targets. */
export interface GraphLimits {
  /** Nodes in the whole model, subgraphs included (default 500 000). */
  maxNodes?: number;
  /** How deep subgraphs may nest (a Scan body is depth 1; default 16). */
  maxNesting?: number;
}

export const DEFAULT_MAX_NODES = 500_000;
export const DEFAULT_MAX_NESTING = 16;
