import { attrInt } from '../../graph/attribute';
import { formatShape, type Dim } from '../../graph/value-type';
import { defineOp, type InferenceContext, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, length1d, tensorOf, unknownDims } from './shape-helpers';

/**
 * Solves `known · x = total` for x, where dimensions may be symbols: symbols of the input cancel
 * against the same symbols among the kept output dimensions.
 */
function inferredDim(input: Dim[], others: Dim[]): Dim {
  const num: Dim[] = [...input];
  let den = 1;
  for (const d of others) {
    if (typeof d === 'number') {
      den *= d;
      continue;
    }
    const k = d === null ? -1 : num.indexOf(d);
    if (k < 0) return null;
    num.splice(k, 1);
  }
  let n = 1;
  const syms: Dim[] = [];
  for (const d of num) {
    if (typeof d === 'number') n *= d;
    else syms.push(d);
  }
  if (syms.length === 0) return den === 0 ? null : n / den;
  if (syms.length === 1 && n === den && syms[0] !== null) return syms[0];
  return null;
}

/** Output shape of Reshape(x, shape): 0 copies the input dimension (unless allowzero), -1 is inferred. */
export function reshapeShape(ctx: InferenceContext, input: Dim[] | undefined, target: number[], allowZero: boolean): Dim[] {
  if (target.filter((d) => d === -1).length > 1) ctx.fail(`Reshape: shape [${target.join(', ')}] has more than one -1`);
  if (target.some((d) => d < -1)) ctx.fail(`Reshape: shape [${target.join(', ')}] has a negative dimension other than -1`);
  if (allowZero && target.includes(0) && target.includes(-1)) ctx.fail(`Reshape: shape [${target.join(', ')}] mixes 0 and -1 with allowzero = 1`);
  const out: Dim[] = target.map((d, k) => {
    if (d === 0 && !allowZero) {
      if (!input) return null;
      if (k >= input.length) {
        ctx.fail(`Reshape: shape [${target.join(', ')}] copies dimension ${k}, but the input ${formatShape(input)} has rank ${input.length}`);
      }
      return input[k];
    }
    return d === -1 ? null : d;
  });
  const minus = target.indexOf(-1);
  if (input && minus >= 0) {
    // Dimensions copied by a 0 cancel out of both sides by position (they may be unknown).
    const copied = (k: number): boolean => target[k] === 0 && !allowZero;
    const d = inferredDim(
      input.filter((_, k) => !copied(k)),
      out.filter((_, k) => k !== minus && !copied(k)),
    );
    if (typeof d === 'number' && !Number.isInteger(d)) {
      ctx.fail(`Reshape: cannot reshape ${formatShape(input)} to [${target.join(', ')}]: the element count does not divide`);
    }
    out[minus] = d;
  }
  if (input && input.every((d) => typeof d === 'number') && out.every((d) => typeof d === 'number')) {
    const a = (input as number[]).reduce((x, y) => x * y, 1);
    const b = (out as number[]).reduce((x, y) => x * y, 1);
    if (a !== b) {
      ctx.fail(`Reshape: cannot reshape ${formatShape(input)} (${a} elements) to [${target.join(', ')}] (${b} elements)`);
    }
  }
  return out;
}

function reshapeOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Reshape',
    traits: { dataMovement: { kind: 'layout' } },
    since,
    inputs: [2, 2],
    outputs: [1, 1],
    description: 'Gives the data a new shape with the same element count.',
    ...(since >= 14
      ? { attributes: { allowzero: { type: 'int', default: 0, allowed: [0, 1], description: '1: a 0 in shape means size 0 rather than "copy the input dimension".' } } }
      : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const s = ctx.tensorInput(1);
      if (s && s.elemType !== 'int64') ctx.fail(`Reshape: shape input is ${s.elemType}, expected int64`);
      if (s?.shape && s.shape.length !== 1) ctx.fail(`Reshape: shape input must be 1-D, got rank ${s.shape.length}`);
      if (!x) return [undefined];
      const target = constInts(ctx, 1);
      if (target) return [tensorOf(x.elemType, reshapeShape(ctx, x.shape, target, since >= 14 && attrInt(ctx.node, 'allowzero', 0) === 1))];
      const n = length1d(ctx, 1);
      return [tensorOf(x.elemType, n === undefined ? undefined : unknownDims(n))];
    },
    inferDataTypes: keepFirstDataType,
  });
}

/** Reshape with the shape as an input (opset 5; 14 adds allowzero). */
export const reshapeOps: OpSchema[] = [reshapeOp(5), reshapeOp(14)];
