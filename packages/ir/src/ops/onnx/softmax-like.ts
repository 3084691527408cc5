import { attrInt } from '../../graph/attribute';
import { Node } from '../../graph/node';
import { Tensor } from '../../tensor/tensor';
import { defineOp, type OpSchema, type UpgradeContext } from '../op-schema';
import { tensorOf } from './shape-helpers';

/**
 * Before opset 13 these ops flatten their input to [prod(d[:a]), prod(d[a:])] at `axis`: made
 * explicit with Reshapes around the single-axis op (or just the axis, when it is the last one).
 */
function softmaxFromCoerced(ctx: UpgradeContext): Node[] | undefined {
  const node = ctx.node;
  const t = ctx.graph.typeOf(node.inputs[0]);
  const shape = t?.kind === 'tensor' ? t.shape : undefined;
  if (!shape) ctx.fail(`the input's rank is needed to convert ${node.opType} from opset ${ctx.from}`);
  const rank = shape.length;
  let axis = attrInt(node, 'axis', 1);
  if (axis < 0) axis += rank;
  ctx.changed();
  if (axis === rank - 1) {
    node.attributes.set('axis', { type: 'int', value: -1n });
    return undefined;
  }
  if (!shape.every((d) => typeof d === 'number')) ctx.fail(`${node.opType} over axes ${axis}..${rank - 1} needs a static input shape`);
  const dims = shape as number[];
  const rows = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const cols = dims.slice(axis).reduce((a, b) => a * b, 1);
  const base = node.name || node.opType.toLowerCase();
  const flat = `${node.outputs[0]}_2d_in`;
  const flatOut = `${node.outputs[0]}_2d_out`;
  const shape2 = ctx.constant(`${base}_shape2d`, Tensor.int64([2], [rows, cols]));
  const shapeN = ctx.constant(`${base}_shape`, Tensor.int64([rank], dims));
  const reshapeIn = new Node({ opType: 'Reshape', name: `${base}_to2d`, inputs: [node.inputs[0], shape2], outputs: [flat] });
  const op = new Node({ opType: node.opType, name: node.name, inputs: [flat], outputs: [flatOut], attributes: { axis: -1 } });
  const reshapeOut = new Node({ opType: 'Reshape', name: `${base}_back`, inputs: [flatOut, shapeN], outputs: [node.outputs[0]] });
  return [reshapeIn, op, reshapeOut];
}

/**
 * Schema factory for Softmax / LogSoftmax: before opset 13 the input is coerced to 2-D at `axis`
 * (default 1); from 13 the op works along one axis (default -1). The shape is unchanged either way.
 */
export function softmaxLikeOp(opType: string, since: number): OpSchema {
  const dflt = since >= 13 ? -1 : 1;
  return defineOp({
    domain: '',
    opType,
    since,
    ...(since === 13 ? { upgrade: softmaxFromCoerced } : {}),
    inputs: [1, 1],
    outputs: [1, 1],
    attributes: { axis: { type: 'int', default: dflt } },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (x.shape) {
        const r = x.shape.length;
        const axis = attrInt(ctx.node, 'axis', dflt);
        // Before 13 the axis may also equal the rank (the input is coerced to [N, 1]).
        const hi = since < 13 ? r : r - 1;
        if (axis < -r || axis > hi) ctx.fail(`${opType}: axis ${axis} is out of range for rank ${r} (expected ${-r} to ${hi})`);
      }
      return [tensorOf(x.elemType, x.shape)];
    },
  });
}
