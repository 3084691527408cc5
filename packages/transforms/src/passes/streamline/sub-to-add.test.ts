import { attrGraph, forEachGraph, GraphBuilder, type Model, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { f32, opCounts, qonnxStage, registry, run, STAGE_PIPELINES, streamlinedStage, values } from './streamline.test-support';

/**
 * Sub in streamlining, as a GRU cell uses it: 1 − z (a constant minus a quantised value), z₁ − z₂
 * (two quantised values on one grid) and (1 − z) ⊙ h (a product quantised as a whole). The
 * streamlined models are integer-only (no Sub, no float op but the input quantiser and the output
 * scale) and compute what the QONNX stage computes, bit for bit, at every point of the input grid.
 */

/** A QONNX Quant of `x` (zero point 0, ROUND). */
function quant(b: GraphBuilder, x: string, scale: number, bits: number, signed: boolean, name: string): string {
  const s = b.initializer(`${name}_scale`, Tensor.scalar('float32', scale));
  const z = b.initializer(`${name}_zero`, Tensor.scalar('float32', 0));
  const w = b.initializer(`${name}_bits`, Tensor.scalar('float32', bits));
  return b.op('Quant', [x, s, z, w], { signed: signed ? 1 : 0, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN, outputs: [name] });
}

const SZ = 1 / 15; // a 4-bit sigmoid quantiser (UINT4, scale 1/15: 1 lies on its grid)
const SH = 1 / 7; // a 4-bit tanh quantiser (INT4)
const SX = 1 / 8; // the 8-bit input quantisers

/** The grid points of an 8-bit input quantiser with scale 1/8, in [-4, 4). */
const GRID = Array.from({ length: 64 }, (_, k) => (k - 32) / 8);

function model(build: (b: GraphBuilder, xs: string[]) => string, inputs: number): Model {
  const b = new GraphBuilder('g');
  const xs = Array.from({ length: inputs }, (_, k) => quant(b, b.input(`x${k}`, 'float32', [1, 4]), SX, 8, true, `x${k}_q`));
  b.output(build(b, xs), 'float32', [1, 4]);
  return b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
}

/** Every op type of every graph of a model. */
function allOps(m: Model): Record<string, number> {
  const c: Record<string, number> = {};
  forEachGraph(m.graph, (g) => g.nodes.forEach((n) => (c[n.opType] = (c[n.opType] ?? 0) + 1)));
  return c;
}

/** Runs both models on every combination of grid points (4 per tensor, so every grid point is seen) and counts differing outputs. */
function mismatches(ref: Model, out: Model, inputs: number): number {
  const a = new Simulator(ref, { registry });
  const b = new Simulator(out, { registry });
  let bad = 0;
  const n = GRID.length / 4;
  const combos = inputs === 1 ? n : n * n;
  for (let c = 0; c < combos; c++) {
    const pick = (k: number, shift: number) => f32([1, 4], [0, 1, 2, 3].map((j) => GRID[(((c + shift * 7) % n) * 4 + j + k * 3) % GRID.length]));
    const ins = inputs === 1 ? [pick(0, 0)] : [pick(0, 0), f32([1, 4], [0, 1, 2, 3].map((j) => GRID[((Math.floor(c / n) * 4 + j) * 5) % GRID.length]))];
    const x = values(a.run(ins).outputs[0]!);
    const y = values(b.run(ins).outputs[0]!);
    if (x.some((v, i) => v !== y[i])) bad++;
  }
  return bad;
}

describe('Sub in streamlining', () => {
  it('1 − z (a constant minus a quantised sigmoid) → a MultiThreshold on the negated integer level, bit-exact', () => {
    const m = model((b, [x]) => {
      const z = quant(b, b.op('Sigmoid', [x!]), SZ, 4, false, 'z');
      return quant(b, b.op('Sub', [b.scalar('one', 1), z]), SZ, 4, false, 'one_minus_z');
    }, 1);
    const qonnx = qonnxStage(m);
    const r = streamlinedStage(qonnx);
    expect(r.records.find((x) => x.name === 'streamline')!.notes.join()).toMatch(/Sub\(s\) of quantised values → Add of a Neg/);
    const ops = opCounts(r.model.graph);
    expect(ops.Sub).toBeUndefined();
    expect(ops.Add).toBeUndefined();
    expect(ops).toEqual({ MultiThreshold: 3, Neg: 1, Mul: 1 });
    expect(mismatches(qonnx, r.model, 1)).toBe(0);
  });

  it('z₁ − z₂ (two quantised values on one grid) → an integer Add of a Neg, bit-exact on the grid', () => {
    const m = model((b, [x0, x1]) => {
      const z0 = quant(b, b.op('Sigmoid', [x0!]), SZ, 4, false, 'z0');
      const z1 = quant(b, b.op('Sigmoid', [x1!]), SZ, 4, false, 'z1');
      return quant(b, b.op('Sub', [z0, z1]), SZ, 5, true, 'diff');
    }, 2);
    const qonnx = qonnxStage(m);
    const r = streamlinedStage(qonnx);
    const ops = opCounts(r.model.graph);
    expect(ops.Sub).toBeUndefined();
    expect(ops.Neg).toBe(1);
    // the difference is integer: the last MultiThreshold reads Add(n0, Neg(n1)) and only the output is scaled
    const mt = r.model.graph.nodes.filter((n) => n.opType === 'MultiThreshold').at(-1)!;
    expect(r.model.graph.nodes.find((n) => n.outputs[0] === mt.inputs[0])!.opType).toBe('Add');
    expect(mismatches(qonnx, r.model, 2)).toBe(0);
  });

  it('(1 − z) ⊙ h quantised as a whole → a MultiThreshold on the integer product (K − n_z)·n_h, bit-exact', () => {
    const m = model((b, [x0, x1]) => {
      const z = quant(b, b.op('Sigmoid', [x0!]), SZ, 4, false, 'z');
      const h = quant(b, b.op('Tanh', [x1!]), SH, 4, true, 'h');
      return quant(b, b.op('Mul', [b.op('Sub', [b.scalar('one', 1), z]), h]), SH, 4, true, 'keep');
    }, 2);
    const qonnx = qonnxStage(m);
    const r = streamlinedStage(qonnx);
    const notes = r.records.flatMap((x) => x.notes).join('\n');
    expect(notes).toMatch(/integer product .* of two quantised values/);
    expect(opCounts(r.model.graph).Sub).toBeUndefined();
    expect(mismatches(qonnx, r.model, 2)).toBe(0);
  });

  it('a GRU-like state update in a Scan, h′ = Q(Q((1 − z) ⊙ h) + Q(z ⊙ h̃)): bit-exact, and the Scan becomes a Recurrence', () => {
    const body = new GraphBuilder('gru_body');
    const h = body.input('h', 'float32', [1, 4]);
    const x = body.input('x', 'float32', [1, 4]);
    const xq = quant(body, x, SX, 8, true, 'x_q');
    const z = quant(body, body.op('Sigmoid', [xq]), SZ, 4, false, 'z');
    const hc = quant(body, body.op('Tanh', [body.op('Mul', [xq, body.scalar('two', 2)])]), SH, 4, true, 'h_cand');
    const keep = quant(body, body.op('Mul', [body.op('Sub', [body.scalar('one', 1), z]), h]), SH, 4, true, 'keep');
    const take = quant(body, body.op('Mul', [z, hc]), SH, 4, true, 'take');
    const hn = quant(body, body.op('Add', [keep, take]), SH, 4, true, 'h_next');
    body.output(hn, 'float32', [1, 4]);
    body.output(body.op('Identity', [hn], {}, { outputs: ['h_out'] }), 'float32', [1, 4]);
    const b = new GraphBuilder('gru');
    const h0 = b.input('h0', 'float32', [1, 4]);
    const X = b.input('X', 'float32', [6, 1, 4]);
    b.node('Scan', [quant(b, h0, SH, 4, true, 'h0_q'), X], { num_scan_inputs: 1, body: body.graph }, { outputs: ['hT', 'hs'], name: 'gru_scan' });
    b.output('hT', 'float32', [1, 4]);
    b.output('hs', 'float32', [6, 1, 4]);
    const qonnx = qonnxStage(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }));
    const streamlined = streamlinedStage(qonnx).model;
    const ops = allOps(streamlined);
    expect(ops.Sub).toBeUndefined();
    expect(ops.Sigmoid).toBeUndefined();
    expect(ops.Tanh).toBeUndefined();
    expect(ops.Quant).toBeUndefined();
    const hardware = run(streamlined, STAGE_PIPELINES.hardware!).model;
    const sims = [qonnx, streamlined, hardware].map((m) => new Simulator(m, { registry }));
    let bad = 0;
    for (let k = 0; k < 40; k++) {
      const hv = f32([1, 4], [0, 1, 2, 3].map((j) => (((k * 3 + j * 5) % 15) - 7) * SH));
      const xv = f32([6, 1, 4], Array.from({ length: 24 }, (_, i) => GRID[(k * 11 + i * 7) % GRID.length]));
      const [ra, rb, rc] = sims.map((sim) => JSON.stringify(sim.run([hv, xv]).outputs.map(values)));
      if (ra !== rb || ra !== rc) bad++;
    }
    expect(bad).toBe(0);
    const recurrence = hardware.graph.nodes.find((n) => n.opType === 'Recurrence');
    expect(recurrence).toBeDefined();
    expect(hardware.graph.nodes.some((n) => n.opType === 'Scan')).toBe(false);
    const hwBody = attrGraph(recurrence!, 'body');
    expect(hwBody.nodes.every((n) => n.domain === 'scanflow.hw' || n.opType === 'Reshape')).toBe(true);
  });
});
