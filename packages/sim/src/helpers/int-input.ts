import { isIntegerElemType, type Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';

export interface IntInputOptions {
  /**
   * Clamp values outside the safe integer range to ±Number.MAX_SAFE_INTEGER instead of failing
   * (Slice starts / ends, where INT64_MAX and INT64_MIN mean "to the end").
   */
  clamp?: boolean;
}

/**
 * The values of an integer tensor (shape, axes, pads, repeats ...) as JS numbers. Fails with a
 * message naming `what` when the tensor is not of an integer type or a value is not a safe integer.
 */
export function readInts(t: Tensor, what: string, options: IntInputOptions = {}): number[] {
  if (!isIntegerElemType(t.elemType)) throw new SimulationError(`${what} must be an integer tensor, got ${t.elemType}`);
  const d = t.data as ArrayLike<number | bigint>;
  const out = new Array<number>(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (typeof v === 'number') {
      out[i] = v;
      continue;
    }
    const n = Number(v);
    if (Number.isSafeInteger(n)) out[i] = n;
    else if (options.clamp) out[i] = n > 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
    else throw new SimulationError(`${what}: value ${v} is outside the safe integer range`);
  }
  return out;
}

/** Like readInts, for an input that must be a 1-D tensor (or a scalar when `allowScalar`). */
export function readIntList(t: Tensor, what: string, options: IntInputOptions & { allowScalar?: boolean } = {}): number[] {
  if (t.rank > 1 || (t.rank === 0 && !options.allowScalar)) {
    throw new SimulationError(`${what} must be a 1-D tensor, got shape [${t.dims.join(', ')}]`);
  }
  return readInts(t, what, options);
}

/** Formats a shape for messages: `[2, 3]`. */
export function fmtShape(dims: readonly number[]): string {
  return `[${dims.join(', ')}]`;
}
