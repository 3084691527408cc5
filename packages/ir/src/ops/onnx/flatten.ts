import { attrInt } from '../../graph/attribute';
import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { dimProduct, tensorOf } from './shape-helpers';

/** Flatten: [d0 … d(axis-1)] × [d(axis) … d(n-1)] as a 2-D tensor (axis may be negative from opset 11). */
export const flattenOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Flatten',
    traits: { dataMovement: { kind: 'layout' } },
    since: 1,
    inputs: [1, 1],
    outputs: [1, 1],
    attributes: { axis: { type: 'int', default: 1, description: 'Dimensions before it form the outer size (range [-r, r]).' } },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (!x.shape) return [tensorOf(x.elemType, [null, null])];
      const r = x.shape.length;
      let axis = attrInt(ctx.node, 'axis', 1);
      if (axis < -r || axis > r) ctx.fail(`Flatten: axis ${axis} is out of range for rank ${r} (expected ${-r} to ${r})`);
      if (axis < 0) axis += r;
      return [tensorOf(x.elemType, [dimProduct(x.shape.slice(0, axis)), dimProduct(x.shape.slice(axis))])];
    },
    inferDataTypes: keepFirstDataType,
  }),
];
