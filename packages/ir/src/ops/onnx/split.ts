import { attrInt, attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { defineOp, type InferenceContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, normAxis, tensorOf } from './shape-helpers';
import { intsAttributeToInput } from './upgrade-helpers';

/** The sizes along the split axis (unknown sizes are null). */
function splitSizes(ctx: InferenceContext, since: number, dim: Dim, count: number): Dim[] {
  let given: number[] | 'unknown' | undefined;
  if (since >= 13) given = ctx.inputCount >= 2 ? (constInts(ctx, 1) ?? 'unknown') : undefined;
  else if (ctx.node.attributes.has('split')) given = attrInts(ctx.node, 'split');
  if (given === 'unknown') return Array.from({ length: count }, () => null);
  if (given) {
    if (given.length !== count) ctx.fail(`Split: 'split' has ${given.length} sizes for ${count} outputs`);
    if (given.some((s) => s < 0)) ctx.fail(`Split: 'split' [${given.join(', ')}] has a negative size`);
    const sum = given.reduce((a, b) => a + b, 0);
    if (typeof dim === 'number' && sum !== dim) ctx.fail(`Split: sizes [${given.join(', ')}] add up to ${sum}, but the axis has size ${dim}`);
    return given;
  }
  if (typeof dim !== 'number') return Array.from({ length: count }, () => null);
  if (since >= 18 && ctx.node.attributes.has('num_outputs')) {
    const n = attrInt(ctx.node, 'num_outputs');
    if (n !== count) ctx.fail(`Split: num_outputs is ${n} but the node has ${count} outputs`);
    // Equal chunks of ceil(dim / n); the last one holds what remains.
    const chunk = Math.ceil(dim / n);
    return Array.from({ length: n }, (_, k) => Math.max(0, Math.min(chunk, dim - k * chunk)));
  }
  if (dim % count !== 0) ctx.fail(`Split: axis size ${dim} does not divide into ${count} equal outputs`);
  return Array.from({ length: count }, () => dim / count);
}

function splitOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Split',
    traits: { dataMovement: { kind: 'select' } },
    since,
    ...(since >= 13 ? { upgrade: (ctx: UpgradeContext) => void intsAttributeToInput(ctx, 'split', 1) } : {}),
    inputs: since >= 13 ? [1, 2] : [1, 1],
    outputs: [1, Number.MAX_SAFE_INTEGER],
    attributes: {
      axis: { type: 'int', default: 0, description: 'Axis to split (negative from opset 11).' },
      ...(since < 13 ? { split: { type: 'ints', description: 'Length of each output (default: equal parts).' } } : {}),
      ...(since >= 18 ? { num_outputs: { type: 'int', description: 'Number of outputs, for equal splits (the last may be smaller).' } } : {}),
    },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const count = ctx.node.outputs.length;
      if (!x) return ctx.node.outputs.map(() => undefined);
      if (!x.shape) return ctx.node.outputs.map(() => tensorOf(x.elemType));
      const axis = normAxis(ctx, attrInt(ctx.node, 'axis', 0), x.shape.length);
      const sizes = splitSizes(ctx, since, x.shape[axis], count);
      return sizes.map((d) => tensorOf(x.elemType, x.shape!.map((s, k) => (k === axis ? d : s))));
    },
    inferDataTypes: keepFirstDataType,
  });
}

/** Split: split attribute (opset 2), split input (13), num_outputs (18). */
export const splitOps: OpSchema[] = [splitOp(2), splitOp(13), splitOp(18)];
