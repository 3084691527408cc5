import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { copyType } from './shape-helpers';

/** Identity: the output is the input (any value type: tensors, sequences, optionals). */
export const identityOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Identity',
    traits: { elementwise: { broadcast: 'none' }, dataMovement: { kind: 'layout' } },
    since: 1,
    inputs: [1, 1],
    outputs: [1, 1],
    description: 'y = x.',
    inferTypes: (ctx) => [copyType(ctx.input(0))],
    inferValues: (ctx) => [ctx.constant(0)],
    inferDataTypes: keepFirstDataType,
  }),
];
