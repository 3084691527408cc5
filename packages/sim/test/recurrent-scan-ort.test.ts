import { GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { defaultSimRegistry, Simulator } from '../src/index';
import { expectClose, prng, randomValues } from './recurrent-support';

/**
 * Scan against onnxruntime-node: a simple RNN cell (MatMul / Add / Tanh) written as a Scan body, with
 * random sizes, scan axes and directions, two scan outputs, a body initializer, an outer-scope
 * initializer and an outer-scope graph input. Uses the simulator's real MatMul / Add / Tanh /
 * Identity kernels.
 */
const CASES = 24;
type Rng = ReturnType<typeof prng>;

interface Feed {
  name: string;
  tensor: Tensor;
}

async function runOrt(model: Model, feeds: Feed[]): Promise<Map<string, { dims: number[]; data: number[] }>> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  const input = Object.fromEntries(
    feeds.map((f) => [f.name, f.tensor.elemType === 'int64' ? new ort.Tensor('int64', f.tensor.data as BigInt64Array, [...f.tensor.dims]) : new ort.Tensor('float32', f.tensor.data as Float32Array, [...f.tensor.dims])]),
  );
  const result = await session.run(input);
  await session.release();
  return new Map(Object.entries(result).map(([k, v]) => [k, { dims: [...v.dims].map(Number), data: Array.from(v.data as Float32Array) }]));
}

async function compare(model: Model, feeds: Feed[], what: string): Promise<void> {
  const expected = await runOrt(model, feeds);
  const r = new Simulator(model, { registry: defaultSimRegistry() }).run(new Map(feeds.map((f) => [f.name, f.tensor])));
  for (const [name, t] of r.byName) expect(expectClose(t, expected.get(name)!), `${what}: output ${name}`).toBeUndefined();
}

function f32(rng: Rng, dims: number[], lo = -1, hi = 1): Tensor {
  return Tensor.float32(dims, randomValues(rng, dims.reduce((a, b) => a * b, 1), lo, hi));
}

/** Body of an RNN cell on a batch: h' = tanh(x·Wt + h·Rt + b); outputs h', Identity(h'), pre-activation. */
function cellBody(rng: Rng, B: number, I: number, H: number): GraphBuilder['graph'] {
  const b = new GraphBuilder('cell');
  const h = b.input('h', 'float32', [B, H]);
  const x = b.input('x', 'float32', [B, I]);
  const wt = b.initializer('Wt', f32(rng, [I, H])); // body initializer
  const pre = b.op('Add', [b.op('Add', [b.op('MatMul', [x, wt]), b.op('MatMul', [h, 'Rt'])]), 'bias']); // Rt, bias: outer scope
  const hn = b.op('Tanh', [pre]);
  b.output(hn, 'float32', [B, H]);
  b.output(b.op('Identity', [hn]), 'float32', [B, H]);
  b.output(b.op('Identity', [pre]), 'float32', [B, H]);
  return b.graph;
}

function randomScanCase(rng: Rng, k: number): { model: Model; feeds: Feed[]; desc: string } {
  const T = rng.int(1, 5);
  const B = rng.int(1, 3);
  const I = rng.int(1, 4);
  const H = rng.int(1, 4);
  const inAxis = rng.int(0, 1);
  const inDir = rng.int(0, 1);
  const outAxes = [rng.int(0, 2), rng.int(-3, 2)];
  const outDirs = [rng.int(0, 1), rng.int(0, 1)];
  const b = new GraphBuilder(`scan_case_${k}`);
  const h0 = b.input('h0', 'float32', [B, H]);
  const xsDims = inAxis === 0 ? [T, B, I] : [B, T, I];
  const xs = b.input('xs', 'float32', xsDims);
  b.input('bias', 'float32', [H]);
  b.initializer('Rt', f32(rng, [H, H]));
  b.node(
    'Scan',
    [h0, xs],
    { body: cellBody(rng, B, I, H), num_scan_inputs: 1, scan_input_axes: [inAxis], scan_input_directions: [inDir], scan_output_axes: outAxes, scan_output_directions: outDirs },
    { outputs: ['h_final', 'h_all', 'pre_all'], name: 'scan' },
  );
  b.output('h_final');
  b.output('h_all');
  b.output('pre_all');
  const feeds = [
    { name: 'h0', tensor: f32(rng, [B, H]) },
    { name: 'xs', tensor: f32(rng, xsDims, -2, 2) },
    { name: 'bias', tensor: f32(rng, [H], -0.5, 0.5) },
  ];
  return { model: b.model({ opset: 17 }), feeds, desc: `T${T} B${B} I${I} H${H} in axis ${inAxis} dir ${inDir}, out axes ${outAxes} dirs ${outDirs}` };
}

describe('Scan (RNN cell body) against onnxruntime', () => {
  const rng = prng(404);
  for (let k = 0; k < CASES; k++) {
    const c = randomScanCase(rng, k);
    it(`case ${k}: ${c.desc}`, async () => {
      await compare(c.model, c.feeds, c.desc);
    });
  }

  it('Scan-8: batch axis, sequence_lens and a reverse scan input', async () => {
    const r = prng(505);
    const [B, T, I, H] = [3, 4, 2, 3];
    const body = cellBody(r, 1, I, H);
    const g = new GraphBuilder('scan8');
    g.input('lens', 'int64', [B]);
    g.input('h0', 'float32', [B, 1, H]);
    g.input('xs', 'float32', [B, T, 1, I]);
    g.input('bias', 'float32', [H]);
    g.initializer('Rt', f32(r, [H, H]));
    g.node('Scan', ['lens', 'h0', 'xs'], { body, num_scan_inputs: 1, directions: [1] }, { outputs: ['h_final', 'h_all', 'pre_all'], name: 'scan' });
    for (const o of ['h_final', 'h_all', 'pre_all']) g.output(o);
    const feeds = [
      { name: 'lens', tensor: Tensor.int64([B], [4, 2, 3]) },
      { name: 'h0', tensor: f32(r, [B, 1, H]) },
      { name: 'xs', tensor: f32(r, [B, T, 1, I], -2, 2) },
      { name: 'bias', tensor: f32(r, [H], -0.5, 0.5) },
    ];
    await compare(g.model({ opset: 8 }), feeds, 'Scan-8');
  });
});
