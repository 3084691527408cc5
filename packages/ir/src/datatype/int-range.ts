import { IrError } from '../errors';

/**
 * The integer range of a QONNX Quant with `bits` bits: signed → [-2^(b-1), 2^(b-1)-1] (narrow drops the
 * most negative value), unsigned → [0, 2^b-1] (narrow drops the largest).
 */
export function quantIntRange(bits: number, signed: boolean, narrow: boolean): [min: number, max: number] {
  if (!Number.isInteger(bits) || bits < 1 || bits > 53) throw new IrError(`quantiser bit width ${bits} must be an integer from 1 to 53`);
  if (signed) {
    const lo = -(2 ** (bits - 1));
    return [narrow ? lo + 1 : lo, 2 ** (bits - 1) - 1];
  }
  const hi = 2 ** bits - 1;
  return [0, narrow ? hi - 1 : hi];
}
