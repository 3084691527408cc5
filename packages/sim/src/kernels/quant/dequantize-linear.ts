import { allocData, attrInt, type ElemType, elemTypeFromCode, type Node } from '@scanflow/ir';
import { Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { scaleIndexer } from '../../helpers/quant-granularity';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * DequantizeLinear: y = (x − x_zero_point) · x_scale, for integer x (uint8, int8, uint16, int16, int32,
 * uint4, int4, uint2, int2) and float8 / float4 x. The output has x_scale's type, or the
 * `output_dtype` attribute's (23+). Granularity as QuantizeLinear: per tensor, per axis (13+),
 * blocked (21+). Computed in double, rounded once to the output type.
 */
function create(node: Node, ctx: KernelContext) {
  const axis = attrInt(node, 'axis', 1);
  const blockSize = attrInt(node, 'block_size', 0);
  const outputDtype = attrInt(node, 'output_dtype', 0);
  const what = `node ${node.label}`;
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, S, Z] = inputs;
    if (!X || !S) return ctx.fail('needs inputs x and x_scale');
    if (Z && Z.elemType !== X.elemType) ctx.fail(`x_zero_point is ${Z.elemType} but x is ${X.elemType}`);
    if (Z && Z.size !== S.size) ctx.fail(`x_zero_point [${Z.dims.join(', ')}] and x_scale [${S.dims.join(', ')}] must have the same shape`);
    const outType: ElemType = outputDtype ? (elemTypeFromCode(outputDtype) ?? ctx.fail(`output_dtype ${outputDtype} is not a known tensor type`)) : S.elemType;
    if (!isRealFloatType(outType)) ctx.fail(`cannot dequantize to ${outType}`);
    const si = scaleIndexer(X, S, ctx.opset >= 13 ? axis : 1, ctx.opset >= 21 ? blockSize : 0, what);
    const x = readNumbers(X);
    const s = readNumbers(S);
    const z = Z ? readNumbers(Z) : undefined;
    if (outType === 'float32') {
      // The common case, straight into the float32 result (one rounding, as below).
      const y = allocData('float32', x.length) as Float32Array;
      for (let i = 0; i < y.length; i++) {
        const k = si(i);
        y[i] = (x[i] - (z ? z[k] : 0)) * s[k];
      }
      return [new Tensor('float32', X.dims, y)];
    }
    const y = new Float64Array(x.length);
    for (let i = 0; i < y.length; i++) {
      const k = si(i);
      y[i] = (x[i] - (z ? z[k] : 0)) * s[k];
    }
    return [fromNumbers(outType, X.dims, y)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'DequantizeLinear', create }, [10, 13, 19, 21, 23, 24, 25]);
