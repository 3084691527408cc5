import { attrFloat, GraphBuilder, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

interface Q {
  bits: number;
  signed: boolean;
  narrow?: boolean;
  scale: number | Tensor;
}

function quant(b: GraphBuilder, x: string, q: Q): string {
  const s = typeof q.scale === 'number' ? b.scalar('s', q.scale) : b.initializer('s', q.scale);
  return b.op('Quant', [x, s, b.scalar('z', 0), b.scalar('b', q.bits)], { signed: q.signed ? 1 : 0, narrow: q.narrow ? 1 : 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
}

/** x → [act] → Quant, optionally behind an input Quant (so that the activation reads an integer grid). */
function model(q: Q, act?: string, inputQuant?: Q, shape = [1, 4, 3]) {
  const b = new GraphBuilder('g');
  let v = b.input('x', 'float32', shape);
  if (inputQuant) v = quant(b, v, inputQuant);
  if (act) v = b.op(act, [v]);
  b.output(quant(b, v, q), 'float32', shape);
  return b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
}

/** Random inputs plus, for a scale s, every tie point (k + 1/2)·s in range and its float32 neighbours. */
function inputsWithTies(s: number, range: number): Tensor[][] {
  const xs: number[] = [];
  for (let k = -range; k <= range; k++) {
    const t = Math.fround((k + 0.5) * s);
    xs.push(t, Math.fround(t * (1 + 2 ** -23)), Math.fround(t * (1 - 2 ** -23)), Math.fround(k * s));
  }
  const out: Tensor[][] = [];
  for (let i = 0; i + 12 <= xs.length; i += 12) out.push([f32([1, 4, 3], xs.slice(i, i + 12))]);
  return [...out, ...randomInputs(9, 60, [[1, 4, 3]], -range * s * 1.2, range * s * 1.2)];
}

describe('quant-to-multithreshold', () => {
  it.each([
    [{ bits: 4, signed: true, scale: 0.25 }],
    [{ bits: 8, signed: true, scale: Math.fround(4 / 127) }],
    [{ bits: 3, signed: true, narrow: true, scale: 0.3 }],
    [{ bits: 5, signed: false, scale: Math.fround(1 / 31) }],
    [{ bits: 2, signed: false, scale: 1 }],
  ] as [Q][])('identity Quant %j → MultiThreshold + Mul, bit-exact including ties', (q) => {
    const s = q.scale as number;
    const r = checkPass(model(q), 'quant-to-multithreshold', inputsWithTies(s, 2 ** q.bits));
    expect(opCounts(r.after.graph)).toEqual(s === 1 ? { MultiThreshold: 1 } : { MultiThreshold: 1, Mul: 1 });
    const mt = r.after.graph.nodes.find((n) => n.opType === 'MultiThreshold')!;
    const lo = q.signed ? -(2 ** (q.bits - 1)) + (q.narrow ? 1 : 0) : 0;
    const hi = q.signed ? 2 ** (q.bits - 1) - 1 : 2 ** q.bits - 1 - (q.narrow ? 1 : 0);
    expect(attrFloat(mt, 'out_bias', 0)).toBe(lo);
    expect(r.after.graph.initializers.get(mt.inputs[1])!.dims).toEqual([1, hi - lo]);
    expect(r.outputs).toEqual(r.before);
  });

  it.each([
    ['Sigmoid', { bits: 6, signed: false, scale: Math.fround(1 / 63) }],
    ['Sigmoid', { bits: 3, signed: false, scale: 0.125 }],
    ['Tanh', { bits: 6, signed: true, scale: Math.fround(1 / 31) }],
    ['Tanh', { bits: 4, signed: true, narrow: true, scale: 0.125 }],
    ['Relu', { bits: 8, signed: false, scale: Math.fround(4 / 255) }],
  ] as [string, Q][])('absorbs %s into the thresholds (float input)', (act, q) => {
    const r = checkPass(model(q, act), 'quant-to-multithreshold', randomInputs(11, 200, [[1, 4, 3]], -8, 8));
    expect(opCounts(r.after.graph)[act]).toBeUndefined();
    expect(r.outputs).toEqual(r.before);
  });

  it('on an integer grid (activation of a quantised value) the thresholds are integers on the MT input', () => {
    const r = checkPass(model({ bits: 6, signed: false, scale: Math.fround(1 / 63) }, 'Sigmoid', { bits: 6, signed: true, scale: Math.fround(4 / 31) }), 'quant-to-multithreshold', randomInputs(12, 200, [[1, 4, 3]], -5, 5));
    expect(opCounts(r.after.graph)).toEqual({ MultiThreshold: 2, Mul: 1 });
    const [first, second] = r.after.graph.nodes.filter((n) => n.opType === 'MultiThreshold');
    // the sigmoid MT reads the first MT's integer levels, not the scaled value
    expect(second.inputs[0]).toBe(first.outputs[0]);
    const t = Array.from(r.after.graph.initializers.get(second.inputs[1])!.data as Float32Array);
    expect(t.every((v) => Number.isInteger(v) && v >= -32 && v <= 32)).toBe(true);
    expect(r.outputs).toEqual(r.before);
  });

  it('per-channel scale (axis 1) gives one threshold row per channel', () => {
    const q = { bits: 4, signed: true, scale: f32([4, 1], [0.25, 0.5, 0.125, 1]) };
    const r = checkPass(model(q), 'quant-to-multithreshold', randomInputs(13, 50, [[1, 4, 3]], -10, 10));
    const mt = r.after.graph.nodes.find((n) => n.opType === 'MultiThreshold')!;
    expect(r.after.graph.initializers.get(mt.inputs[1])!.dims).toEqual([4, 15]);
    expect(r.outputs).toEqual(r.before);
  });

  it('leaves quantisers wider than max-bits inside the graph, and does not absorb an activation read elsewhere', () => {
    // after an activation (hardware): a 9-bit quantiser would need 511 thresholds per channel
    const wide = checkPass(model({ bits: 9, signed: true, scale: 0.25 }, 'Relu'), 'quant-to-multithreshold', []);
    expect(opCounts(wide.after.graph)).toMatchObject({ Quant: 1 });
    expect(wide.notes.join()).toMatch(/9 bits is more than max-bits 8/);
    // on a model input it runs on the host (the float-to-integer boundary), up to 16 bits
    const boundary = checkPass(model({ bits: 9, signed: true, scale: 0.25 }), 'quant-to-multithreshold', inputsWithTies(0.25, 260));
    expect(opCounts(boundary.after.graph)).toEqual({ MultiThreshold: 1, Mul: 1 });
    expect(boundary.outputs).toEqual(boundary.before);
    const tooWide = checkPass(model({ bits: 17, signed: true, scale: 0.25 }), 'quant-to-multithreshold', []);
    expect(tooWide.changed).toBe(false);
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 4, 3]);
    const a = b.op('Sigmoid', [x]);
    b.output(quant(b, a, { bits: 4, signed: false, scale: 0.0625 }), 'float32', [1, 4, 3]);
    b.output(a, 'float32', [1, 4, 3]);
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'quant-to-multithreshold', randomInputs(14, 20, [[1, 4, 3]]));
    expect(opCounts(r.after.graph)).toEqual({ Sigmoid: 1, MultiThreshold: 1, Mul: 1 });
    expect(r.outputs).toEqual(r.before);
  });

  it('Quant(a ⊙ b) of two quantised values: thresholds on the integer product, equal for every factor pair but the reference’s own conflicting ties', () => {
    // a: 4-bit unsigned, scale 1/15; b: 4-bit signed narrow, scale 1/7; product quantiser 5-bit, scale 4/15:
    // a·b/s = n_a·n_b / 28, exact ties at n_a·n_b = 28k + 14
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 16, 15]);
    const y = b.input('y', 'float32', [1, 16, 15]);
    const qa = quant(b, x, { bits: 4, signed: false, scale: Math.fround(1 / 15) });
    const qb = quant(b, y, { bits: 4, signed: true, narrow: true, scale: Math.fround(1 / 7) });
    b.output(quant(b, b.op('Mul', [qa, qb]), { bits: 5, signed: true, scale: Math.fround(4 / 15) }), 'float32', [1, 16, 15]);
    // every pair (n_a, n_b) in [0, 15] × [-7, 7], fed exactly on the grids
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 16; i++) for (let j = -7; j <= 7; j++) {
      xs.push(i * Math.fround(1 / 15));
      ys.push(j * Math.fround(1 / 7));
    }
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'quant-to-multithreshold', [[f32([1, 16, 15], xs), f32([1, 16, 15], ys)]]);
    expect(r.notes.join()).toMatch(/integer product/);
    const conflicts = /(\d+) product\(s\) n_a·n_b are rounding ties/.exec(r.notes.join())!;
    expect(Number(conflicts[1])).toBeGreaterThan(0);
    const ref = r.before[0][0];
    const out = r.outputs[0][0];
    const differ = ref.flatMap((v, k) => (v !== out[k] ? [k] : []));
    // only pairs whose product is a tie 28k + 14 may differ, and by one step
    for (const k of differ) {
      const p = Math.floor(k / 15) * ((k % 15) - 7);
      expect(Math.abs(p) % 28).toBe(14);
      expect(Math.abs(ref[k] - out[k])).toBeCloseTo(Math.fround(4 / 15), 6);
    }
    expect(differ.length).toBeLessThanOrEqual(Number(conflicts[1]) * 2);
  });
});
