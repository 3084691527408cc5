import { type Graph, type Tensor, toNumbers } from '@scanflow/ir';
import { type ElemType, elemTypeForRange, elemTypeOf } from './cpp-types';
import { HlsCodegenError } from './errors';

/** The integer values of a constant tensor (float containers of integers), checked. */
export function integerValues(t: Tensor, what: string): number[] {
  const values = toNumbers(t);
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v)) throw new HlsCodegenError(`${what}: element ${i} is ${v}, expected an integer (HLS parameters are integers)`);
  });
  return values;
}

/** The initializer `name` of `graph`, or an error saying what was expected. */
export function requireInitializer(graph: Graph, name: string | undefined, what: string): Tensor {
  const t = name ? graph.initializers.get(name) : undefined;
  if (!t) throw new HlsCodegenError(`${what} must be a constant initializer`);
  return t;
}

/**
 * The C++ type of a parameter memory: the initializer's integer datatype annotation when it has
 * one and every value fits it, else the smallest type holding the values.
 */
export function paramElemType(graph: Graph, name: string, values: readonly number[], what: string): ElemType {
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 0;
  const dt = graph.getDataType(name);
  if (dt?.isInteger && dt.kind !== 'BIPOLAR' && dt.allowed(lo) && dt.allowed(hi)) return elemTypeOf(dt, what);
  return elemTypeForRange(lo, hi, what);
}

/** Rows of a 2-D [rows, cols] tensor given as a flat row-major list. */
export function rowsOf(values: readonly number[], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols));
}
