import { attrInt } from '../../graph/attribute';
import type { ElemType } from '../../tensor/elem-type';
import { defineOp, type AttributeSpec, type DataTypeContext, type OpSchema, type UpgradeContext } from '../op-schema';
import type { ElementwiseBroadcast, OpTraits } from '../op-traits';
import type { DataType } from '../../datatype/datatype';
import { broadcastShapes, checkUnidirectional, mergeEqualShapes, sameElemType, tensorOf } from './shape-helpers';

/**
 * Schema factories for the element-wise ops: unary ops keep their input's type; binary and variadic
 * ops broadcast (numpy rules from opset 7/8, the legacy `broadcast`/`axis` attributes before).
 */

interface ElementwiseOptions {
  attributes?: Record<string, AttributeSpec>;
  description?: string;
  /** Output element type when it is not the input's (comparisons give bool). */
  outElemType?: ElemType;
  /** Inputs whose element types must agree (default: all). */
  sameTypeInputs?: number[];
  inferDataTypes?(ctx: DataTypeContext): (DataType | undefined)[];
  /** Traits besides `elementwise` (which the factory sets), e.g. a `ranges` hook or `scaleCommuting`. */
  traits?: OpTraits;
}

function traitsOf(broadcast: ElementwiseBroadcast, options: ElementwiseOptions): OpTraits {
  return { elementwise: { broadcast }, ...options.traits };
}

/** A one-input op whose output has the input's type and shape. */
export function unaryOp(opType: string, since: number, options: ElementwiseOptions = {}): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [1, 1],
    outputs: [1, 1],
    ...(options.description ? { description: options.description } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      return [tensorOf(options.outElemType ?? x.elemType, x.shape)];
    },
    ...(options.inferDataTypes ? { inferDataTypes: options.inferDataTypes } : {}),
    traits: traitsOf('none', options),
  });
}

/**
 * The opset-1..6 form broadcast B onto A only with `broadcast` = 1 (aligned at `axis`); without it
 * the shapes were equal, which numpy broadcasting reads the same way. With it, refused.
 */
function fromLegacyBroadcast(ctx: UpgradeContext): undefined {
  if (ctx.from >= 7) return undefined;
  if (attrInt(ctx.node, 'broadcast', 0) === 1) ctx.fail('the opset-6 `broadcast` attribute is not converted');
  ctx.node.attributes.delete('broadcast');
  ctx.node.attributes.delete('axis');
  return undefined;
}

/** A two-input op with numpy (multidirectional) broadcasting. */
export function binaryOp(opType: string, since: number, options: ElementwiseOptions = {}): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since,
    upgrade: fromLegacyBroadcast,
    inputs: [2, 2],
    outputs: [1, 1],
    ...(options.description ? { description: options.description } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
    inferTypes(ctx) {
      const elem = options.outElemType ?? sameElemType(ctx, options.sameTypeInputs ?? [0, 1]);
      const shape = broadcastShapes(ctx, [ctx.tensorInput(0)?.shape, ctx.tensorInput(1)?.shape]);
      return [elem ? tensorOf(elem, shape) : undefined];
    },
    ...(options.inferDataTypes ? { inferDataTypes: options.inferDataTypes } : {}),
    traits: traitsOf('numpy', options),
  });
}

/**
 * A two-input op of opsets before 7: B is broadcast onto A when `broadcast` = 1 (aligned at `axis`,
 * or as a suffix), otherwise the shapes must be equal. The output has A's shape.
 */
export function legacyBinaryOp(opType: string, since: number, options: ElementwiseOptions = {}): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [2, 2],
    outputs: [1, 1],
    attributes: {
      broadcast: { type: 'int', default: 0, allowed: [0, 1], description: 'Whether B is broadcast onto A.' },
      axis: { type: 'int', description: 'Where B aligns with A when broadcasting (default: B is a suffix of A).' },
      ...options.attributes,
    },
    inferTypes(ctx) {
      sameElemType(ctx, options.sameTypeInputs ?? [0, 1]);
      const a = ctx.tensorInput(0);
      const b = ctx.tensorInput(1);
      if (!a) return [undefined];
      let shape = a.shape;
      if (attrInt(ctx.node, 'broadcast', 0) === 1) {
        if (!ctx.node.attributes.has('axis')) checkUnidirectional(ctx, b?.shape, a.shape, 'B');
        else if (a.shape && b?.shape && b.shape.length > a.shape.length) ctx.fail(`${opType}: B has rank ${b.shape.length}, more than A's ${a.shape.length}`);
      } else {
        shape = mergeEqualShapes(ctx, [a.shape, b?.shape]);
      }
      return [tensorOf(options.outElemType ?? a.elemType, shape)];
    },
    ...(options.inferDataTypes ? { inferDataTypes: options.inferDataTypes } : {}),
    traits: traitsOf('legacy', options),
  });
}

/** A variadic op (Max, Min, Sum, Mean): equal shapes before opset 8, numpy broadcasting from 8. */
export function variadicOp(opType: string, since: number, broadcast: boolean, options: ElementwiseOptions = {}): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [1, Number.MAX_SAFE_INTEGER],
    outputs: [1, 1],
    ...(options.description ? { description: options.description } : {}),
    inferTypes(ctx) {
      const idx = ctx.node.inputs.map((_, i) => i);
      const elem = sameElemType(ctx, idx);
      if (!elem) return [undefined];
      const shapes = idx.map((i) => ctx.tensorInput(i)?.shape);
      const shape = broadcast ? broadcastShapes(ctx, shapes) : mergeEqualShapes(ctx, shapes);
      return [tensorOf(elem, shape)];
    },
    ...(options.inferDataTypes ? { inferDataTypes: options.inferDataTypes } : {}),
    traits: traitsOf(broadcast ? 'numpy' : 'none', options),
  });
}
