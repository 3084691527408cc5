import { attrInts } from '../../graph/attribute';
import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { tensorOf, unknownDims } from './shape-helpers';

/** Transpose: output dimension k is input dimension perm[k] (default: reversed). */
export const transposeOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Transpose',
    traits: { dataMovement: { kind: 'layout' } },
    since: 1,
    inputs: [1, 1],
    outputs: [1, 1],
    attributes: { perm: { type: 'ints', description: 'A permutation of the axes (default: reverse order).' } },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      const given = ctx.node.attributes.has('perm') ? attrInts(ctx.node, 'perm') : undefined;
      if (!x.shape) return [tensorOf(x.elemType, given ? unknownDims(given.length) : undefined)];
      const r = x.shape.length;
      const perm = given ?? Array.from({ length: r }, (_, k) => r - 1 - k);
      const sorted = [...perm].sort((a, b) => a - b);
      if (perm.length !== r || sorted.some((p, k) => p !== k)) {
        ctx.fail(`Transpose: perm [${perm.join(', ')}] is not a permutation of the ${r} axes`);
      }
      return [tensorOf(x.elemType, perm.map((p) => x.shape![p]))];
    },
    inferDataTypes: keepFirstDataType,
  }),
];
