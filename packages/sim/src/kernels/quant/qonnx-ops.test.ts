import { QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from '../nn/run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const s = (v: number) => f([], [v]);

/** Hand-worked QONNX cases beyond the reference vectors: domains, aliases, rounding modes, errors. */
describe('QONNX ops', () => {
  // x / 0.5 = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5] (clamp to INT4 does nothing)
  const x = f([6], [-1.25, -0.75, -0.25, 0.25, 0.75, 1.25]);
  const modes: [string, number[]][] = [
    ['ROUND', [-2, -2, -0, 0, 2, 2]],
    ['HALF_EVEN', [-2, -2, -0, 0, 2, 2]],
    ['CEIL', [-2, -1, -0, 1, 2, 3]],
    ['FLOOR', [-3, -2, -1, 0, 1, 2]],
    ['UP', [-3, -2, -1, 1, 2, 3]],
    ['DOWN', [-2, -1, -0, 0, 1, 2]],
    ['HALF_UP', [-3, -2, -1, 1, 2, 3]],
    ['HALF_DOWN', [-2, -1, -0, 0, 1, 2]],
  ];
  it.each(modes)('Quant rounding_mode %s', (mode, q) => {
    const [y] = runOp('Quant', [x, s(0.5), s(0), s(4)], { signed: 1, narrow: 0, rounding_mode: mode }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual(q.map((v) => v * 0.5));
    expect(Object.is(values(y)[2], q[2] * 0.5)).toBe(true); // the sign of zero follows numpy
  });

  it('rounds x / scale to float32 before rounding (numpy float32 semantics)', () => {
    // exactly 2.50000012, but 2.5 in float32: ROUND (half even) gives 2, not 3
    const sc = 1.0003769397735596;
    const [y] = runOp('Quant', [f([1], [2.5009424686431885]), s(sc), s(0), s(8)], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual([Math.fround(2 * sc)]);
  });

  it('HALF_UP adds 0.5 in float32 like numpy (0.49999997 + 0.5 rounds to 1)', () => {
    const x = Math.fround(0.5 - 2 ** -25);
    expect(x).toBeLessThan(0.5);
    const [y] = runOp('Quant', [f([2], [x, -x]), s(1), s(0), s(8)], { signed: 1, narrow: 0, rounding_mode: 'HALF_UP' }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual([1, -1]);
  });

  it('clamps before rounding (narrow signed 2 bits: [-1, 1])', () => {
    const [y] = runOp('Quant', [f([3], [-1.6, 1.4, 3]), s(1), s(0), s(2)], { signed: 1, narrow: 1, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual([-1, 1, 1]);
  });

  it.each(['onnx.brevitas', 'finn', 'finn.custom_op.general'])('runs Quant under the alias domain %s', (domain) => {
    const [y] = runOp('Quant', [f([2], [0.3, -0.7]), s(0.5), s(0), s(8)], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain });
    expect(values(y)).toEqual([0.5, -0.5]);
  });

  it('IntQuant is Quant', () => {
    const [y] = runOp('IntQuant', [f([2], [0.3, -0.7]), s(0.5), s(0), s(8)], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual([0.5, -0.5]);
  });

  it('Trunc picks v1 or v2 from the QONNX opset', () => {
    // x / 0.125 = 6; v1: 6 / 2^(4-2) = 1.5 -> FLOOR 1 -> 0.125; v2 with out_scale 0.5: ts = 4, 1.5 -> 1 -> 0.5
    const v1 = runOp('Trunc', [f([1], [0.75]), s(0.125), s(0), s(4), s(2)], { rounding_mode: 'FLOOR' }, { domain: QONNX_DOMAIN, opset: 1 })[0];
    const v2 = runOp('Trunc', [f([1], [0.75]), s(0.125), s(0), s(4), s(0.5), s(2)], { rounding_mode: 'FLOOR' }, { domain: QONNX_DOMAIN, opset: 2 })[0];
    expect(values(v1)).toEqual([0.125]);
    expect(values(v2)).toEqual([0.5]);
  });

  it('MultiThreshold counts x >= T (ties go up) per channel', () => {
    // NCHW, C = 2: channel 0 thresholds [0, 1], channel 1 [10, 20]
    const [y] = runOp('MultiThreshold', [f([1, 2, 2], [0, 0.5, 10, 25]), f([2, 2], [0, 1, 10, 20])], { out_dtype: 'UINT2' }, { domain: QONNX_DOMAIN });
    expect(values(y)).toEqual([1, 1, 1, 2]);
  });

  it.each([
    ['an unknown rounding mode', { signed: 1, narrow: 0, rounding_mode: 'NEAREST' }, s(8), /unknown rounding_mode 'NEAREST'/],
    ['a fractional bit width', { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, s(2.5), /bitwidth must be a single positive integer, got 2.5/],
  ] as const)('Quant rejects %s', (_n, attrs, bw, msg) => {
    expect(() => runOp('Quant', [f([1], [1]), s(1), s(0), bw], attrs, { domain: QONNX_DOMAIN })).toThrow(msg);
  });
});
