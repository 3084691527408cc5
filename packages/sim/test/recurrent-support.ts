import { type AttributeInput, createRegistry, definePlugin, GraphBuilder, type Registry, type Tensor } from '@scanflow/ir';
import { binaryMap, unaryMap } from './reference-elementwise';
import { defineKernel, type KernelDefinition } from '../src/kernel';
import { recurrentKernels } from '../src/kernels/recurrent/index';
import identity from '../src/kernels/tensor/identity';
import { Simulator } from '../src/simulator';

/** A small seeded PRNG (mulberry32) so randomised cases are reproducible. */
export function prng(seed: number): { next(): number; uniform(lo: number, hi: number): number; int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/** `n` uniform values in [lo, hi), already float32-representable. */
export function randomValues(rng: ReturnType<typeof prng>, n: number, lo = -1, hi = 1): number[] {
  return Array.from({ length: n }, () => Math.fround(rng.uniform(lo, hi)));
}

/**
 * Minimal float kernels used only by the hand-worked Scan tests, so that those tests depend on the
 * Scan kernel alone (the real elementwise kernels are exercised by the onnxruntime comparison).
 */
const testKernels: KernelDefinition[] = [
  defineKernel({ domain: '', opType: 'Add', create: () => (i) => [binaryMap(i[0]!, i[1]!, i[0]!.elemType, (x: number, y: number) => x + y)] }),
  defineKernel({ domain: '', opType: 'Mul', create: () => (i) => [binaryMap(i[0]!, i[1]!, i[0]!.elemType, (x: number, y: number) => x * y)] }),
  defineKernel({ domain: '', opType: 'Neg', create: () => (i) => [unaryMap(i[0]!, (x: number) => -x)] }),
];

/** A registry with the recurrent kernels, Identity and the test kernels above. */
export function scanTestRegistry(): Registry {
  return createRegistry([definePlugin({ name: 'recurrent-test', kernels: [...recurrentKernels, identity, ...testKernels] })]);
}

/** Element-wise closeness |a - e| <= atol + rtol·|e|, with a readable first mismatch. */
export function expectClose(actual: Tensor | undefined, expected: { dims: readonly number[]; data: ArrayLike<number> }, rtol = 1e-3, atol = 1e-5): string | undefined {
  if (!actual) return 'no tensor';
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, k) => d !== expected.dims[k])) {
    return `shape [${actual.dims.join(', ')}], expected [${expected.dims.join(', ')}]`;
  }
  const a = actual.data as ArrayLike<number>;
  if (a.length !== expected.data.length) return `${a.length} values, expected ${expected.data.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = expected.data[i];
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y)) && !(Number.isNaN(x) && Number.isNaN(y))) {
      return `element ${i}: ${x}, expected ${y} (shape [${actual.dims.join(', ')}])`;
    }
  }
  return undefined;
}

/**
 * Builds a one-node model (every given input becomes a graph input, omitted ones stay '') and
 * runs it through the simulator; returns the node's outputs in order.
 */
export function runSingleNode(
  opType: string,
  inputs: readonly (Tensor | undefined)[],
  attributes: Record<string, AttributeInput | undefined>,
  outputCount: number,
  opset = 14,
  registry: Registry = scanTestRegistry(),
): Tensor[] {
  const b = new GraphBuilder('single');
  const names = inputs.map((t, k) => (t ? b.input(`in${k}`, t.elemType, [...t.dims]) : undefined));
  const outs = Array.from({ length: outputCount }, (_, k) => `out${k}`);
  b.node(opType, names, attributes, { outputs: outs, name: 'n' });
  for (const o of outs) b.output(o);
  const sim = new Simulator(b.model({ opset }), { registry });
  return sim.run(inputs.filter((t): t is Tensor => !!t)).outputs;
}
