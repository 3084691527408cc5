import { DataType, smallestIntTypeForRange } from '../../datatype/datatype';
import { attrFloat } from '../../graph/attribute';
import { defineOp, type DataTypeContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { tensorOf } from './shape-helpers';
import { declaredElemType } from './upgrade-helpers';
import { Tensor } from '../../tensor/tensor';

const FLT_MAX = 3.4028234663852886e38;

/**
 * Clip's datatype: the values are x's, or a bound where x passes it. For an integer input and
 * integer bounds that is the integer range [max(lo, min), min(hi, max)] (Clip(INT8, 0, 6) → UINT3);
 * other inputs keep their type when the bounds belong to it. Unknown bounds: no opinion.
 */
function clipDataType(ctx: DataTypeContext, since: number): (DataType | undefined)[] {
  const t = ctx.dataType(0);
  let lo = -Infinity;
  let hi = Infinity;
  if (since < 11) {
    lo = attrFloat(ctx.node, 'min', -FLT_MAX);
    hi = attrFloat(ctx.node, 'max', FLT_MAX);
  } else {
    for (const [i, set] of [[1, (v: number) => (lo = v)], [2, (v: number) => (hi = v)]] as const) {
      if (!ctx.node.inputs[i]) continue;
      const c = ctx.constant(i);
      const v = c && !Array.isArray(c.data) ? constNumbersOf(c) : undefined;
      if (v === undefined) return [undefined];
      set(v);
    }
  }
  if (t.kind === 'SCALEDINT') return [t];
  if (t.isFloat) return [t];
  // x's own type still holds when each bound is one of its values or beyond its range.
  const ok = (v: number, isMin: boolean): boolean => t.allowed(v) || (isMin ? v <= t.min : v >= t.max);
  const keeps = ok(lo, true) && ok(hi, false);
  const a = Math.max(lo, t.min);
  const b = Math.min(hi, t.max);
  if (t.isInteger && Number.isInteger(a) && Number.isInteger(b) && a <= b) {
    const c = smallestIntTypeForRange(a, b);
    return [keeps && t.numPossibleValues <= c.numPossibleValues ? t : c];
  }
  return [keeps ? t : undefined];
}

function constNumbersOf(t: NonNullable<ReturnType<DataTypeContext['constant']>>): number | undefined {
  const d = t.data as ArrayLike<number | bigint>;
  return d.length === 1 ? Number(d[0]) : undefined;
}

/** Clip before opset 11: the min / max attributes become (scalar) inputs of the input's element type. */
function clipFromAttributes(ctx: UpgradeContext): undefined {
  const node = ctx.node;
  if (!node.attributes.has('min') && !node.attributes.has('max')) return undefined;
  const et = declaredElemType(ctx, node.inputs[0]);
  const lo = node.attributes.has('min') ? ctx.constant(`${node.name || 'clip'}_min`, Tensor.scalar(et, attrFloat(node, 'min'))) : '';
  const hi = node.attributes.has('max') ? ctx.constant(`${node.name || 'clip'}_max`, Tensor.scalar(et, attrFloat(node, 'max'))) : '';
  node.attributes.delete('min');
  node.attributes.delete('max');
  node.inputs = [node.inputs[0], lo, hi];
  while (node.inputs.length > 1 && !node.inputs[node.inputs.length - 1]) node.inputs.pop();
  ctx.changed();
  return undefined;
}

/** Clip keeps the input's type and shape; the bounds are attributes before opset 11, inputs from 11. */
function clipOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Clip',
    traits: { elementwise: { broadcast: 'numpy' } },
    since,
    ...(since === 11 ? { upgrade: clipFromAttributes } : {}),
    inputs: since >= 11 ? [1, 3] : [1, 1],
    outputs: [1, 1],
    description: 'y = min(max(x, min), max).',
    ...(since < 11 ? { attributes: { min: { type: 'float', default: -FLT_MAX }, max: { type: 'float', default: FLT_MAX } } } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      for (const i of [1, 2]) {
        const b = ctx.tensorInput(i);
        if (b?.shape && b.shape.length > 0 && !(b.shape.length === 1 && b.shape[0] === 1)) {
          ctx.fail(`Clip: input ${i} (${i === 1 ? 'min' : 'max'}) must be a scalar, got rank ${b.shape.length}`);
        }
      }
      return [x ? tensorOf(x.elemType, x.shape) : undefined];
    },
    inferDataTypes: (ctx) => clipDataType(ctx, since),
  });
}


export const clipOps: OpSchema[] = [clipOp(6), clipOp(11)];
