import { DataType } from '../../datatype/datatype';
import { attrInt } from '../../graph/attribute';
import { formatShape, type Dim } from '../../graph/value-type';
import { elemTypeBits, elemTypeFromCode, isIntegerElemType } from '../../tensor/elem-type';
import { defineOp, type AttributeSpec, type InferenceContext, type OpSchema } from '../op-schema';
import { conflict, normAxis, tensorOf } from './shape-helpers';

/**
 * Checks a (de)quantiser's scale and zero point: same shape; a scalar (per tensor), 1-D of the axis
 * size (per axis, opset 13), or x's shape with the axis divided into blocks (opset 21).
 */
export function checkQuantParams(ctx: InferenceContext, since: number, scaleName: string, zpName: string): void {
  const op = ctx.node.opType;
  const x = ctx.tensorInput(0)?.shape;
  const s = ctx.tensorInput(1)?.shape;
  const z = ctx.node.inputs[2] ? ctx.tensorInput(2)?.shape : undefined;
  const single = (t: Dim[]): boolean => t.every((d) => d === 1);
  // A scalar and a one-element [1] both mean per-tensor (ONNX's own tests mix them).
  if (s && z && !(single(s) && single(z)) && (s.length !== z.length || s.some((d, k) => conflict(d, z[k])))) {
    ctx.fail(`${op}: ${scaleName} ${formatShape(s)} and ${zpName} ${formatShape(z)} differ in shape`);
  }
  if (!s || !x) return;
  const scalar = s.length === 0 || (s.length === 1 && s[0] === 1);
  if (scalar) return;
  if (since < 13) ctx.fail(`${op}: ${scaleName} has shape ${formatShape(s)}, expected a scalar before opset 13`);
  const axis = normAxis(ctx, attrInt(ctx.node, 'axis', 1), x.length);
  const block = since >= 21 ? attrInt(ctx.node, 'block_size', 0) : 0;
  if (block === 0) {
    if (s.length !== 1 || conflict(s[0], x[axis])) {
      ctx.fail(`${op}: per-axis ${scaleName} has shape ${formatShape(s)}, expected [${x[axis]}] (axis ${axis} of ${formatShape(x)})`);
    }
    return;
  }
  if (s.length !== x.length) ctx.fail(`${op}: blocked ${scaleName} has rank ${s.length}, expected ${x.length}`);
  s.forEach((d, k) => {
    const want = k === axis ? (typeof x[k] === 'number' ? Math.ceil((x[k] as number) / block) : null) : x[k];
    if (conflict(d, want)) ctx.fail(`${op}: blocked ${scaleName} has shape ${formatShape(s)}, expected ${formatShape(x.map((e, j) => (j === axis ? want : e)))}`);
  });
}

function dequantizeLinearOp(since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = {};
  if (since >= 13) attributes.axis = { type: 'int', default: 1, description: 'Quantisation axis for per-axis / blocked scales.' };
  if (since >= 21) attributes.block_size = { type: 'int', default: 0, description: 'Block size for blocked quantisation (0: none).' };
  if (since >= 23) attributes.output_dtype = { type: 'int', default: 0, description: "Output element type (0: the scale's)." };
  return defineOp({
    domain: '',
    opType: 'DequantizeLinear',
    traits: { elementwise: { broadcast: 'per-axis' }, quantizer: true },
    since,
    inputs: [2, 3],
    outputs: [1, 1],
    description: 'y = (x - x_zero_point) · x_scale.',
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const scale = ctx.tensorInput(1);
      const zp = ctx.node.inputs[2] ? ctx.tensorInput(2) : undefined;
      if (x && zp && x.elemType !== zp.elemType) ctx.fail(`DequantizeLinear: x is ${x.elemType} but the zero point is ${zp.elemType} (expected the same type)`);
      checkQuantParams(ctx, since, 'x_scale', 'x_zero_point');
      const code = since >= 23 ? attrInt(ctx.node, 'output_dtype', 0) : 0;
      const elem = code !== 0 ? elemTypeFromCode(code) : since < 19 ? 'float32' : scale?.elemType;
      if (code !== 0 && !elem) ctx.fail(`DequantizeLinear: output_dtype ${code} is not a known element type`);
      return [elem ? tensorOf(elem, x?.shape) : undefined];
    },
    inferDataTypes(ctx) {
      // qonnx: SCALEDINT<bits of the input's integer type>.
      const c = ctx.constant(0);
      const t = ctx.graph.typeOf(ctx.node.inputs[0]);
      const elem = c?.elemType ?? (t?.kind === 'tensor' ? t.elemType : undefined);
      return [elem && isIntegerElemType(elem) ? DataType.scaledInt(elemTypeBits(elem)) : undefined];
    },
  });
}

/** DequantizeLinear: opset 10; 13 axis; 19 (more types, output takes the scale's type); 21 block_size; 23 output_dtype. */
export const dequantizeLinearOps: OpSchema[] = [10, 13, 19, 21, 23].map(dequantizeLinearOp);
