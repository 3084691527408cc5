import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { DataType } from '../../datatype/datatype';
import { tensorOf } from './shape-helpers';

/**
 * Dropout, as used for inference: the output is the input; the optional mask has the input's shape
 * (bool from opset 10, the input's element type before).
 */
function dropoutOp(since: number, attributes: Record<string, AttributeSpec>): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Dropout',
    since,
    inputs: since >= 12 ? [1, 3] : [1, 1],
    outputs: [1, 2],
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined, undefined];
      return [tensorOf(x.elemType, x.shape), tensorOf(since >= 10 ? 'bool' : x.elemType, x.shape)];
    },
    // The mask holds 0 / 1.
    inferDataTypes: (ctx) => ctx.node.outputs.map((_, k) => (k === 0 ? ctx.dataType(0) : DataType.BINARY)),
  });
}

const ratio: AttributeSpec = { type: 'float', default: 0.5, description: 'Probability of dropping an element (training only).' };

export const dropoutOps: OpSchema[] = [
  dropoutOp(6, { is_test: { type: 'int', default: 0, allowed: [0, 1] }, ratio }),
  dropoutOp(7, { ratio }),
  dropoutOp(10, { ratio }),
  dropoutOp(12, { seed: { type: 'int', description: 'Random seed (training only).' } }),
];
