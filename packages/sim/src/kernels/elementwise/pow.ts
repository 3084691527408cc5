import { type ElemType, isBigIntElemType, type Node, Tensor } from '@scanflow/ir';
import { legacyBroadcastDims, mapBinary, PlanCache, requireInputs } from '../../helpers/binary-kernel';
import { outputBuffer, valueClassOf, valuesOf } from '../../helpers/numeric';
import { SimulationError } from '../../errors';
import { defineKernel, type Kernel } from '../../kernel';

/** pow with C's special cases, where Math.pow differs: pow(1, y) = 1 and pow(-1, ±inf) = 1. */
export function cPow(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/** Integer power by squaring, modulo 2^64 at every step (what a wrapped int64 loop computes). */
function bigPow(x: bigint, y: bigint): bigint {
  if (y < 0n) {
    // C would compute pow in double and truncate: only ±1 survive
    if (x === 1n) return 1n;
    if (x === -1n) return y % 2n === 0n ? 1n : -1n;
    if (x === 0n) throw new SimulationError('Pow: 0 raised to a negative integer power');
    return 0n;
  }
  let r = 1n;
  let b = BigInt.asIntN(64, x);
  let e = y;
  while (e > 0n) {
    if (e & 1n) r = BigInt.asIntN(64, r * b);
    b = BigInt.asIntN(64, b * b);
    e >>= 1n;
  }
  return r;
}

function toBigInt(v: number): bigint {
  if (!Number.isFinite(v)) throw new SimulationError(`Pow: result ${v} cannot be stored in a 64-bit integer`);
  return BigInt(Math.trunc(v));
}

function powFn(base: ElemType, exp: ElemType): (x: any, y: any) => any {
  const bigBase = isBigIntElemType(base);
  const bigExp = isBigIntElemType(exp);
  if (bigBase && bigExp) return bigPow;
  if (bigBase) return (x: bigint, y: number) => (Number.isInteger(y) ? bigPow(x, BigInt(y)) : toBigInt(cPow(Number(x), y)));
  const isInt = valueClassOf(base) === 'int';
  if (bigExp) return isInt ? (x: number, y: bigint) => Math.trunc(cPow(x, Number(y))) : (x: number, y: bigint) => cPow(x, Number(y));
  return isInt ? (x: number, y: number) => Math.trunc(cPow(x, y)) : cPow;
}

function createPow(node: Node, legacy: boolean): Kernel {
  const cache = new PlanCache();
  const what = `node ${node.label}`;
  return (inputs) => {
    const [a, b] = requireInputs(inputs, 2, node);
    const ca = valueClassOf(a.elemType);
    const cb = valueClassOf(b.elemType);
    if (ca !== 'float' && ca !== 'int' && ca !== 'big') throw new SimulationError(`${what}: base of type ${a.elemType} is not supported`);
    if (cb !== 'float' && cb !== 'int' && cb !== 'big') throw new SimulationError(`${what}: exponent of type ${b.elemType} is not supported`);
    const plan = cache.get(a.dims, legacy ? legacyBroadcastDims(node, a.dims, b.dims) : b.dims, what);
    const buf = outputBuffer(a.elemType, plan.n);
    mapBinary(powFn(a.elemType, b.elemType), valuesOf(a), valuesOf(b), buf.values, plan);
    return [new Tensor(a.elemType, plan.shape, buf.finish())];
  };
}

/**
 * Pow: the result has the base's type; the exponent may have another numeric type (opset 12+).
 * Floats follow C's pow; integer results are truncated toward zero (and wrap), int64 ** int64 is exact
 * modulo 2^64.
 */
export default [
  defineKernel({ domain: '', opType: 'Pow', since: 1, create: (node) => createPow(node, true) }),
  defineKernel({ domain: '', opType: 'Pow', since: 7, create: (node) => createPow(node, false) }),
];
