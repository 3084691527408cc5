import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

describe('And / Or / Xor', () => {
  const a = t('bool', [4], [0, 0, 1, 1]);
  const b = t('bool', [4], [0, 1, 0, 1]);
  it.each([
    ['And', [0, 0, 0, 1]],
    ['Or', [0, 1, 1, 1]],
    ['Xor', [0, 1, 1, 0]],
  ])('%s truth table', (op, expected) => {
    const y = run1(op, [a, b]);
    expect(y.elemType).toBe('bool');
    expect(data(y)).toEqual(expected);
  });

  it('broadcasts and refuses non-bool input', () => {
    expect(data(run1('Or', [t('bool', [2, 1], [0, 1]), t('bool', [2], [0, 1])]))).toEqual([0, 1, 1, 1]);
    expect(() => run1('And', [f32([1], [1]), f32([1], [1])])).toThrow(/float32 is not supported \(expected bool\)/);
  });
});

describe('Where', () => {
  it('spec example', () => {
    const c = t('bool', [2, 2], [1, 0, 1, 1]);
    const y = run1('Where', [c, f32([2, 2], [1, 2, 3, 4]), f32([2, 2], [9, 8, 7, 6])]);
    expect(data(y)).toEqual([1, 8, 3, 4]);
  });

  it('broadcasts all three inputs and keeps any element type', () => {
    const y = run1('Where', [t('bool', [2, 1], [1, 0]), i64([1, 2, 3]), i64([7], [])]);
    expect(y.dims).toEqual([2, 3]);
    expect(data(y)).toEqual([1n, 2n, 3n, 7n, 7n, 7n]);
    const s = run1('Where', [t('bool', [2], [0, 1]), t('string', [2], ['a', 'b']), t('string', [2], ['c', 'd'])]);
    expect(data(s)).toEqual(['c', 'b']);
  });

  it('needs a bool condition', () => {
    expect(() => run1('Where', [f32([1], [1]), f32([1], [1]), f32([1], [2])])).toThrow(/condition must be bool/);
  });
});

describe('BitShift', () => {
  it.each([
    ['LEFT uint8 (bits shifted out are lost)', 'LEFT', t('uint8', [4], [16, 4, 1, 255]), t('uint8', [4], [1, 2, 7, 1]), [32, 16, 128, 254]],
    ['RIGHT uint32', 'RIGHT', t('uint32', [3], [16, 4, 4294967295]), t('uint32', [3], [1, 2, 31]), [8, 1, 1]],
    ['LEFT uint32 by the width gives 0', 'LEFT', t('uint32', [2], [1, 1]), t('uint32', [2], [31, 32]), [2147483648, 0]],
    ['LEFT uint64', 'LEFT', t('uint64', [2], [1, 3]), t('uint64', [2], [63, 63]), [9223372036854775808n, 9223372036854775808n]],
    ['RIGHT uint64', 'RIGHT', t('uint64', [1], [18446744073709551615n]), t('uint64', [1], [60]), [15n]],
  ])('%s', (_n, direction, x, y, expected) => {
    expect(data(run1('BitShift', [x, y], { direction }))).toEqual(expected);
  });

  it('needs a valid direction', () => {
    expect(() => run1('BitShift', [t('uint8', [1], [1]), t('uint8', [1], [1])], { direction: 'UP' })).toThrow(/LEFT or RIGHT/);
  });
});
