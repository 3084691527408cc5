import { QONNX_DOMAIN } from '../../graph/node';
import { formatShape } from '../../graph/value-type';
import type { Tensor } from '../../tensor/tensor';
import type { InferenceContext } from '../op-schema';
import { checkUnidirectional, tensorOf } from '../onnx/shape-helpers';

export { QONNX_DOMAIN };

/** A known tensor's elements as numbers (undefined for strings). */
export function tensorValues(t: Tensor | undefined): number[] | undefined {
  if (!t || Array.isArray(t.data)) return undefined;
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => Number(v));
}

/** True when `t` is known and every element equals `v`. */
export function allEqual(t: Tensor | undefined, v: number): boolean {
  const xs = tensorValues(t);
  return xs !== undefined && xs.length > 0 && xs.every((x) => x === v);
}

/** The single value of a known one-element tensor. */
export function scalarValue(t: Tensor | undefined): number | undefined {
  const xs = tensorValues(t);
  return xs && xs.length === 1 ? xs[0] : undefined;
}

/** Checks that parameter input `i` broadcasts onto x. */
export function checkParam(ctx: InferenceContext, i: number, name: string): void {
  const x = ctx.tensorInput(0)?.shape;
  const p = ctx.tensorInput(i)?.shape;
  checkUnidirectional(ctx, p, x, name);
}

/** Checks that input `i` holds one value. */
export function checkScalar(ctx: InferenceContext, i: number, name: string): void {
  const s = ctx.tensorInput(i)?.shape;
  if (s && s.some((d) => typeof d === 'number' && d !== 1)) ctx.fail(`${ctx.node.opType}: ${name} has shape ${formatShape(s)}, expected a single value`);
}

/**
 * The output of a QONNX quantiser: float32 with x's shape (qonnx substitutes Cast-to-float or
 * Identity for its own shape inference).
 */
export function quantOutput(ctx: InferenceContext): ReturnType<typeof tensorOf> | undefined {
  const x = ctx.tensorInput(0);
  return x ? tensorOf('float32', x.shape) : undefined;
}
