import { attrInt, attrString, type ElemType, elemTypeFromCode, isElemType, type Node } from '@scanflow/ir';
import { castTensor, type CastOptions } from '../../helpers/cast-values';
import type { E8M0RoundMode } from '../../helpers/float-bits';
import { SimulationError } from '../../errors';
import { defineKernel, type KernelContext } from '../../kernel';

/** Cast-1 names its target with a string (FLOAT, INT64 ...); later versions use TensorProto codes. */
const LEGACY_NAMES: Record<string, ElemType> = { FLOAT: 'float32', DOUBLE: 'float64' };

function targetType(node: Node, ctx: KernelContext): ElemType {
  const a = node.attributes.get('to');
  if (!a) return ctx.fail("required attribute 'to' is missing");
  if (a.type === 'int') {
    const t = elemTypeFromCode(Number(a.value));
    return t ?? ctx.fail(`attribute 'to' = ${a.value} is not a known element type code`);
  }
  if (a.type === 'string') {
    const name = a.value.toUpperCase();
    const t = LEGACY_NAMES[name] ?? name.toLowerCase();
    return isElemType(t) ? t : ctx.fail(`attribute 'to' = '${a.value}' is not a known element type`);
  }
  return ctx.fail(`attribute 'to' must be an int, got ${a.type}`);
}

/** The `saturate` (opset 19+) and `round_mode` (opset 25) attributes shared with CastLike. */
export function castOptions(node: Node, ctx: KernelContext): CastOptions {
  const roundMode = attrString(node, 'round_mode', 'up');
  if (roundMode !== 'up' && roundMode !== 'down' && roundMode !== 'nearest') ctx.fail(`attribute 'round_mode' must be up, down or nearest, got '${roundMode}'`);
  return { saturate: attrInt(node, 'saturate', 1) !== 0, roundMode: roundMode as E8M0RoundMode };
}

/** Cast: converts every element to the type `to` (see helpers/cast-values.ts for the rules). */
export default defineKernel({
  domain: '',
  opType: 'Cast',
  create: (node, ctx) => {
    const to = targetType(node, ctx);
    const options = castOptions(node, ctx);
    return (inputs) => {
      const x = inputs[0];
      if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      return [castTensor(x, to, options)];
    };
  },
});
