import { parseDataType } from '../../datatype/datatype';
import { attrString } from '../../graph/attribute';
import { formatShape } from '../../graph/value-type';
import { defineOp, type OpSchema } from '../op-schema';
import { tensorOf } from '../onnx/shape-helpers';
import { foldingAttrs, HW_DOMAIN, multiplierAttrs, thresholdMethodAttrs, positiveAttr, requireChannelsLast, requireFold, thresholdCountType } from './hw-helpers';

/**
 * MVAU, the matrix-vector(-activation) unit. For every vector x of MW channels of the input stream
 * (the last dimension), acc = W·x with W [MH, MW] (row r = output channel r). Without thresholds
 * the output is acc, in the `acc_dtype` accumulator. With thresholds T [MH or 1, NT] the output is
 * out_bias + #{k : acc ≥ T[r][k]}. Folding: PE output channels and SIMD inputs per cycle,
 * MH % PE = 0, MW % SIMD = 0; (MH/PE)·(MW/SIMD) cycles per vector.
 */
export const mvauOps: OpSchema[] = [
  defineOp({
    domain: HW_DOMAIN,
    opType: 'MVAU',
    inputs: [2, 3],
    outputs: [1, 1],
    description: 'Matrix-vector product per input vector, optionally followed by a multi-threshold activation.',
    attributes: {
      mw: { type: 'int', required: true, description: 'Matrix width: channels of each input vector.' },
      mh: { type: 'int', required: true, description: 'Matrix height: channels of each output vector.' },
      ...foldingAttrs,
      simd: { type: 'int', default: 1, description: 'Input channels consumed per cycle by every PE.' },
      acc_dtype: { type: 'string', required: true, description: 'QONNX datatype of the accumulator (holds every W·x exactly).' },
      out_bias: { type: 'int', default: 0, description: 'With thresholds: added to the count.' },
      ...multiplierAttrs,
      ...thresholdMethodAttrs,
    },
    inferTypes(ctx) {
      const mw = positiveAttr(ctx, 'mw');
      const mh = positiveAttr(ctx, 'mh');
      requireFold(ctx, 'mh', mh, 'pe', positiveAttr(ctx, 'pe', 1));
      requireFold(ctx, 'mw', mw, 'simd', positiveAttr(ctx, 'simd', 1));
      parseDataType(attrString(ctx.node, 'acc_dtype'));
      const shape = requireChannelsLast(ctx, 0, mw, 'input');
      const w = ctx.tensorInput(1)?.shape;
      if (w && (w.length !== 2 || w[0] !== mh || w[1] !== mw)) ctx.fail(`MVAU: weights have shape ${formatShape(w)}, expected [${mh}, ${mw}]`);
      const t = ctx.inputCount > 2 ? ctx.tensorInput(2)?.shape : undefined;
      if (t && (t.length !== 2 || (t[0] !== 1 && t[0] !== mh))) ctx.fail(`MVAU: thresholds have shape ${formatShape(t)}, expected [${mh} or 1, steps]`);
      const x = ctx.tensorInput(0);
      return [x ? tensorOf(x.elemType, shape ? [...shape.slice(0, -1), mh] : undefined) : undefined];
    },
    inferDataTypes: (ctx) => [ctx.node.inputs[2] ? thresholdCountType(ctx, 2) : parseDataType(attrString(ctx.node, 'acc_dtype'))],
  }),
];
