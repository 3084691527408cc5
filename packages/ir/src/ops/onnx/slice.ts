import type { Dim } from '../../graph/value-type';
import { defineOp, type InferenceContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, normAxes, rawAttrInts, tensorOf, unknownDims } from './shape-helpers';
import { Tensor } from '../../tensor/tensor';
import { attrInts } from '../../graph/attribute';

/** Starts / ends at or beyond this are "to the end" whatever the dimension (INT_MAX, INT64_MAX ...). */
const HUGE = 2 ** 31 - 1;

/** The length of x[start:end:step] along a dimension of size `d`, following the ONNX Slice rules. */
export function sliceLength(d: number, start: number, end: number, step: number): number {
  if (start < 0) start += d;
  if (end < 0) end += d;
  if (step > 0) {
    start = Math.min(Math.max(start, 0), d);
    end = Math.min(Math.max(end, 0), d);
  } else {
    start = Math.min(Math.max(start, 0), d - 1);
    end = Math.min(Math.max(end, -1), d - 1);
  }
  return Math.max(0, Math.ceil((end - start) / step));
}

/** The sliced length of an unknown or symbolic dimension, when the slice is a whole-axis copy. */
function symbolicLength(d: Dim, start: number, end: number, step: number): Dim {
  if (step === 1 && start === 0 && end >= HUGE) return d;
  if (step === -1 && start >= HUGE && end <= -HUGE) return d;
  return null;
}

interface SliceParams {
  starts?: number[];
  ends?: number[];
  axes?: number[];
  steps?: number[];
}

function params(ctx: InferenceContext, since: number): SliceParams {
  if (since < 10) {
    const node = ctx.node;
    const p: SliceParams = {};
    const s = rawAttrInts(node, 'starts');
    const e = rawAttrInts(node, 'ends');
    const a = rawAttrInts(node, 'axes');
    if (!s || !e) ctx.fail("Slice: attributes 'starts' and 'ends' are required");
    p.starts = s;
    p.ends = e;
    if (a) p.axes = a;
    return p;
  }
  const p: SliceParams = {};
  const s = constInts(ctx, 1);
  const e = constInts(ctx, 2);
  if (s) p.starts = s;
  if (e) p.ends = e;
  if (ctx.inputCount > 3) {
    const a = ctx.node.inputs[3] ? constInts(ctx, 3) : undefined;
    if (a) p.axes = a;
    else if (ctx.node.inputs[3]) p.axes = undefined;
  }
  if (ctx.inputCount > 4 && ctx.node.inputs[4]) {
    const st = constInts(ctx, 4);
    if (st) p.steps = st;
  }
  return p;
}

/** Slice before opset 10: starts / ends / axes attributes become inputs. */
function sliceFromAttributes(ctx: UpgradeContext): undefined {
  const node = ctx.node;
  const starts = attrInts(node, 'starts');
  const ends = attrInts(node, 'ends');
  const axes = node.attributes.has('axes') ? attrInts(node, 'axes') : undefined;
  for (const a of ['starts', 'ends', 'axes']) node.attributes.delete(a);
  const base = node.name || 'slice';
  node.inputs = [node.inputs[0], ctx.constant(`${base}_starts`, Tensor.int64([starts.length], starts)), ctx.constant(`${base}_ends`, Tensor.int64([ends.length], ends))];
  if (axes) node.inputs.push(ctx.constant(`${base}_axes`, Tensor.int64([axes.length], axes)));
  ctx.changed();
  return undefined;
}

function sliceOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Slice',
    traits: { dataMovement: { kind: 'select' } },
    since,
    ...(since >= 10 ? { upgrade: sliceFromAttributes } : {}),
    inputs: since >= 10 ? [3, 5] : [1, 1],
    outputs: [1, 1],
    description: 'Takes x[starts:ends:steps] along the given axes.',
    ...(since < 10
      ? {
          attributes: {
            starts: { type: 'ints', required: true },
            ends: { type: 'ints', required: true },
            axes: { type: 'ints', description: 'Axes the starts/ends apply to (default: 0, 1, ...).' },
          },
        }
      : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (!x.shape) return [tensorOf(x.elemType)];
      const rank = x.shape.length;
      const p = params(ctx, since);
      const axesGiven = since < 10 ? ctx.node.attributes.has('axes') : ctx.inputCount > 3 && !!ctx.node.inputs[3];
      const stepsGiven = since >= 10 && ctx.inputCount > 4 && !!ctx.node.inputs[4];
      if (!p.starts || !p.ends || (axesGiven && !p.axes) || (stepsGiven && !p.steps)) {
        // Values unknown: the sliced axes lose their size (all of them when the axes are unknown).
        if (p.axes) {
          const ax = normAxes(ctx, p.axes, rank);
          return [tensorOf(x.elemType, x.shape.map((d, k) => (ax.includes(k) ? null : d)))];
        }
        return [tensorOf(x.elemType, unknownDims(rank))];
      }
      const n = p.starts.length;
      if (p.ends.length !== n) ctx.fail(`Slice: starts has ${n} values but ends has ${p.ends.length}`);
      const axes = normAxes(ctx, p.axes ?? Array.from({ length: n }, (_, k) => k), rank);
      if (axes.length !== n) ctx.fail(`Slice: starts has ${n} values but axes has ${axes.length}`);
      const steps = p.steps ?? axes.map(() => 1);
      if (steps.length !== n) ctx.fail(`Slice: starts has ${n} values but steps has ${steps.length}`);
      const out: Dim[] = [...x.shape];
      axes.forEach((a, k) => {
        if (steps[k] === 0) ctx.fail(`Slice: step for axis ${a} is 0`);
        const d = x.shape![a];
        out[a] = typeof d === 'number' ? sliceLength(d, p.starts![k], p.ends![k], steps[k]) : symbolicLength(d, p.starts![k], p.ends![k], steps[k]);
      });
      return [tensorOf(x.elemType, out)];
    },
    inferDataTypes: keepFirstDataType,
  });
}

/** Slice: attributes (opset 1), inputs starts/ends/axes/steps (10; negative axes from 11). */
export const sliceOps: OpSchema[] = [sliceOp(1), sliceOp(10)];
