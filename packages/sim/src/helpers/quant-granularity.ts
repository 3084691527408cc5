import type { Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { normalizeAxis } from './broadcast';

/**
 * For QuantizeLinear / DequantizeLinear: which element of the scale (and zero point) applies to each
 * element of x. Per tensor (a scalar or a 1-element 1-D scale), per axis (1-D scale of length
 * x.dims[axis], opset 13+) or blocked (scale of x's rank, `block_size` consecutive elements along
 * `axis` sharing one scale, opset 21+). Returns a function from x's flat index to the scale's.
 */
export function scaleIndexer(x: Tensor, scale: Tensor, axisAttr: number, blockSize: number, what: string): (i: number) => number {
  if (scale.rank === 0 || (scale.rank === 1 && scale.size === 1 && blockSize <= 0)) return () => 0;
  const axis = normalizeAxis(axisAttr, x.rank, `${what}: axis`);
  const D = x.dims[axis];
  const inner = x.dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  if (blockSize <= 0) {
    if (scale.rank !== 1 || scale.dims[0] !== D) {
      throw new SimulationError(`${what}: scale of shape [${scale.dims.join(', ')}] fits neither per-tensor nor per-axis quantisation along axis ${axis} of x [${x.dims.join(', ')}] (block_size is 0)`);
    }
    return inner === 1 ? (i) => i % D : (i) => Math.floor(i / inner) % D;
  }
  const Ds = Math.ceil(D / blockSize);
  const ok = scale.rank === x.rank && scale.dims.every((d, k) => (k === axis ? d === Ds : d === x.dims[k]));
  if (!ok) {
    throw new SimulationError(`${what}: blocked quantisation with block_size ${blockSize} along axis ${axis} of x [${x.dims.join(', ')}] needs a scale of shape [${x.dims.map((d, k) => (k === axis ? Ds : d)).join(', ')}], got [${scale.dims.join(', ')}]`);
  }
  return (i) => {
    const inIdx = i % inner;
    const rest = Math.floor(i / inner);
    const d = rest % D;
    const o = Math.floor(rest / D);
    return (o * Ds + Math.floor(d / blockSize)) * inner + inIdx;
  };
}
