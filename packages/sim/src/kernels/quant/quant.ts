import { attrInt, attrString, type Node, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { fromNumbers, readNumbers } from '../../helpers/numeric';
import { npClip, qonnxIntRange, qonnxRounding } from '../../helpers/rounding';

/**
 * QONNX Quant (alias IntQuant): uniform integer fake-quantisation.
 *
 *     q = clamp(x / scale + zeropt, min_int, max_int)     -- clamp BEFORE rounding
 *     y = (R(q) − zeropt) · scale
 *
 * with the range of (signed, narrow, bitwidth) and R from `rounding_mode`. bitwidth 1 with signed = 1
 * is bipolar: q = (x / scale + zeropt ≥ 0 ? +1 : −1), no clamp or rounding. scale / zeropt broadcast
 * against x (per tensor, per channel, per row ...). float32 tensors are computed step by step in
 * float32 (each intermediate rounded with Math.fround) exactly as the numpy reference does.
 */
function create(node: Node, ctx: KernelContext) {
  const signed = attrInt(node, 'signed', 1) !== 0;
  const narrow = attrInt(node, 'narrow', 0) !== 0;
  const mode = attrString(node, 'rounding_mode', 'ROUND');
  const roundBitwidthNote = 'bitwidth must be a single positive integer';
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, S, Z, BW] = inputs;
    if (!X || !S || !Z || !BW) return ctx.fail('needs inputs x, scale, zeropt and bitwidth');
    if (X.elemType !== 'float32' && X.elemType !== 'float64') ctx.fail(`x has type ${X.elemType}; Quant takes float32 (or float64) tensors`);
    const R = X.elemType === 'float32' ? Math.fround : (v: number) => v;
    const round = qonnxRounding(mode, R) ?? ctx.fail(`unknown rounding_mode '${mode}' (expected ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP or HALF_DOWN)`);
    if (BW.size !== 1) ctx.fail(`${roundBitwidthNote}, got shape [${BW.dims.join(', ')}]`);
    const bits = readNumbers(BW)[0];
    if (!Number.isInteger(bits) || bits < 1) ctx.fail(`${roundBitwidthNote}, got ${bits}`);
    const shape = broadcastShapes([X.dims, S.dims, Z.dims], `node ${node.label}: x, scale and zeropt`);
    const n = sizeOf(shape);
    const ix = broadcastIndex(X.dims, shape);
    const is = broadcastIndex(S.dims, shape);
    const iz = broadcastIndex(Z.dims, shape);
    const x = readNumbers(X);
    const s = readNumbers(S);
    const z = readNumbers(Z);
    const y = new Float64Array(n);
    const bipolar = bits === 1 && signed;
    const [lo, hi] = qonnxIntRange(signed, narrow, bits);
    for (let k = 0; k < n; k++) {
      const sv = s[is ? is[k] : k];
      const zv = z[iz ? iz[k] : k];
      const q = R(R(x[ix ? ix[k] : k] / sv) + zv);
      if (bipolar) {
        y[k] = R((q >= 0 ? 1 : -1) * sv);
      } else {
        const r = round(npClip(q, lo, hi));
        y[k] = R(R(r - zv) * sv);
      }
    }
    return [X.elemType === 'float32' ? new Tensor('float32', shape, Float32Array.from(y)) : fromNumbers(X.elemType, shape, y)];
  };
}

const quant: KernelDefinition[] = [
  { domain: QONNX_DOMAIN, opType: 'Quant', create },
  { domain: QONNX_DOMAIN, opType: 'IntQuant', create },
];
export default quant;
