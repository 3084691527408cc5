/** Plain elementwise helpers for the tiny reference kernels of the Scan tests (test-only). */
import { type ElemType, isBigIntElemType, Tensor, type TensorData, allocData } from '@scanflow/ir';
import { broadcastIndex, broadcastShapes, sizeOf } from '../src/helpers/broadcast';

type Num = number | bigint;

/**
 * Applies `f` to every broadcast pair of elements of `a` and `b` and stores the results in a new
 * tensor of `outType`. Values arrive as numbers, or bigints for int64 / uint64 inputs; the result is
 * converted to the output container (float32 rounds, integer arrays wrap).
 */
export function binaryMap(a: Tensor, b: Tensor, outType: ElemType, f: (x: any, y: any) => Num | boolean, what = 'elementwise'): Tensor {
  const shape = broadcastShapes([a.dims, b.dims], what);
  const n = sizeOf(shape);
  const out = allocData(outType, n) as any;
  const ad = a.data as any;
  const bd = b.data as any;
  const ia = broadcastIndex(a.dims, shape);
  const ib = broadcastIndex(b.dims, shape);
  const big = isBigIntElemType(outType);
  for (let k = 0; k < n; k++) {
    const r = f(ad[ia ? ia[k] : k], bd[ib ? ib[k] : k]);
    out[k] = convert(r, big);
  }
  return new Tensor(outType, shape, out as TensorData);
}

/** Applies `f` to every element, into a new tensor of `outType` (default: the input's type). */
export function unaryMap(a: Tensor, f: (x: any) => Num | boolean, outType: ElemType = a.elemType): Tensor {
  const n = a.data.length;
  const out = allocData(outType, n) as any;
  const ad = a.data as any;
  const big = isBigIntElemType(outType);
  for (let k = 0; k < n; k++) out[k] = convert(f(ad[k]), big);
  return new Tensor(outType, a.dims, out as TensorData);
}

/** Variadic broadcast (Sum, Max, Min, Mean): folds `f` over all inputs. */
export function variadicMap(inputs: readonly Tensor[], outType: ElemType, f: (acc: any, x: any) => Num, what = 'variadic'): Tensor {
  let acc = inputs[0];
  for (let i = 1; i < inputs.length; i++) acc = binaryMap(acc, inputs[i], outType, f, what);
  return acc.elemType === outType ? acc : unaryMap(acc, (x) => x, outType);
}

function convert(r: Num | boolean, big: boolean): Num {
  if (typeof r === 'boolean') return big ? BigInt(r ? 1 : 0) : r ? 1 : 0;
  if (big) return typeof r === 'bigint' ? r : BigInt(Math.trunc(r));
  return typeof r === 'bigint' ? Number(r) : r;
}
