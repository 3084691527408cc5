import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, tensorOf, unknownDims } from './shape-helpers';

/** Tile: dimension k is repeated repeats[k] times. */
export const tileOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Tile',
    traits: { dataMovement: { kind: 'select' } },
    since: 6,
    inputs: [2, 2],
    outputs: [1, 1],
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (!x.shape) return [tensorOf(x.elemType)];
      const reps = constInts(ctx, 1);
      if (!reps) return [tensorOf(x.elemType, unknownDims(x.shape.length))];
      if (reps.length !== x.shape.length) ctx.fail(`Tile: repeats has ${reps.length} values for an input of rank ${x.shape.length}`);
      if (reps.some((r) => r < 0)) ctx.fail(`Tile: repeats [${reps.join(', ')}] has a negative value`);
      return [tensorOf(x.elemType, x.shape.map((d, k) => (typeof d === 'number' ? d * reps[k] : reps[k] === 1 ? d : reps[k] === 0 ? 0 : null)))];
    },
    inferDataTypes: keepFirstDataType,
  }),
];
