import { attrFloat, attrInts, attrString } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import type { DataType } from '../../datatype/datatype';
import { defineOp, type AttributeSpec, type DataTypeContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { constInts, normAxes, tensorOf, unknownDims } from './shape-helpers';
import { declaredElemType } from './upgrade-helpers';
import { Tensor } from '../../tensor/tensor';

/** Pad keeps the input's datatype when the padding value belongs to it (edge/reflect/wrap always do). */
function padDataType(ctx: DataTypeContext, since: number): (DataType | undefined)[] {
  const t = ctx.dataType(0);
  const mode = attrString(ctx.node, 'mode', 'constant');
  if (mode !== 'constant') return [t];
  let value = 0;
  if (since < 11) value = attrFloat(ctx.node, 'value', 0);
  else if (ctx.node.inputs[2]) {
    const c = ctx.constant(2);
    if (!c) return [undefined];
    const v = c.data[0];
    value = typeof v === 'bigint' ? Number(v) : Number(v);
  }
  if (t.kind === 'SCALEDINT') return [undefined];
  return [t.allowed(value) ? t : undefined];
}

/** Pad before opset 11: the pads and value attributes become inputs. */
function padFromAttributes(ctx: UpgradeContext): undefined {
  const node = ctx.node;
  const pads = attrInts(node, 'pads');
  const value = node.attributes.has('value') ? attrFloat(node, 'value') : 0;
  node.attributes.delete('pads');
  node.attributes.delete('value');
  const et = declaredElemType(ctx, node.inputs[0]);
  node.inputs = [node.inputs[0], ctx.constant(`${node.name || 'pad'}_pads`, Tensor.int64([pads.length], pads)), ctx.constant(`${node.name || 'pad'}_value`, Tensor.scalar(et, value))];
  ctx.changed();
  return undefined;
}

function padOp(since: number): OpSchema {
  const modes = since >= 19 ? ['constant', 'reflect', 'edge', 'wrap'] : ['constant', 'reflect', 'edge'];
  const attributes: Record<string, AttributeSpec> = { mode: { type: 'string', default: 'constant', allowed: modes } };
  if (since < 11) {
    attributes.pads = { type: 'ints', required: true, description: '[x1_begin, x2_begin, ..., x1_end, x2_end, ...]' };
    attributes.value = { type: 'float', default: 0 };
  }
  return defineOp({
    domain: '',
    opType: 'Pad',
    since,
    ...(since === 11 ? { upgrade: padFromAttributes } : {}),
    inputs: since >= 18 ? [2, 4] : since >= 11 ? [2, 3] : [1, 1],
    outputs: [1, 1],
    description: 'Pads each axis with pads[begin] and pads[end] elements.',
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (!x.shape) return [tensorOf(x.elemType)];
      const rank = x.shape.length;
      const pads = since < 11 ? attrInts(ctx.node, 'pads') : constInts(ctx, 1);
      let axes = Array.from({ length: rank }, (_, k) => k);
      if (since >= 18 && ctx.node.inputs[3]) {
        const a = constInts(ctx, 3);
        if (!a) return [tensorOf(x.elemType, unknownDims(rank))];
        axes = normAxes(ctx, a, rank);
      }
      if (!pads) return [tensorOf(x.elemType, x.shape.map((d, k) => (axes.includes(k) ? null : d)))];
      if (pads.length !== 2 * axes.length) ctx.fail(`Pad: pads has ${pads.length} values, expected ${2 * axes.length} (begin and end for each of ${axes.length} axes)`);
      const out: Dim[] = [...x.shape];
      axes.forEach((a, k) => {
        const add = pads[k] + pads[k + axes.length];
        const d = x.shape![a];
        if (typeof d === 'number') {
          if (d + add < 0) ctx.fail(`Pad: pads [${pads.join(', ')}] remove more than the ${d} elements of axis ${a}`);
          out[a] = d + add;
        } else out[a] = add === 0 ? d : null;
      });
      return [tensorOf(x.elemType, out)];
    },
    inferDataTypes: (ctx) => padDataType(ctx, since),
  });
}


/** Pad: pads attribute (opset 2), pads / constant_value inputs (11), axes input (18), wrap mode (19). */
export const padOps: OpSchema[] = [padOp(2), padOp(11), padOp(18), padOp(19)];
