import { type GraphBuilder, Tensor } from '@scanflow/ir';
import { type QuantSpec, quantRange } from './quant-spec';

/**
 * Emits QuantizeLinear → (Clip) → DequantizeLinear for one quantiser, the QCDQ form Brevitas exports:
 * the zero point is int8 (signed) or uint8 (unsigned) 0, and a Clip narrows the range when the
 * quantiser has fewer than 8 bits or a narrow range. Returns the dequantised value's name.
 */
export function qcdq(b: GraphBuilder, x: string, q: QuantSpec, name: string, outName?: string): string {
  if (q.bits > 8) throw new RangeError(`${name}: QCDQ quantisers hold at most 8 bits (got ${q.bits}); use the QONNX Quant form`);
  const zpType = q.signed ? 'int8' : 'uint8';
  const scale = b.initializer(`${name}_scale`, Tensor.scalar('float32', q.scale));
  const zp = b.initializer(`${name}_zp`, Tensor.scalar(zpType, 0));
  let v = b.op('QuantizeLinear', [x, scale, zp], {}, { outputs: [b.fresh(`${name}_q`)] });
  const [lo, hi] = quantRange(q);
  const full = q.signed ? [-128, 127] : [0, 255];
  if (lo !== full[0] || hi !== full[1]) {
    const min = b.initializer(`${name}_min`, Tensor.scalar(zpType, lo));
    const max = b.initializer(`${name}_max`, Tensor.scalar(zpType, hi));
    v = b.op('Clip', [v, min, max], {}, { outputs: [b.fresh(`${name}_clip`)] });
  }
  return b.op('DequantizeLinear', [v, scale, zp], {}, { outputs: [outName ?? b.fresh(`${name}_dq`)] });
}
