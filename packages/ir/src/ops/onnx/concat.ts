import { attrInt } from '../../graph/attribute';
import { formatShape, type Dim } from '../../graph/value-type';
import { defineOp, type OpSchema } from '../op-schema';
import { coveringIntType, inputDataTypes } from './datatype-rules';
import { conflict, dimSum, normAxis, sameElemType, tensorOf, unifyDim } from './shape-helpers';

/** Concat: joins tensors of equal rank along `axis`; the other dimensions must agree. */
export const concatOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Concat',
    traits: { dataMovement: { kind: 'select', dataInputs: 'all' } },
    since: 4,
    inputs: [1, Number.MAX_SAFE_INTEGER],
    outputs: [1, 1],
    attributes: { axis: { type: 'int', required: true, description: 'Axis to join along (negative from opset 11).' } },
    inferTypes(ctx) {
      const n = ctx.node.inputs.length;
      const elem = sameElemType(ctx, ctx.node.inputs.map((_, i) => i));
      const shapes = ctx.node.inputs.map((_, i) => ctx.tensorInput(i)?.shape);
      const known = shapes.filter((s): s is Dim[] => s !== undefined);
      if (!elem) return [undefined];
      if (known.length === 0) return [tensorOf(elem)];
      const rank = known[0].length;
      for (const s of known) if (s.length !== rank) ctx.fail(`Concat: inputs have ranks ${rank} and ${s.length} (expected equal ranks)`);
      const axis = normAxis(ctx, attrInt(ctx.node, 'axis'), rank);
      const out: Dim[] = [];
      for (let k = 0; k < rank; k++) {
        if (k === axis) {
          out.push(known.length === n ? dimSum(known.map((s) => s[k])) : null);
          continue;
        }
        let d: Dim = null;
        for (const s of known) {
          if (conflict(d, s[k])) {
            ctx.fail(`Concat: input shapes ${known.map(formatShape).join(', ')} differ in dimension ${k}, which is not the concatenation axis ${axis}`);
          }
          d = unifyDim(d, s[k]);
        }
        out.push(d);
      }
      return [tensorOf(elem, out)];
    },
    inferDataTypes(ctx) {
      // The values are the inputs' values: one shared type, or the smallest covering integer type.
      const ins = inputDataTypes(ctx);
      return [coveringIntType(ins) ?? (ins.every((t) => t.equals(ins[0])) ? ins[0] : undefined)];
    },
  }),
];
