import { DataType } from '../../datatype/datatype';
import { attrInt } from '../../graph/attribute';
import type { ValueType } from '../../graph/value-type';
import { elemTypeFromCode, isIntegerElemType, type ElemType } from '../../tensor/elem-type';
import { defineOp, type AttributeSpec, type DataTypeContext, type InferenceContext, type OpSchema } from '../op-schema';
import { saturate } from './cast';
import { tensorOf } from './shape-helpers';
import { checkQuantParams } from './dequantize-linear';

/** The quantised element type: the zero point's, else output_dtype (opset 21), else uint8. */
function quantizedType(node: InferenceContext['node'], zeroPointType: ElemType | undefined, since: number): ElemType | undefined {
  if (zeroPointType) return zeroPointType;
  const code = since >= 21 ? attrInt(node, 'output_dtype', 0) : 0;
  if (code === 0) return 'uint8';
  return elemTypeFromCode(code);
}

const elemTypeOf = (t: ValueType | undefined): ElemType | undefined => (t?.kind === 'tensor' ? t.elemType : undefined);

/** QONNX: QuantizeLinear gives INT<n> / UINT<n> of its output element type. */
export function integerDataTypeOf(t: ElemType | undefined): DataType | undefined {
  if (!t || !isIntegerElemType(t)) return undefined;
  const bits = Number(/\d+/.exec(t)![0]);
  return t.startsWith('u') ? DataType.uint(bits) : DataType.int(bits);
}

function quantizeLinearOp(since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = {};
  if (since >= 13) attributes.axis = { type: 'int', default: 1, description: 'Quantisation axis for per-axis / blocked scales.' };
  if (since >= 19) attributes.saturate = saturate;
  if (since >= 21) {
    attributes.block_size = { type: 'int', default: 0, description: 'Block size for blocked quantisation (0: none).' };
    attributes.output_dtype = { type: 'int', default: 0, description: 'Output element type when there is no zero point (0: uint8).' };
  }
  if (since >= 23) attributes.precision = { type: 'int', default: 0, description: 'Element type for computing x / y_scale (0: the scale\'s).' };
  return defineOp({
    domain: '',
    opType: 'QuantizeLinear',
    traits: { elementwise: { broadcast: 'per-axis' }, quantizer: true },
    since,
    inputs: [2, 3],
    outputs: [1, 1],
    description: 'y = saturate(round(x / y_scale) + y_zero_point).',
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const zp = ctx.node.inputs[2] ? ctx.tensorInput(2) : undefined;
      if (ctx.node.inputs[2] && !zp) return [undefined];
      checkQuantParams(ctx, since, 'y_scale', 'y_zero_point');
      if (zp && since >= 21) {
        const code = attrInt(ctx.node, 'output_dtype', 0);
        if (code !== 0 && elemTypeFromCode(code) !== zp.elemType) {
          ctx.fail(`QuantizeLinear: output_dtype ${code} disagrees with the zero point's type ${zp.elemType}`);
        }
      }
      const elem = quantizedType(ctx.node, zp?.elemType, since);
      if (!elem) return ctx.fail(`QuantizeLinear: output_dtype ${attrInt(ctx.node, 'output_dtype', 0)} is not a known element type`);
      return [tensorOf(elem, x?.shape)];
    },
    inferDataTypes(ctx: DataTypeContext) {
      const name = ctx.node.inputs[2];
      const zp = name ? ctx.constant(2)?.elemType ?? elemTypeOf(ctx.graph.typeOf(name)) : undefined;
      const elem = quantizedType(ctx.node, zp, since);
      return [integerDataTypeOf(elem)];
    },
  });
}

/** QuantizeLinear: opset 10; 13 axis; 19 saturate; 21 block_size and output_dtype; 23 precision. */
export const quantizeLinearOps: OpSchema[] = [10, 13, 19, 21, 23].map(quantizeLinearOp);
