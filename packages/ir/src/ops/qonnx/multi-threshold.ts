import { multiThresholdRanges } from '../interval-rules';
import { DataType, parseDataType, smallestIntTypeForRange } from '../../datatype/datatype';
import { attrFloat, attrString } from '../../graph/attribute';
import { formatShape } from '../../graph/value-type';
import { ScanflowError } from '../../errors';
import { defineOp, type DataTypeContext, type OpSchema } from '../op-schema';
import { tensorOf } from '../onnx/shape-helpers';
import { QONNX_DOMAIN } from './qonnx-helpers';

/** The channel axis MultiThreshold compares along: last when data_layout ends in C, else 1. */
export function thresholdChannelAxis(layout: string, rank: number): number {
  return layout.endsWith('C') ? rank - 1 : 1;
}

/**
 * MultiThreshold's datatype. y = out_scale · count + out_bias with count ∈ [0, S] (S thresholds
 * per channel). Decision (differs from qonnx only where qonnx is wrong):
 * - out_scale or out_bias not an integer → FLOAT32 (as qonnx);
 * - every reachable value s·k + b lies in out_dtype → out_dtype (qonnx always says out_dtype);
 * - otherwise, when S is known, the smallest INT/UINT holding [b, b + s·S] (an integer out_scale
 *   other than 1 can leave out_dtype, e.g. UINT2 counts scaled by 2);
 * - S unknown: out_dtype when out_scale = 1 (qonnx), else FLOAT32.
 */
export function multiThresholdDataType(ctx: DataTypeContext): DataType[] {
  const scale = attrFloat(ctx.node, 'out_scale', 1);
  const bias = attrFloat(ctx.node, 'out_bias', 0);
  const declared = parseDataType(attrString(ctx.node, 'out_dtype'));
  if (!Number.isInteger(scale) || !Number.isInteger(bias)) return [DataType.FLOAT32];
  const t = ctx.constant(1)?.dims ?? (() => {
    const ty = ctx.graph.typeOf(ctx.node.inputs[1]);
    return ty?.kind === 'tensor' ? ty.shape : undefined;
  })();
  const steps = t && t.length === 2 && typeof t[1] === 'number' ? t[1] : undefined;
  if (steps === undefined) return [scale === 1 ? declared : DataType.FLOAT32];
  let fits = declared.kind !== 'SCALEDINT';
  for (let k = 0; k <= steps && fits; k++) fits = declared.allowed(scale * k + bias);
  if (fits) return [declared];
  const a = bias;
  const b = bias + scale * steps;
  return [smallestIntTypeForRange(Math.min(a, b), Math.max(a, b))];
}

/** MultiThreshold: y = out_scale · #{s : x ≥ T[c, s]} + out_bias, with the input's shape. */
export const multiThresholdOps: OpSchema[] = [
  defineOp({
    domain: QONNX_DOMAIN,
    opType: 'MultiThreshold',
    traits: { quantizer: true, scaleCommuting: 'absorb', ranges: multiThresholdRanges },
    since: 1,
    inputs: [2, 2],
    outputs: [1, 1],
    description: 'Counts the thresholds each element reaches (x >= T[c, s]), then scales and shifts the count.',
    attributes: {
      out_dtype: { type: 'string', required: true, description: 'QONNX datatype of the output (e.g. UINT4).' },
      out_scale: { type: 'float', default: 1, description: 'Multiplies the count.' },
      out_bias: { type: 'float', default: 0, description: 'Added after scaling.' },
      data_layout: { type: 'string', default: 'NCHW', description: 'Channel axis: last when the layout ends in C (NHWC, NC, NWC), else 1.' },
    },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const t = ctx.tensorInput(1)?.shape;
      const name = attrString(ctx.node, 'out_dtype');
      try {
        parseDataType(name);
      } catch (e) {
        if (e instanceof ScanflowError) ctx.fail(`MultiThreshold: out_dtype '${name}' is not a QONNX datatype name`);
        throw e;
      }
      if (t && t.length !== 2) ctx.fail(`MultiThreshold: thresholds have shape ${formatShape(t)}, expected [channels or 1, steps]`);
      if (x?.shape && t && x.shape.length >= 2) {
        const c = x.shape[thresholdChannelAxis(attrString(ctx.node, 'data_layout', 'NCHW'), x.shape.length)];
        if (typeof t[0] === 'number' && t[0] !== 1 && typeof c === 'number' && t[0] !== c) {
          ctx.fail(`MultiThreshold: thresholds have ${t[0]} rows, expected 1 or the ${c} channels of input ${formatShape(x.shape)}`);
        }
      }
      return [x ? tensorOf(x.elemType, x.shape) : undefined];
    },
    inferDataTypes: multiThresholdDataType,
  }),
];
