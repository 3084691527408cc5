import { createRegistry, GraphBuilder, type Tensor } from '@scanflow/ir';
import { coreKernels } from '../../core-kernels';
import { Simulator } from '../../simulator';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

// Add / Sub / Mul share the binary-op engine; expected values worked by hand from the ONNX spec
// (numpy broadcasting, integer arithmetic wraps like C).
const cases: [string, string, Tensor, Tensor, number[], (number | bigint)[], number?][] = [
  ['[2,3] + [3] broadcasts rows', 'Add', f32([2, 3], [1, 2, 3, 4, 5, 6]), f32([3], [10, 20, 30]), [2, 3], [11, 22, 33, 14, 25, 36]],
  ['[2,1] + [1,3] broadcasts both ways', 'Add', f32([2, 1], [1, 2]), f32([1, 3], [10, 20, 30]), [2, 3], [11, 21, 31, 12, 22, 32]],
  ['scalar - vector', 'Sub', f32([], [10]), f32([3], [1, 2, 3]), [3], [9, 8, 7]],
  ['vector - scalar', 'Sub', f32([3], [1, 2, 3]), f32([1], [1]), [3], [0, 1, 2]],
  ['[3,1,2] * [2,1] → [3,2,2]', 'Mul', f32([3, 1, 2], [1, 2, 3, 4, 5, 6]), f32([2, 1], [10, 100]), [3, 2, 2], [10, 20, 100, 200, 30, 40, 300, 400, 50, 60, 500, 600]],
  ['float32: one rounding of the exact sum', 'Add', f32([1], [0.1]), f32([1], [0.2]), [1], [0.30000001192092896]],
  ['int8 wraps', 'Add', t('int8', [3], [100, -100, 127]), t('int8', [3], [100, -100, 1]), [3], [-56, 56, -128]],
  ['uint8 wraps below 0', 'Sub', t('uint8', [2], [1, 0]), t('uint8', [2], [2, 255]), [2], [255, 1]],
  ['int16 wraps', 'Mul', t('int16', [2], [300, -300]), t('int16', [2], [300, 300]), [2], [24464, -24464]],
  ['int32 keeps the low 32 bits of products', 'Mul', t('int32', [3], [65536, 2147483647, 46341]), t('int32', [3], [65536, 2, 46341]), [3], [0, -2, -2147479015]],
  ['uint32 (2^32-1)^2 = 1 mod 2^32', 'Mul', t('uint32', [1], [4294967295]), t('uint32', [1], [4294967295]), [1], [1]],
  ['int64 max + 1 wraps to min', 'Add', i64([I64_MAX, 5]), i64([1, -7]), [2], [I64_MIN, -2n]],
  ['int64 min - 1 wraps to max', 'Sub', i64([I64_MIN]), i64([1]), [1], [I64_MAX]],
  ['int64 products wrap', 'Mul', i64([2n ** 62n, 3037000500n]), i64([4, 3037000500n]), [2], [0n, -9223372036709301616n]],
  ['uint64 0 - 1', 'Sub', t('uint64', [1], [0]), t('uint64', [1], [1]), [1], [18446744073709551615n]],
  // float16 bit patterns: 1 + 2^-11 is a tie → even (1.0); (1 + 2^-10) + 2^-11 is a tie → 1 + 2^-9
  ['float16 rounds ties to even', 'Add', t('float16', [2], [0x3c00, 0x3c01]), t('float16', [2], [0x1000, 0x1000]), [2], [0x3c00, 0x3c02]],
  ['bfloat16 3 * 3 = 9', 'Mul', t('bfloat16', [1], [0x4040]), t('bfloat16', [1], [0x4040]), [1], [0x4110]],
];

describe('Add / Sub / Mul', () => {
  it.each(cases)('%s', (_name, op, a, b, dims, expected) => {
    const y = run1(op, [a, b]);
    expect(y.elemType).toBe(a.elemType);
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });

  it('opset < 7: broadcast=1 aligns B with A at axis', () => {
    const a = f32([2, 3, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const y = run1('Add', [a, f32([3], [100, 200, 300])], { broadcast: 1, axis: 1 }, 6);
    expect(data(y)).toEqual([100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311]);
    // without axis, B matches A's trailing dimensions
    expect(data(run1('Mul', [a, f32([2], [1, -1])], { broadcast: 1 }, 6))).toEqual([0, -1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11]);
  });

  it('opset < 7 without broadcast=1 requires equal shapes', () => {
    expect(() => run1('Add', [f32([2], [1, 2]), f32([1], [1])], {}, 6)).toThrow(/same shape, got \[2\] and \[1\]/);
  });

  it('names incompatible shapes', () => {
    expect(() => run1('Add', [f32([2, 3], [1, 2, 3, 4, 5, 6]), f32([2], [1, 2])])).toThrow(/\[2, 3\] and \[2\] cannot be broadcast/);
  });

  it('refuses mixed element types', () => {
    expect(() => run1('Sub', [f32([1], [1]), t('int32', [1], [1])])).toThrow(/same element type, got float32 and int32/);
  });

  it('refuses unsupported element types', () => {
    expect(() => run1('Add', [t('bool', [1], [1]), t('bool', [1], [1])])).toThrow(/element type bool is not supported/);
  });

  it('reuses its broadcast plan but follows shape changes between runs', () => {
    const b = new GraphBuilder('g');
    b.output(b.op('Add', [b.input('a', 'float32'), b.input('b', 'float32')]));
    const sim = new Simulator(b.model(), { registry: createRegistry([coreKernels()]) });
    expect(data(sim.run([f32([2], [1, 2]), f32([], [1])]).outputs[0])).toEqual([2, 3]);
    expect(data(sim.run([f32([2], [1, 2]), f32([], [5])]).outputs[0])).toEqual([6, 7]);
    const y = sim.run([f32([2, 1], [1, 2]), f32([2], [10, 20])]).outputs[0];
    expect(y.dims).toEqual([2, 2]);
    expect(data(y)).toEqual([11, 21, 12, 22]);
  });
});
