import { allocData, attrInt, type ElemType, type Node, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { defineKernel, type Kernel, type KernelDefinition } from '../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from './broadcast';
import { isFloatBitsType } from './float-bits';
import { outputBuffer, type ValueClass, valueClassOf, valuesOf } from './numeric';

/**
 * A binary elementwise function per value class (see numeric.ts). A class without a function
 * is an unsupported element type. Results are stored into the output container, which rounds
 * (float32), wraps (integers) or maps booleans to 0 / 1.
 */
export interface BinaryFns {
  float?: (x: number, y: number) => number | boolean;
  int?: (x: number, y: number) => number | boolean;
  big?: (x: bigint, y: bigint) => bigint | boolean;
  bool?: (x: number, y: number) => number | boolean;
  string?: (x: string, y: string) => boolean;
}

export interface BinaryOpSpec extends BinaryFns {
  opType: string;
  /** Element type of the result: the inputs' (default) or bool (comparisons). */
  result?: 'same' | 'bool';
  /** First opset of numpy-style broadcasting (default 7). */
  since?: number;
  /** Also register the opset 1–6 form with the `broadcast` / `axis` attributes. */
  legacy?: boolean;
  /**
   * For + - * /: the operator, so that float (and, for + and -, integer) tensors run in a plain loop
   * without a function call per element. Must agree with `float` / `int`.
   */
  arith?: Arith;
}

export type Arith = '+' | '-' | '*' | '/';

/** out[k] = a op b over a plan, in loops without calls (the hot path of small recurrent cells). */
export function arithLoop(op: Arith, ad: any, bd: any, out: any, plan: BinaryPlan): void {
  const n = plan.n;
  const ia = plan.ia;
  const ib = plan.ib;
  if (plan.kind === 1 || plan.kind === 2) {
    // one side is a single element: out = x op v[k] or v[k] op y
    const first = plan.kind === 1;
    const c = first ? ad[0] : bd[0];
    const v = first ? bd : ad;
    switch (op) {
      case '+':
        for (let k = 0; k < n; k++) out[k] = v[k] + c;
        return;
      case '*':
        for (let k = 0; k < n; k++) out[k] = v[k] * c;
        return;
      case '-':
        if (first) for (let k = 0; k < n; k++) out[k] = c - v[k];
        else for (let k = 0; k < n; k++) out[k] = v[k] - c;
        return;
      default:
        if (first) for (let k = 0; k < n; k++) out[k] = c / v[k];
        else for (let k = 0; k < n; k++) out[k] = v[k] / c;
        return;
    }
  }
  if (plan.kind === 0 || (!ia && !ib)) {
    switch (op) {
      case '+':
        for (let k = 0; k < n; k++) out[k] = ad[k] + bd[k];
        return;
      case '-':
        for (let k = 0; k < n; k++) out[k] = ad[k] - bd[k];
        return;
      case '*':
        for (let k = 0; k < n; k++) out[k] = ad[k] * bd[k];
        return;
      default:
        for (let k = 0; k < n; k++) out[k] = ad[k] / bd[k];
        return;
    }
  }
  const xa = ia ?? identityIndex(n);
  const xb = ib ?? identityIndex(n);
  switch (op) {
    case '+':
      for (let k = 0; k < n; k++) out[k] = ad[xa[k]] + bd[xb[k]];
      return;
    case '-':
      for (let k = 0; k < n; k++) out[k] = ad[xa[k]] - bd[xb[k]];
      return;
    case '*':
      for (let k = 0; k < n; k++) out[k] = ad[xa[k]] * bd[xb[k]];
      return;
    default:
      for (let k = 0; k < n; k++) out[k] = ad[xa[k]] / bd[xb[k]];
  }
}

let identityCache = new Int32Array(0);
function identityIndex(n: number): Int32Array {
  if (identityCache.length < n) {
    identityCache = new Int32Array(Math.max(n, 2 * identityCache.length));
    for (let i = 0; i < identityCache.length; i++) identityCache[i] = i;
  }
  return identityCache;
}

/** How two shapes broadcast: output shape and the flat source index of each operand (absent = identity). */
export interface BinaryPlan {
  shape: number[];
  n: number;
  /** 0: same layout; 1: a is a single element; 2: b is a single element; 3: general. */
  kind: 0 | 1 | 2 | 3;
  ia?: Int32Array;
  ib?: Int32Array;
}

function sameDims(x: readonly number[], y: readonly number[]): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function binaryPlan(aDims: readonly number[], bDims: readonly number[], what: string): BinaryPlan {
  const shape = sameDims(aDims, bDims) ? [...aDims] : broadcastShapes([aDims, bDims], what);
  const n = sizeOf(shape);
  const na = sizeOf(aDims);
  const nb = sizeOf(bDims);
  // An operand with as many elements as the output is laid out like it (broadcast only adds 1s).
  const aFull = na === n;
  const bFull = nb === n;
  if (aFull && bFull) return { shape, n, kind: 0 };
  if (bFull && na === 1) return { shape, n, kind: 1 };
  if (aFull && nb === 1) return { shape, n, kind: 2 };
  const plan: BinaryPlan = { shape, n, kind: 3 };
  if (!aFull) plan.ia = broadcastIndex(aDims, shape);
  if (!bFull) plan.ib = broadcastIndex(bDims, shape);
  return plan;
}

/** Remembers the plan of the last pair of shapes (a node usually sees the same shapes every run). */
export class PlanCache {
  private a: readonly number[] | undefined;
  private b: readonly number[] | undefined;
  private plan: BinaryPlan | undefined;

  get(aDims: readonly number[], bDims: readonly number[], what: string): BinaryPlan {
    if (this.plan && sameDims(this.a!, aDims) && sameDims(this.b!, bDims)) return this.plan;
    const plan = binaryPlan(aDims, bDims, what);
    this.a = aDims;
    this.b = bDims;
    this.plan = plan;
    return plan;
  }
}

/** out[k] = f(a[ia[k]], b[ib[k]]) over a plan. */
export function mapBinary(f: (x: any, y: any) => any, ad: ArrayLike<any>, bd: ArrayLike<any>, out: any, plan: BinaryPlan): void {
  const n = plan.n;
  switch (plan.kind) {
    case 0:
      for (let k = 0; k < n; k++) out[k] = f(ad[k], bd[k]);
      return;
    case 1: {
      const x = ad[0];
      for (let k = 0; k < n; k++) out[k] = f(x, bd[k]);
      return;
    }
    case 2: {
      const y = bd[0];
      for (let k = 0; k < n; k++) out[k] = f(ad[k], y);
      return;
    }
    default: {
      const ia = plan.ia;
      const ib = plan.ib;
      if (ia && ib) for (let k = 0; k < n; k++) out[k] = f(ad[ia[k]], bd[ib[k]]);
      else if (ia) for (let k = 0; k < n; k++) out[k] = f(ad[ia[k]], bd[k]);
      else if (ib) for (let k = 0; k < n; k++) out[k] = f(ad[k], bd[ib[k]]);
      else for (let k = 0; k < n; k++) out[k] = f(ad[k], bd[k]);
    }
  }
}

/** The opset < 7 form: without `broadcast`, shapes must match; with it, B aligns with A at `axis`. */
export function legacyBroadcastDims(node: Node, a: readonly number[], b: readonly number[]): readonly number[] {
  const on = attrInt(node, 'broadcast', 0) !== 0;
  if (!on) {
    if (!sameDims(a, b)) {
      throw new SimulationError(`node ${node.label}: without broadcast=1 the inputs must have the same shape, got [${a.join(', ')}] and [${b.join(', ')}]`);
    }
    return b;
  }
  if (b.length > a.length) throw new SimulationError(`node ${node.label}: B [${b.join(', ')}] has a higher rank than A [${a.join(', ')}]`);
  let axis = attrInt(node, 'axis', a.length - b.length);
  if (axis < 0) axis += a.length;
  if (axis < 0 || axis + b.length > a.length) throw new SimulationError(`node ${node.label}: axis ${axis} does not fit B [${b.join(', ')}] into A [${a.join(', ')}]`);
  return [...b, ...new Array<number>(a.length - axis - b.length).fill(1)];
}

const CLASSES: ValueClass[] = ['float', 'int', 'big', 'bool', 'string'];
const CLASS_NAMES: Record<ValueClass, string> = {
  float: 'float16/bfloat16/float32/float64',
  int: 'int8/16/32, uint8/16/32',
  big: 'int64/uint64',
  bool: 'bool',
  string: 'string',
};

/** The function of `spec` for an element type's value class, or a clear error. */
export function pickFn<F>(fns: { [K in ValueClass]?: F }, t: ElemType, label: string): F {
  const cls = valueClassOf(t);
  const f = cls ? fns[cls] : undefined;
  if (!f) {
    const ok = CLASSES.filter((k) => fns[k]).map((k) => CLASS_NAMES[k]).join(', ');
    throw new SimulationError(`node ${label}: element type ${t} is not supported (expected ${ok})`);
  }
  return f;
}

export function requireInputs(inputs: readonly (Tensor | undefined)[], count: number, node: Node): Tensor[] {
  const out: Tensor[] = [];
  for (let i = 0; i < count; i++) {
    const t = inputs[i];
    if (!t) throw new SimulationError(`node ${node.label}: input ${i} is missing`);
    out.push(t);
  }
  return out;
}

function createBinary(node: Node, spec: BinaryOpSpec, legacy: boolean): Kernel {
  const cache = new PlanCache();
  const what = `node ${node.label}`;
  // per element type: the function, and whether the call-free loop applies (remembered between runs)
  let lastType: ElemType | undefined;
  let f: (x: any, y: any) => any = () => 0;
  let fast = false;
  let bits = false;
  return (inputs) => {
    const a = inputs[0];
    const b = inputs[1];
    if (!a || !b) throw new SimulationError(`${what}: needs two inputs`);
    const type = a.elemType;
    if (type !== b.elemType) throw new SimulationError(`${what}: inputs must have the same element type, got ${type} and ${b.elemType}`);
    if (type !== lastType) {
      f = pickFn<(x: any, y: any) => any>(spec, type, node.label);
      const cls = valueClassOf(type);
      fast = spec.arith !== undefined && (cls === 'float' || (cls === 'int' && (spec.arith === '+' || spec.arith === '-')));
      bits = isFloatBitsType(type);
      lastType = type;
    }
    const plan = cache.get(a.dims, legacy ? legacyBroadcastDims(node, a.dims, b.dims) : b.dims, what);
    const outType: ElemType = spec.result === 'bool' ? 'bool' : type;
    if (bits) {
      const buf = outputBuffer(outType, plan.n);
      if (fast) arithLoop(spec.arith!, valuesOf(a), valuesOf(b), buf.values, plan);
      else mapBinary(f, valuesOf(a), valuesOf(b), buf.values, plan);
      return [new Tensor(outType, plan.shape, buf.finish())];
    }
    const out = allocData(outType, plan.n);
    if (fast) arithLoop(spec.arith!, a.data, b.data, out, plan);
    else mapBinary(f, a.data as ArrayLike<any>, b.data as ArrayLike<any>, out, plan);
    return [new Tensor(outType, plan.shape, out)];
  };
}

/** Kernel definitions of a binary elementwise op (the legacy-broadcast form first when asked). */
export function binaryKernels(spec: BinaryOpSpec): KernelDefinition[] {
  const defs: KernelDefinition[] = [];
  if (spec.legacy) defs.push(defineKernel({ domain: '', opType: spec.opType, since: 1, create: (node) => createBinary(node, spec, true) }));
  defs.push(defineKernel({ domain: '', opType: spec.opType, since: spec.since ?? 7, create: (node) => createBinary(node, spec, false) }));
  return defs;
}
