import { DEFAULT_MAX_NESTING, DEFAULT_MAX_NODES, DEFAULT_MAX_TENSOR_ELEMENTS } from '@scanflow/ir';

/** What reading a model (or a tensor file) may cost at most; every limit has a default. */
export interface ReadLimits {
  /**
   * Bytes of the model (or tensor) file itself (default 16 MiB: far more than any network whose
   * weights fit on an FPGA, and small enough that protobuf decoding of a hostile file — which can
   * take ~90 times its size in memory, e.g. packed int64 values — stays near 1.5 GB). Larger
   * weights belong in external data.
   */
  maxModelBytes?: number;
  /** Bytes read from external data files in total, for one model (default 512 MiB). */
  maxExternalDataBytes?: number;
  /** Elements of any one tensor (default 2^26). */
  maxTensorElements?: number;
  /** Nodes in the whole model, subgraphs and functions included (default 500 000). */
  maxNodes?: number;
  /** How deep subgraphs may nest (default 16). */
  maxNesting?: number;
}

export const DEFAULT_MAX_MODEL_BYTES = 16 * 2 ** 20;
export const DEFAULT_MAX_EXTERNAL_DATA_BYTES = 512 * 2 ** 20;

/** Every limit with its default filled in. */
export function resolveLimits(l: ReadLimits = {}): Required<ReadLimits> {
  return {
    maxModelBytes: l.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES,
    maxExternalDataBytes: l.maxExternalDataBytes ?? DEFAULT_MAX_EXTERNAL_DATA_BYTES,
    maxTensorElements: l.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS,
    maxNodes: l.maxNodes ?? DEFAULT_MAX_NODES,
    maxNesting: l.maxNesting ?? DEFAULT_MAX_NESTING,
  };
}

/** A byte count for messages: 268435456 → '256 MiB'. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20 && n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  return `${n} bytes`;
}
