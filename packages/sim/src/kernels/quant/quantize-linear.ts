import { allocData, attrInt, type ElemType, elemTypeFromCode, integerElemRange, isIntegerElemType, type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { encodeFloatBits, isFloatBitsType } from '../../helpers/float-bits';
import { readNumbers, roundToType } from '../../helpers/numeric';
import { scaleIndexer } from '../../helpers/quant-granularity';
import { roundHalfEven } from '../../helpers/rounding';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * QuantizeLinear: y = saturate(round_half_even(x / y_scale) + y_zero_point).
 *
 * - The output type is y_zero_point's, else the `output_dtype` attribute (21+), else uint8. Integer
 *   outputs (uint8, int8, uint16, int16, int32, uint4, int4, uint2, int2) saturate to the type's range;
 *   float8 / float4 outputs take x / y_scale + y_zero_point rounded to nearest even, saturating to
 *   the largest finite value when `saturate` = 1 (default, 19+).
 * - Granularity: per tensor; per axis (13+, `axis` default 1); blocked (21+, `block_size`).
 * - The division is rounded to y_scale's type (or the `precision` type, 23+), as the reference does.
 */
function create(node: Node, ctx: KernelContext) {
  const axis = attrInt(node, 'axis', 1);
  const blockSize = attrInt(node, 'block_size', 0);
  const saturate = attrInt(node, 'saturate', 1) !== 0;
  const outputDtype = attrInt(node, 'output_dtype', 0);
  const precision = attrInt(node, 'precision', 0);
  const what = `node ${node.label}`;
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, S, Z] = inputs;
    if (!X || !S) return ctx.fail('needs inputs x and y_scale');
    let outType: ElemType = 'uint8';
    if (Z) outType = Z.elemType;
    else if (outputDtype) outType = elemTypeFromCode(outputDtype) ?? ctx.fail(`output_dtype ${outputDtype} is not a known tensor type`);
    if (Z && outputDtype && elemTypeFromCode(outputDtype) !== Z.elemType) ctx.fail(`output_dtype ${elemTypeFromCode(outputDtype)} differs from y_zero_point's type ${Z.elemType}`);
    if (Z && Z.size !== S.size) ctx.fail(`y_zero_point [${Z.dims.join(', ')}] and y_scale [${S.dims.join(', ')}] must have the same shape`);
    const precisionType = precision ? (elemTypeFromCode(precision) ?? ctx.fail(`precision ${precision} is not a known tensor type`)) : S.elemType;
    const div = roundToType(precisionType);
    const si = scaleIndexer(X, S, ctx.opset >= 13 ? axis : 1, ctx.opset >= 21 ? blockSize : 0, what);
    const x = readNumbers(X);
    const s = readNumbers(S);
    const z = Z ? readNumbers(Z) : undefined;
    const n = x.length;
    const out = allocData(outType, n);
    if (isIntegerElemType(outType) && outType !== 'int64' && outType !== 'uint64') {
      const [lo, hi] = integerElemRange(outType);
      const o = out as Int32Array;
      for (let i = 0; i < n; i++) {
        const k = si(i);
        let q = roundHalfEven(div(x[i] / s[k])) + (z ? z[k] : 0);
        if (q < lo) q = lo;
        else if (q > hi) q = hi;
        else if (q !== q) q = 0;
        o[i] = q;
      }
    } else if (isFloatBitsType(outType) && outType !== 'float16' && outType !== 'bfloat16' && outType !== 'float8e8m0') {
      // float8 / float4: QuantizeLinear's own overflow rules, which differ from Cast's (see float-bits)
      const options = { saturate, convention: 'quantize' } as const;
      const o = out as Uint8Array;
      for (let i = 0; i < n; i++) {
        const k = si(i);
        o[i] = encodeFloatBits(outType, div(x[i] / s[k]) + (z ? z[k] : 0), options);
      }
    } else {
      ctx.fail(`cannot quantize to ${outType}`);
    }
    return [new Tensor(outType, X.dims, out)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'QuantizeLinear', create }, [10, 13, 19, 21, 23, 24, 25]);
