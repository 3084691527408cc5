import { defineOp, type AttributeSpec, type OpSchema, type UpgradeContext } from '../op-schema';
import { attrFloat } from '../../graph/attribute';
import { Tensor } from '../../tensor/tensor';
import { DataType } from '../../datatype/datatype';
import { tensorOf } from './shape-helpers';

/**
 * Dropout, as used for inference: the output is the input; the optional mask has the input's shape
 * (bool from opset 10, the input's element type before).
 */
/** Dropout before opset 7: `is_test` is gone (inference is all scanflow does). */
function dropoutWithoutIsTest(ctx: UpgradeContext): undefined {
  ctx.node.attributes.delete('is_test');
  return undefined;
}

/** Dropout before opset 12: the ratio attribute becomes input 1. */
function dropoutRatioToInput(ctx: UpgradeContext): undefined {
  const node = ctx.node;
  if (node.attributes.has('ratio')) {
    const r = attrFloat(node, 'ratio');
    node.attributes.delete('ratio');
    node.inputs[1] = ctx.constant(`${node.name || 'dropout'}_ratio`, Tensor.scalar('float32', r));
    ctx.changed();
  }
  node.attributes.delete('is_test');
  return undefined;
}

function dropoutOp(since: number, attributes: Record<string, AttributeSpec>): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Dropout',
    since,
    ...(since === 7 || since === 12 ? { upgrade: since === 7 ? dropoutWithoutIsTest : dropoutRatioToInput } : {}),
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
