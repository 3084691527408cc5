import { qcdq } from '@scanflow/builders';
import { GraphBuilder, type Model, Tensor } from '@scanflow/ir';

/**
 * A quantised MLP as a chain of about `n` nodes in the QCDQ form Brevitas exports: an 8-bit input
 * quantiser, then blocks of MatMul with 4-bit weights (8 × 8) → Relu → unsigned 4-bit activation
 * quantiser (8 nodes a block: QuantizeLinear → Clip → DequantizeLinear on the weights and on the
 * activation). Streamlining turns every block into an integer MatMul and a MultiThreshold, the
 * hardware stage into an MVAU: the workload of the streamlined and hardware stages.
 */
export function quantChain(n: number): Model {
  const b = new GraphBuilder('quant_chain');
  const x = b.input('x', 'float32', [1, 8]);
  let v = qcdq(b, x, { bits: 8, signed: true, narrow: false, scale: 1 / 64 }, 'in');
  const blocks = Math.max(1, Math.round((n - 3) / 8));
  for (let k = 0; k < blocks; k++) {
    const w = Array.from({ length: 64 }, (_, i) => (((i * 7 + k * 13) % 15) - 7) / 8);
    const wq = qcdq(b, b.initializer(`w${k}`, Tensor.float32([8, 8], w)), { bits: 4, signed: true, narrow: true, scale: 1 / 8 }, `w${k}`);
    const m = b.op('MatMul', [v, wq]);
    const r = b.op('Relu', [m]);
    v = qcdq(b, r, { bits: 4, signed: false, narrow: false, scale: 1 / 4 }, `a${k}`);
  }
  b.output(v, 'float32', [1, 8]);
  return b.model({ opset: 17 });
}
