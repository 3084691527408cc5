import { attr, type AttributeInput, GraphBuilder, Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { defaultSimRegistry, Simulator } from '../src/index';
import { expectClose, prng, randomValues } from './recurrent-support';

/**
 * Differential tests against onnxruntime-node: randomised LSTM / GRU / RNN nodes (sizes, directions,
 * sequence_lens, initial states, peepholes, clip, activations, omitted outputs) and RNN cells written
 * as Scan bodies. onnxruntime's CPU provider has no layout = 1, so a layout-1 node is simulated on
 * transposed operands and compared with onnxruntime's layout-0 result, transposed.
 */
const RTOL = 1e-3;
const ATOL = 1e-5;
const CASES_PER_OP = 30;

type Rng = ReturnType<typeof prng>;

/** Row-major transpose of `data` with shape `dims` by `perm` (output axis k = input axis perm[k]). */
function transpose(data: ArrayLike<number>, dims: readonly number[], perm: readonly number[]): { dims: number[]; data: number[] } {
  const outDims = perm.map((p) => dims[p]);
  const inStrides = dims.map((_, k) => dims.slice(k + 1).reduce((a, b) => a * b, 1));
  const n = dims.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  const idx = new Array<number>(outDims.length).fill(0);
  for (let i = 0; i < n; i++) {
    let src = 0;
    for (let k = 0; k < idx.length; k++) src += idx[k] * inStrides[perm[k]];
    out[i] = data[src];
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k] < outDims[k]) break;
      idx[k] = 0;
    }
  }
  return { dims: outDims, data: out };
}

/** A named feed: same values for both runtimes. */
interface Feed {
  name: string;
  tensor: Tensor;
}

function toOrt(t: Tensor): ort.Tensor {
  if (t.elemType === 'float32') return new ort.Tensor('float32', t.data as Float32Array, [...t.dims]);
  if (t.elemType === 'float64') return new ort.Tensor('float64', t.data as Float64Array, [...t.dims]);
  if (t.elemType === 'int32') return new ort.Tensor('int32', t.data as Int32Array, [...t.dims]);
  if (t.elemType === 'int64') return new ort.Tensor('int64', t.data as BigInt64Array, [...t.dims]);
  throw new Error(`no ort conversion for ${t.elemType}`);
}

async function runOrt(model: ReturnType<GraphBuilder['model']>, feeds: Feed[]): Promise<Map<string, { dims: number[]; data: number[] }>> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  const result = await session.run(Object.fromEntries(feeds.map((f) => [f.name, toOrt(f.tensor)])));
  const out = new Map<string, { dims: number[]; data: number[] }>();
  for (const [k, v] of Object.entries(result)) out.set(k, { dims: [...v.dims].map(Number), data: Array.from(v.data as Float32Array) });
  await session.release();
  return out;
}

const ACTIVATIONS: { name: string; params: number }[] = [
  { name: 'Sigmoid', params: 0 },
  { name: 'Tanh', params: 0 },
  { name: 'Relu', params: 0 },
  { name: 'Affine', params: 2 },
  { name: 'LeakyRelu', params: 1 },
  { name: 'ThresholdedRelu', params: 1 },
  { name: 'ScaledTanh', params: 2 },
  { name: 'HardSigmoid', params: 2 },
  { name: 'Elu', params: 1 },
  { name: 'Softsign', params: 0 },
  { name: 'Softplus', params: 0 },
];

interface RnnCase {
  op: 'LSTM' | 'GRU' | 'RNN';
  desc: string;
  attrs: Record<string, AttributeInput>;
  layout: 0 | 1;
  /** Layout-0 operands by input position (undefined = omitted). */
  inputs: (Tensor | undefined)[];
  /** Which outputs the node produces. */
  outputs: boolean[];
}

const INPUT_NAMES = ['X', 'W', 'R', 'B', 'sequence_lens', 'initial_h', 'initial_c', 'P'];
const OUTPUT_NAMES = ['Y', 'Y_h', 'Y_c'];

