import { allocData, type ElemType, type Node, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { defineKernel, type Kernel, type KernelDefinition } from '../kernel';
import { pickFn } from './binary-kernel';
import { isFloatBitsType } from './float-bits';
import { outputBuffer, valueClassOf, valuesOf } from './numeric';

/** A unary elementwise function per value class (see numeric.ts); a missing class is unsupported. */
export interface UnaryFns {
  float?: (x: number) => number;
  int?: (x: number) => number;
  big?: (x: bigint) => bigint;
  bool?: (x: number) => number | boolean;
}

/** out[k] = f(d[k]). */
export function mapUnary(f: (x: any) => any, d: ArrayLike<any>, out: any, n: number): void {
  for (let k = 0; k < n; k++) out[k] = f(d[k]);
}

/**
 * A kernel applying `fns` (built once per node, e.g. from its attributes) to every element.
 * `floatLoop`, when given, runs float tensors without a function call per element (hot ops).
 */
export function createUnary(node: Node, fns: UnaryFns, floatLoop?: FloatLoop): Kernel {
  let lastType: ElemType | undefined;
  let f: (v: any) => any = () => 0;
  let loop: FloatLoop | undefined;
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    const type = x.elemType;
    if (type !== lastType) {
      f = pickFn<(v: any) => any>(fns, type, node.label);
      loop = floatLoop && valueClassOf(type) === 'float' ? floatLoop : undefined;
      lastType = type;
    }
    const n = x.data.length;
    if (isFloatBitsType(type)) {
      const buf = outputBuffer(type, n);
      if (loop) loop(valuesOf(x), buf.values, n);
      else mapUnary(f, valuesOf(x), buf.values, n);
      return [new Tensor(type, x.dims, buf.finish())];
    }
    const out = allocData(type, n);
    if (loop) loop(x.data as Float32Array, out as Float32Array, n);
    else mapUnary(f, x.data as ArrayLike<any>, out, n);
    return [new Tensor(type, x.dims, out)];
  };
}

/** out[k] = f(x[k]) for float containers, written out per op so that the loop body is inlined. */
export type FloatLoop = (x: ArrayLike<number>, out: { [k: number]: number }, n: number) => void;

/** The kernel definition of a unary elementwise op; `fns` may read the node's attributes. */
export function unaryKernel(opType: string, fns: UnaryFns | ((node: Node) => UnaryFns), since = 1, floatLoop?: FloatLoop): KernelDefinition {
  return defineKernel({
    domain: '',
    opType,
    since,
    create: (node) => createUnary(node, typeof fns === 'function' ? fns(node) : fns, floatLoop),
  });
}
