import { attrInt } from '../../graph/attribute';
import { formatShape } from '../../graph/value-type';
import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { checkUnidirectional, conflict, sameElemType, tensorOf } from './shape-helpers';

function gemmOp(since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = {
    alpha: { type: 'float', default: 1 },
    beta: { type: 'float', default: 1 },
    transA: { type: 'int', default: 0, allowed: [0, 1] },
    transB: { type: 'int', default: 0, allowed: [0, 1] },
  };
  if (since < 7) attributes.broadcast = { type: 'int', default: 0, allowed: [0, 1], description: 'Whether C broadcasts to [M, N].' };
  return defineOp({
    domain: '',
    opType: 'Gemm',
    since,
    inputs: since >= 11 ? [2, 3] : [3, 3],
    outputs: [1, 1],
    traits: { contraction: true },
    description: "Y = alpha · A' · B' + beta · C, with A' = transpose(A) if transA, likewise B'.",
    attributes,
    inferTypes(ctx) {
      const elem = sameElemType(ctx, [0, 1, 2]);
      const a = ctx.tensorInput(0)?.shape;
      const b = ctx.tensorInput(1)?.shape;
      if (a && a.length !== 2) ctx.fail(`Gemm: A has rank ${a.length}, expected 2`);
      if (b && b.length !== 2) ctx.fail(`Gemm: B has rank ${b.length}, expected 2`);
      const ta = attrInt(ctx.node, 'transA', 0) === 1;
      const tb = attrInt(ctx.node, 'transB', 0) === 1;
      const m = a ? a[ta ? 1 : 0] : null;
      const ka = a ? a[ta ? 0 : 1] : null;
      const kb = b ? b[tb ? 1 : 0] : null;
      const n = b ? b[tb ? 0 : 1] : null;
      if (conflict(ka, kb)) {
        ctx.fail(`Gemm: inner dimensions ${ka} and ${kb} differ (A ${formatShape(a)}${ta ? ' transposed' : ''}, B ${formatShape(b)}${tb ? ' transposed' : ''})`);
      }
      const out = a || b ? [m, n] : undefined;
      const c = ctx.node.inputs[2] ? ctx.tensorInput(2)?.shape : undefined;
      if (c && out && (since >= 7 || attrInt(ctx.node, 'broadcast', 0) === 1)) checkUnidirectional(ctx, c, out, 'C');
      else if (c && out && since < 7 && (c.length !== 2 || conflict(c[0], m) || conflict(c[1], n))) {
        ctx.fail(`Gemm: C has shape ${formatShape(c)}, expected [${m}, ${n}] (broadcast = 0)`);
      }
      return [elem ? tensorOf(elem, out) : undefined];
    },
    inferDataTypes: macDataType,
  });
}

/** Gemm: opset 6 (C required, broadcast attribute), 7 (numpy-style unidirectional C), 11 (C optional). */
export const gemmOps: OpSchema[] = [gemmOp(6), gemmOp(7), gemmOp(11)];
