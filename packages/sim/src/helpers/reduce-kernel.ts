import { attrInt, attrInts, type ElemType, hasAttr, integerElemRange, type Node, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { defineKernel, type Kernel, type KernelDefinition } from '../kernel';
import { stridesOf } from './broadcast';
import { readIntList } from './int-input';
import { outputBuffer, valueClassOf, valuesOf } from './numeric';
import { stridedIndex } from './take';

/**
 * A reduction. Floats accumulate in double and are rounded once; 8–32-bit integers accumulate in
 * double (exact below 2^53) and wrap on the final store; int64 / uint64 use bigints.
 */
export interface ReduceSpec {
  opType: string;
  /** Value of an empty reduction, per element type (e.g. 0, 1, -Infinity). */
  init: (t: ElemType) => number | bigint;
  float: (acc: number, x: number) => number;
  /** Integer fold; defaults to `float` (fine when exact, e.g. sums, max, min). */
  int?: (acc: number, x: number) => number;
  big?: (acc: bigint, x: bigint) => bigint;
  /** Final step given the number of reduced elements (Mean divides). */
  finish?: (acc: number, count: number, integer: boolean) => number;
  finishBig?: (acc: bigint, count: number) => bigint;
  /** Whether bool inputs are accepted (ReduceMax / ReduceMin from opset 20). */
  bool?: boolean;
}

interface Plan {
  dims: readonly number[];
  axesKey: string;
  outDims: number[];
  outN: number;
  count: number;
  /** Output index of every input element. */
  map: Int32Array;
}

function makePlan(dims: readonly number[], axes: Set<number>, keepdims: boolean, axesKey: string): Plan {
  const keptDims = dims.map((d, a) => (axes.has(a) ? 1 : d));
  const outStrides = stridesOf(keptDims);
  const eff = dims.map((_, a) => (axes.has(a) ? 0 : outStrides[a]));
  const outN = keptDims.reduce((x, y) => x * y, 1);
  const count = dims.reduce((x, d, a) => (axes.has(a) ? x * d : x), 1);
  return {
    dims,
    axesKey,
    outDims: keepdims ? keptDims : dims.filter((_, a) => !axes.has(a)),
    outN,
    count,
    map: stridedIndex(dims, eff),
  };
}

function createReduce(node: Node, spec: ReduceSpec, axesFromInput: boolean): Kernel {
  const keepdims = attrInt(node, 'keepdims', 1) !== 0;
  const noop = axesFromInput && attrInt(node, 'noop_with_empty_axes', 0) !== 0;
  const attrAxes = !axesFromInput && hasAttr(node, 'axes') ? attrInts(node, 'axes') : undefined;
  let plan: Plan | undefined;
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    const listed = axesFromInput ? (inputs[1] ? readIntList(inputs[1], `node ${node.label}: axes`, { allowScalar: true }) : []) : (attrAxes ?? []);
    if (listed.length === 0 && noop) return [x];
    const r = x.rank;
    const axes = new Set<number>();
    for (const a of listed.length ? listed : x.dims.map((_, i) => i)) {
      const b = a < 0 ? a + r : a;
      if (b < 0 || b >= r) throw new SimulationError(`node ${node.label}: axis ${a} is out of range for rank ${r}`);
      axes.add(b);
    }
    const key = [...axes].sort().join(',');
    if (!plan || plan.axesKey !== key || plan.dims.length !== r || plan.dims.some((d, i) => d !== x.dims[i])) plan = makePlan(x.dims, axes, keepdims, key);
    const { outN, count, map } = plan;
    const cls = valueClassOf(x.elemType);
    const v = valuesOf(x);
    const n = map.length;
    if (cls === 'big') {
      const fold = spec.big;
      if (!fold) throw new SimulationError(`node ${node.label}: element type ${x.elemType} is not supported`);
      const acc = new Array<bigint>(outN).fill(spec.init(x.elemType) as bigint);
      for (let k = 0; k < n; k++) acc[map[k]] = fold(acc[map[k]], v[k]);
      const out = Tensor.zeros(x.elemType, plan.outDims);
      const d = out.data as BigInt64Array;
      for (let i = 0; i < outN; i++) d[i] = spec.finishBig ? spec.finishBig(acc[i], count) : acc[i];
      return [out];
    }
    if (cls !== 'float' && cls !== 'int' && !(cls === 'bool' && spec.bool)) {
      throw new SimulationError(`node ${node.label}: element type ${x.elemType} is not supported`);
    }
    const integer = cls !== 'float';
    const fold = integer ? (spec.int ?? spec.float) : spec.float;
    const acc = new Float64Array(outN).fill(spec.init(x.elemType) as number);
    for (let k = 0; k < n; k++) acc[map[k]] = fold(acc[map[k]], v[k]);
    const buf = outputBuffer(x.elemType, outN);
    const fin = spec.finish;
    for (let i = 0; i < outN; i++) buf.values[i] = fin ? fin(acc[i], count, integer) : acc[i];
    return [new Tensor(x.elemType, plan.outDims, buf.finish())];
  };
}

/** Definitions of a reduction: `axes` attribute from opset 1, `axes` input from `inputSince`. */
export function reduceKernels(spec: ReduceSpec, inputSince: number): KernelDefinition[] {
  return [
    defineKernel({ domain: '', opType: spec.opType, since: 1, create: (node) => createReduce(node, spec, false) }),
    defineKernel({ domain: '', opType: spec.opType, since: inputSince, create: (node) => createReduce(node, spec, true) }),
  ];
}

/** The smallest / largest value of an element type (±Infinity for floats), for empty Max / Min. */
export function lowest(t: ElemType): number | bigint {
  if (t === 'int64') return -(1n << 63n);
  if (t === 'uint64') return 0n;
  if (t === 'bool') return 0;
  return valueClassOf(t) === 'int' ? integerElemRange(t)[0] : -Infinity;
}

export function highest(t: ElemType): number | bigint {
  if (t === 'int64') return (1n << 63n) - 1n;
  if (t === 'uint64') return (1n << 64n) - 1n;
  if (t === 'bool') return 1;
  return valueClassOf(t) === 'int' ? integerElemRange(t)[1] : Infinity;
}
