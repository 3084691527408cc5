import { attrInt } from '../../graph/attribute';
import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { normAxis, tensorOf } from './shape-helpers';

/** Gather: output shape data[:axis] + indices.shape + data[axis+1:]. */
export const gatherOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Gather',
    traits: { dataMovement: { kind: 'select' } },
    since: 1,
    inputs: [2, 2],
    outputs: [1, 1],
    attributes: { axis: { type: 'int', default: 0, description: 'Axis of data to index (negative from opset 11).' } },
    inferTypes(ctx) {
      const data = ctx.tensorInput(0);
      const idx = ctx.tensorInput(1);
      if (idx && idx.elemType !== 'int64' && idx.elemType !== 'int32') ctx.fail(`Gather: indices are ${idx.elemType}, expected int32 or int64`);
      if (!data) return [undefined];
      if (!data.shape || !idx?.shape) return [tensorOf(data.elemType)];
      const axis = normAxis(ctx, attrInt(ctx.node, 'axis', 0), data.shape.length);
      return [tensorOf(data.elemType, [...data.shape.slice(0, axis), ...idx.shape, ...data.shape.slice(axis + 1)])];
    },
    inferDataTypes: keepFirstDataType,
  }),
];