function randomRnnCase(op: RnnCase['op'], rng: Rng): RnnCase {
  const gates = op === 'LSTM' ? 4 : op === 'GRU' ? 3 : 1;
  const perDirection = op === 'LSTM' ? 3 : op === 'GRU' ? 2 : 1;
  const T = rng.int(1, 5);
  const B = rng.int(1, 3);
  const I = rng.int(1, 4);
  const H = rng.int(1, 4);
  const direction = rng.pick(['forward', 'reverse', 'bidirectional'] as const);
  const D = direction === 'bidirectional' ? 2 : 1;
  const layout = rng.next() < 0.3 ? 1 : 0;
  const f = (dims: number[], lo = -1, hi = 1) => Tensor.float32(dims, randomValues(rng, dims.reduce((a, b) => a * b, 1), lo, hi));
  const inputs: (Tensor | undefined)[] = [f([T, B, I], -2, 2), f([D, gates * H, I]), f([D, gates * H, H])];
  inputs[3] = rng.next() < 0.8 ? f([D, 2 * gates * H], -0.5, 0.5) : undefined;
  inputs[4] = rng.next() < 0.4 ? new Tensor('int32', [B], Int32Array.from({ length: B }, () => rng.int(rng.next() < 0.15 ? 0 : 1, T))) : undefined;
  inputs[5] = rng.next() < 0.5 ? f([D, B, H]) : undefined;
  if (op === 'LSTM') {
    inputs[6] = rng.next() < 0.5 ? f([D, B, H]) : undefined;
    inputs[7] = rng.next() < 0.5 ? f([D, 3 * H]) : undefined;
  }
  const attrs: Record<string, AttributeInput> = { hidden_size: H, direction };
  const notes: string[] = [direction, `T${T} B${B} I${I} H${H}`];
  if (layout) notes.push('layout 1');
  if (rng.next() < 0.3) {
    attrs.clip = attr.float(Math.fround(rng.uniform(0.3, 3)));
    notes.push('clip');
  }
  if (op === 'LSTM' && rng.next() < 0.25) {
    attrs.input_forget = 1;
    notes.push('input_forget');
  }
  if (op === 'GRU' && rng.next() < 0.5) {
    attrs.linear_before_reset = 1;
    notes.push('linear_before_reset');
  }
  if (rng.next() < 0.35) {
    const acts = Array.from({ length: perDirection * D }, () => rng.pick(ACTIVATIONS));
    attrs.activations = acts.map((a) => a.name);
    const alphaCount = acts.filter((a) => a.params >= 1).length;
    const betaCount = acts.filter((a) => a.params >= 2).length;
    // sometimes fewer parameters than functions take, so that the defaults fill in
    const cut = (n: number) => (rng.next() < 0.3 ? rng.int(0, n) : n);
    const alphas = randomValues(rng, cut(alphaCount), 0.1, 1.5);
    const betas = randomValues(rng, cut(betaCount), -0.5, 1);
    if (alphas.length) attrs.activation_alpha = attr.floats(alphas);
    if (betas.length) attrs.activation_beta = attr.floats(betas);
    notes.push(`activations ${acts.map((a) => a.name).join('/')} alpha[${alphas.length}] beta[${betas.length}]`);
  }
  const nOut = op === 'LSTM' ? 3 : 2;
  let outputs = Array.from({ length: nOut }, () => rng.next() < 0.8);
  if (!outputs.some(Boolean)) outputs = outputs.map(() => true);
  for (const k of [3, 4, 5, 6, 7]) if (inputs[k]) notes.push(INPUT_NAMES[k]);
  return { op, desc: notes.join(', '), attrs, layout, inputs, outputs };
}

