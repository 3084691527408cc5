import { GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../simulator';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const A = f([2, 3], [1, 2, 3, 4, 5, 6]);
const B = f([3, 2], [1, 0, 0, 1, 1, 1]);

// Hand-worked products.
const cases: { name: string; a: Tensor; b: Tensor; dims: number[]; y: number[] }[] = [
  { name: '2-D x 2-D', a: A, b: B, dims: [2, 2], y: [4, 5, 10, 11] },
  { name: '[M,K] x [K,1]', a: A, b: f([3, 1], [1, 1, 1]), dims: [2, 1], y: [6, 15] },
  { name: '[1,K] x [K,N]', a: f([1, 3], [1, 2, 3]), b: B, dims: [1, 2], y: [4, 5] },
  { name: '1-D x 1-D is a scalar', a: f([3], [1, 2, 3]), b: f([3], [4, 5, 6]), dims: [], y: [32] },
  { name: '1-D x 2-D drops the row axis', a: f([3], [1, 2, 3]), b: B, dims: [2], y: [4, 5] },
  { name: '2-D x 1-D drops the column axis', a: A, b: f([3], [1, 1, 1]), dims: [2], y: [6, 15] },
  // two 1x2 matrices [1,2], [3,4] times diag(1,2)
  { name: 'batched x 2-D', a: f([2, 1, 2], [1, 2, 3, 4]), b: f([2, 2], [1, 0, 0, 2]), dims: [2, 1, 2], y: [1, 4, 3, 8] },
  // A_i in {[1,2],[3,4]}, B_j in {[1,1]ᵀ,[1,0]ᵀ,[0,1]ᵀ}: out[i][j] = A_i·B_j
  { name: 'batch axes broadcast both ways', a: f([2, 1, 1, 2], [1, 2, 3, 4]), b: f([3, 2, 1], [1, 1, 1, 0, 0, 1]), dims: [2, 3, 1, 1], y: [3, 1, 2, 7, 3, 4] },
  // [1,2]·B for both batches
  { name: '1-D x 3-D', a: f([2], [1, 2]), b: f([2, 2, 2], [1, 0, 0, 1, 2, 0, 0, 2]), dims: [2, 2], y: [1, 2, 2, 4] },
  { name: '3-D x 1-D', a: f([2, 1, 2], [1, 2, 3, 4]), b: f([2], [1, -1]), dims: [2, 1], y: [-1, -1] },
  { name: 'K = 0 gives zeros', a: f([2, 0], []), b: f([0, 3], []), dims: [2, 3], y: [0, 0, 0, 0, 0, 0] },
];

describe('MatMul', () => {
  it.each(cases)('$name', ({ a, b, dims, y }) => {
    const [out] = runOp('MatMul', [a, b]);
    expect(out.dims).toEqual(dims);
    expect(values(out)).toEqual(y);
  });

  it('accumulates float32 in double with one rounding (2^24 + 1 + 1 = 2^24 + 2)', () => {
    const [out] = runOp('MatMul', [f([1, 3], [2 ** 24, 1, 1]), f([3, 1], [1, 1, 1])]);
    expect(values(out)).toEqual([2 ** 24 + 2]);
    const [wide] = runOp('MatMul', [f([1, 3], [2 ** 24, 1, 1]), f([3, 2], [1, 1, 1, 1, 1, 1])]);
    expect(values(wide)).toEqual([2 ** 24 + 2, 2 ** 24 + 2]);
  });

  it('computes large float32 matrix-vector products (the WebAssembly path) exactly for small integers', () => {
    // [64, 40] · [40, 1] and [64, 40] · [40]: integer data make every summation order exact.
    const M = 64;
    const K = 40;
    const av = Array.from({ length: M * K }, (_, i) => ((i * 7) % 13) - 6);
    const xv = Array.from({ length: K }, (_, k) => ((k * 5) % 11) - 5);
    const y = Array.from({ length: M }, (_, i) => xv.reduce((s, xk, k) => s + av[i * K + k] * xk, 0));
    const a = f([M, K], av);
    expect(values(runOp('MatMul', [a, f([K, 1], xv)])[0])).toEqual(y);
    const [v] = runOp('MatMul', [a, f([K], xv)]);
    expect(v.dims).toEqual([M]);
    expect(values(v)).toEqual(y);
    // one rounding at the end also on this path: 2^24 + 1 + 1 = 2^24 + 2
    const wide = [2 ** 24, 1, 1, ...new Array<number>(K - 3).fill(0)];
    expect(values(runOp('MatMul', [f([2, K], [...wide, ...wide]), f([K, 1], new Array<number>(K).fill(1))])[0])).toEqual([2 ** 24 + 2, 2 ** 24 + 2]);
  });

  it('keeps float64 in float64', () => {
    const [out] = runOp('MatMul', [new Tensor('float64', [1, 2], Float64Array.from([0.1, 0.2])), new Tensor('float64', [2, 1], Float64Array.from([1, 1]))]);
    expect(out.elemType).toBe('float64');
    expect(values(out)).toEqual([0.1 + 0.2]);
  });

  it('wraps int32 at 32 bits', () => {
    const i32 = (v: number[]) => new Tensor('int32', [1, 1], Int32Array.from(v));
    expect(values(runOp('MatMul', [i32([65536]), i32([65536])])[0])).toEqual([0]);
    expect(values(runOp('MatMul', [i32([65537]), i32([65537])])[0])).toEqual([131073]); // 2^32 + 2^17 + 1
    expect(values(runOp('MatMul', [i32([-3]), i32([7])])[0])).toEqual([-21]);
  });

  it('multiplies int64 exactly', () => {
    const [out] = runOp('MatMul', [Tensor.int64([1, 2], [3_000_000_000n, 1n]), Tensor.int64([2, 1], [3_000_000_000n, 5n])]);
    expect(out.elemType).toBe('int64');
    expect(Array.from(out.data as BigInt64Array)).toEqual([9_000_000_000_000_000_005n]);
  });

  it('names the shapes when the inner dimensions disagree', () => {
    expect(() => runOp('MatMul', [A, A])).toThrow(/A \[2, 3\] and B \[2, 3\] do not agree/);
  });

  it('rejects batch axes that do not broadcast', () => {
    expect(() => runOp('MatMul', [f([2, 1, 1], [1, 2]), f([3, 1, 1], [1, 2, 3])])).toThrow(/cannot be broadcast/);
  });
});

describe('MatMul on the WebAssembly path with a graph-input left operand', () => {
  it('sees new values when the caller refills the same array between runs', () => {
    const b = new GraphBuilder('g');
    const a = b.input('a', 'float32', [16, 8]);
    const x = b.input('x', 'float32', [8, 1]);
    b.output(b.op('MatMul', [a, x]), 'float32', [16, 1]);
    const sim = new Simulator(b.model());
    const A = Tensor.zeros('float32', [16, 8]);
    const X = Tensor.float32([8, 1], [1, 1, 1, 1, 1, 1, 1, 1]);
    (A.data as Float32Array).fill(1);
    expect((sim.run([A, X]).outputs[0].data as Float32Array)[0]).toBe(8);
    (A.data as Float32Array).fill(3);
    expect((sim.run([A, X]).outputs[0].data as Float32Array)[0]).toBe(24);
  });
});
