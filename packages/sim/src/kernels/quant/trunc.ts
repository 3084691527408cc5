import { attrInt, attrString, type Node, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { fromNumbers, readNumbers } from '../../helpers/numeric';
import { npClip, qonnxIntRange, qonnxRounding, roundHalfEven } from '../../helpers/rounding';

/**
 * QONNX Trunc: drops least-significant bits of a quantised value. Selected by the model's opset for
 * the QONNX domain.
 *
 * v1 (inputs x, scale, zeropt, in_bitwidth, out_bitwidth; attribute rounding_mode, default FLOOR):
 *     y = R(round_half_even(x / scale + zeropt) / 2^(in_bitwidth − out_bitwidth))
 *     y = (y − zeropt) · scale
 * v2 (inputs x, scale, zeropt, in_bitwidth, out_scale, out_bitwidth; attributes rounding_mode,
 * signed (default 1), narrow (default 0)):
 *     ts = 2^round_half_even(log2(out_scale / scale))
 *     y  = R(clamp(round_half_even(x / scale + zeropt) / ts, range(signed, narrow, out_bitwidth)))
 *     y  = (y − zeropt / ts) · out_scale
 * float32 tensors are computed step by step in float32, like the numpy reference.
 */
function makeCreate(version: 1 | 2) {
  return function create(node: Node, ctx: KernelContext) {
    const mode = attrString(node, 'rounding_mode', 'FLOOR');
    const signed = attrInt(node, 'signed', 1) !== 0;
    const narrow = attrInt(node, 'narrow', 0) !== 0;
    const nIn = version === 1 ? 5 : 6;
    return (inputs: readonly (Tensor | undefined)[]) => {
      const ts = inputs.slice(0, nIn);
      if (ts.length < nIn || ts.some((t) => !t)) {
        return ctx.fail(version === 1 ? 'Trunc v1 needs inputs x, scale, zeropt, in_bitwidth, out_bitwidth' : 'Trunc v2 needs inputs x, scale, zeropt, in_bitwidth, out_scale, out_bitwidth');
      }
      const [X, S, Z, IB] = ts as Tensor[];
      const OS = version === 2 ? (ts[4] as Tensor) : undefined;
      const OB = ts[nIn - 1] as Tensor;
      if (X.elemType !== 'float32' && X.elemType !== 'float64') ctx.fail(`x has type ${X.elemType}; Trunc takes float32 (or float64) tensors`);
      const R = X.elemType === 'float32' ? Math.fround : (v: number) => v;
      const round = qonnxRounding(mode, R) ?? ctx.fail(`unknown rounding_mode '${mode}'`);
      const scalar = (t: Tensor, what: string): number => {
        if (t.size !== 1) ctx.fail(`${what} must be a scalar, got shape [${t.dims.join(', ')}]`);
        return readNumbers(t)[0];
      };
      const inBits = scalar(IB, 'in_bitwidth');
      const outBits = scalar(OB, 'out_bitwidth');
      const others = OS ? [X.dims, S.dims, Z.dims, OS.dims] : [X.dims, S.dims, Z.dims];
      const shape = broadcastShapes(others, `node ${node.label}: x, scale, zeropt${OS ? ', out_scale' : ''}`);
      const n = sizeOf(shape);
      const ix = broadcastIndex(X.dims, shape);
      const is = broadcastIndex(S.dims, shape);
      const iz = broadcastIndex(Z.dims, shape);
      const io = OS ? broadcastIndex(OS.dims, shape) : undefined;
      const x = readNumbers(X);
      const s = readNumbers(S);
      const z = readNumbers(Z);
      const os = OS ? readNumbers(OS) : undefined;
      const y = new Float64Array(n);
      if (version === 1) {
        const div = R(2 ** R(inBits - outBits));
        for (let k = 0; k < n; k++) {
          const sv = s[is ? is[k] : k];
          const zv = z[iz ? iz[k] : k];
          const q = roundHalfEven(R(R(x[ix ? ix[k] : k] / sv) + zv));
          const r = round(R(q / div));
          y[k] = R(R(r - zv) * sv);
        }
      } else {
        const [lo, hi] = qonnxIntRange(signed, narrow, outBits);
        for (let k = 0; k < n; k++) {
          const sv = s[is ? is[k] : k];
          const zv = z[iz ? iz[k] : k];
          const osv = os![io ? io[k] : k];
          const t = R(2 ** roundHalfEven(R(Math.log2(R(osv / sv)))));
          const q = roundHalfEven(R(R(x[ix ? ix[k] : k] / sv) + zv));
          const r = round(npClip(R(q / t), lo, hi));
          y[k] = R(R(r - R(zv / t)) * osv);
        }
      }
      return [X.elemType === 'float32' ? new Tensor('float32', shape, Float32Array.from(y)) : fromNumbers(X.elemType, shape, y)];
    };
  };
}

const trunc: KernelDefinition[] = [
  { domain: QONNX_DOMAIN, opType: 'Trunc', since: 1, create: makeCreate(1) },
  { domain: QONNX_DOMAIN, opType: 'Trunc', since: 2, create: makeCreate(2) },
];
export default trunc;