function buildRnnModel(c: RnnCase, layout: 0 | 1): { model: ReturnType<GraphBuilder['model']>; feeds: Feed[] } {
  const b = new GraphBuilder('g');
  const feeds: Feed[] = [];
  const names = c.inputs.map((t, k) => {
    if (!t) return undefined;
    let tensor = t;
    if (layout === 1 && (k === 0 || k === 5 || k === 6)) {
      const tr = transpose(t.data as Float32Array, t.dims, [1, 0, 2]);
      tensor = new Tensor(t.elemType, tr.dims, t.elemType === 'float64' ? Float64Array.from(tr.data) : Float32Array.from(tr.data));
    }
    feeds.push({ name: INPUT_NAMES[k], tensor });
    return b.input(INPUT_NAMES[k], tensor.elemType, [...tensor.dims]);
  });
  const outs = c.outputs.map((w, k) => (w ? OUTPUT_NAMES[k] : ''));
  while (outs.length && !outs[outs.length - 1]) outs.pop();
  b.node(c.op, names, { ...c.attrs, ...(layout ? { layout: 1 } : {}) }, { outputs: outs, name: c.op.toLowerCase() });
  for (const o of outs) if (o) b.output(o);
  return { model: b.model({ opset: 14 }), feeds };
}

/** The layout-0 view of a layout-1 output: Y [B, T, D, H] → [T, D, B, H]; Y_h / Y_c [B, D, H] → [D, B, H]. */
function toLayout0(name: string, t: Tensor): { dims: number[]; data: number[] } {
  return name === 'Y' ? transpose(t.data as Float32Array, t.dims, [1, 2, 0, 3]) : transpose(t.data as Float32Array, t.dims, [1, 0, 2]);
}

/** Runs `c` (layout 0) on onnxruntime and `sim` (default: `c`, in its own layout) on the simulator. */
async function checkRnnCase(c: RnnCase, simCase: RnnCase = c): Promise<void> {
  const ref = buildRnnModel(c, 0);
  const expected = await runOrt(ref.model, ref.feeds);
  const mine = buildRnnModel(simCase, c.layout);
  const sim = new Simulator(mine.model, { registry: defaultSimRegistry() });
  const r = sim.run(new Map(mine.feeds.map((f) => [f.name, f.tensor])));
  for (const [name, actual] of r.byName) {
    expect(actual.elemType).toBe(simCase.inputs[0]!.elemType);
    const got = c.layout ? toLayout0(name, actual) : { dims: [...actual.dims], data: Array.from(actual.data as Float32Array) };
    const want = expected.get(name)!;
    const diff = expectClose(Tensor.float32(got.dims, got.data), want, RTOL, ATOL);
    expect(diff, `${c.op} (${c.desc}) output ${name}`).toBeUndefined();
  }
}

for (const [op, seed] of [['LSTM', 101], ['GRU', 202], ['RNN', 303]] as const) {
  describe(`${op} against onnxruntime`, () => {
    const rng = prng(seed);
    const cases = Array.from({ length: CASES_PER_OP }, () => randomRnnCase(op, rng));
    cases.forEach((c, k) => {
      it(`case ${k}: ${c.desc}`, async () => {
        await checkRnnCase(c);
      });
    });
  });
}

/** float64 operands: onnxruntime's CPU kernels reject double, so the reference is its float32 result. */
function toFloat64(c: RnnCase): RnnCase {
  const inputs = c.inputs.map((t) => (t && t.elemType === 'float32' ? new Tensor('float64', t.dims, Float64Array.from(t.data as Float32Array)) : t));
  return { ...c, desc: `float64, ${c.desc}`, inputs };
}

for (const [op, seed] of [['LSTM', 111], ['GRU', 222], ['RNN', 333]] as const) {
  describe(`${op} float64 against onnxruntime's float32 result`, () => {
    const rng = prng(seed);
    const cases = Array.from({ length: 4 }, () => randomRnnCase(op, rng));
    cases.forEach((c, k) => {
      it(`case ${k}: ${c.desc}`, async () => {
        await checkRnnCase(c, toFloat64(c));
      });
    });
  });
}
