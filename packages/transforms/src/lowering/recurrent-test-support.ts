/**
 * Test support for the recurrent lowerings: randomised single-node LSTM / RNN models with their
 * feeds, and comparisons. Only tests import this file.
 */
import type { Rng } from '@scanflow/builders';
import { attr, type Attribute, cloneModel, coreOps, createRegistry, type Dim, forEachGraph, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import { coreKernels, Simulator } from '@scanflow/sim';
import * as ort from 'onnxruntime-node';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';

/** Op schemas, simulator kernels and the built-in passes. */
export const testRegistry = createRegistry([coreOps(), coreKernels(), corePasses()]);

export type RecurrentOpType = 'LSTM' | 'RNN';

/** Activation names with how many of alpha / beta they take. */
const ACTIVATIONS: { name: string; alpha: boolean; beta: boolean }[] = [
  { name: 'Sigmoid', alpha: false, beta: false },
  { name: 'Tanh', alpha: false, beta: false },
  { name: 'Relu', alpha: false, beta: false },
  { name: 'Affine', alpha: true, beta: true },
  { name: 'LeakyRelu', alpha: true, beta: false },
  { name: 'ThresholdedRelu', alpha: true, beta: false },
  { name: 'ScaledTanh', alpha: true, beta: true },
  { name: 'HardSigmoid', alpha: true, beta: true },
  { name: 'Elu', alpha: true, beta: false },
  { name: 'Softsign', alpha: false, beta: false },
  { name: 'Softplus', alpha: false, beta: false },
];

export interface RecurrentCaseOptions {
  /** Only what onnxruntime's CPU provider runs: layout 0, float32. */
  ortCompatible?: boolean;
  /** Force features (otherwise drawn at random). */
  layout?: 0 | 1;
  direction?: 'forward' | 'reverse' | 'bidirectional';
  sequenceLens?: boolean;
  /** Declare T and B as symbolic dimensions. */
  symbolicDims?: boolean;
}

export interface RecurrentCase {
  desc: string;
  model: Model;
  /** Feeds by graph-input name. */
  feeds: Map<string, Tensor>;
}

/** A random LSTM or RNN node in a model of its own, with random feeds. */
export function randomRecurrentCase(rng: Rng, op: RecurrentOpType, options: RecurrentCaseOptions = {}): RecurrentCase {
  const ort = options.ortCompatible ?? false;
  const G = op === 'LSTM' ? 4 : 1;
  const T = rng.int(1, 5);
  const B = rng.int(1, 3);
  const I = rng.int(1, 4);
  const H = rng.int(1, 5);
  const direction = options.direction ?? rng.pick(['forward', 'reverse', 'bidirectional'] as const);
  const D = direction === 'bidirectional' ? 2 : 1;
  const layout = options.layout ?? (ort ? 0 : rng.pick([0, 1] as const));
  const opset = layout === 1 ? rng.pick([14, 17, 22]) : rng.pick([7, 9, 10, 11, 13, 14, 22]);
  const ft = !ort && rng.next() < 0.15 ? 'float64' : 'float32';
  const symbolic = options.symbolicDims ?? rng.next() < 0.3;
  const desc: string[] = [`${op} T=${T} B=${B} I=${I} H=${H} ${direction} layout=${layout} opset=${opset} ${ft}`];

  const b = new GraphBuilder(`random_${op.toLowerCase()}`);
  const feeds = new Map<string, Tensor>();
  const values = (n: number, lo: number, hi: number): Float32Array | Float64Array => {
    const a = rng.floats(n, lo, hi);
    return ft === 'float32' ? a : Float64Array.from(a);
  };
  const tensor = (dims: number[], lo: number, hi: number): Tensor => new Tensor(ft, dims, values(dims.reduce((x, y) => x * y, 1), lo, hi));
  /** An operand: an initializer or a graph input (fed). */
  const operand = (name: string, t: Tensor, asConstant: boolean): string => {
    if (asConstant) return b.initializer(name, t);
    b.input(name, t.elemType, [...t.dims]);
    feeds.set(name, t);
    return name;
  };
  const constWeights = rng.next() < 0.6;
  desc.push(constWeights ? 'const weights' : 'fed weights');

  const xDims = layout === 0 ? [T, B, I] : [B, T, I];
  const xDecl: Dim[] = symbolic ? (layout === 0 ? ['T', 'B', I] : ['B', 'T', I]) : xDims;
  b.input('X', ft, xDecl);
  feeds.set('X', tensor(xDims, -1.5, 1.5));
  if (symbolic) desc.push('symbolic T, B');
  const W = operand('W', tensor([D, G * H, I], -0.8, 0.8), constWeights);
  const R = operand('R', tensor([D, G * H, H], -0.8, 0.8), constWeights && rng.next() < 0.9);
  const inputs: string[] = ['X', W, R];
  if (rng.next() < 0.7) {
    inputs.push(operand('B', tensor([D, 2 * G * H], -0.5, 0.5), rng.next() < 0.7));
    desc.push('bias');
  } else inputs.push('');
  const withLens = options.sequenceLens ?? rng.next() < 0.35;
  if (withLens) {
    const lens = Int32Array.from({ length: B }, () => rng.int(0, T));
    const lt = new Tensor('int32', [B], lens);
    const asConst = rng.next() < 0.5;
    if (asConst) inputs.push(b.initializer('sequence_lens', lt));
    else {
      b.input('sequence_lens', 'int32', symbolic ? ['B'] : [B]);
      feeds.set('sequence_lens', lt);
      inputs.push('sequence_lens');
    }
    desc.push(`sequence_lens [${lens.join(',')}]${asConst ? ' const' : ''}`);
  } else inputs.push('');
  const states = op === 'LSTM' ? ['initial_h', 'initial_c'] : ['initial_h'];
  const sDims = layout === 0 ? [D, B, H] : [B, D, H];
  for (const s of states) {
    if (rng.next() < 0.6) {
      const t = tensor(sDims, -1, 1);
      if (rng.next() < 0.25) inputs.push(b.initializer(s, t));
      else {
        b.input(s, ft, symbolic ? (layout === 0 ? [D, 'B', H] : ['B', D, H]) : sDims);
        feeds.set(s, t);
        inputs.push(s);
      }
      desc.push(s);
    } else inputs.push('');
  }
  if (op === 'LSTM' && rng.next() < 0.4) {
    inputs.push(operand('P', tensor([D, 3 * H], -0.7, 0.7), rng.next() < 0.6));
    desc.push('peepholes');
  }
  while (inputs[inputs.length - 1] === '') inputs.pop();

  const attrs: Record<string, Attribute> = {};
  if (ort || rng.next() < 0.8) attrs.hidden_size = attr.int(H);
  if (direction !== 'forward' || rng.next() < 0.3) attrs.direction = attr.string(direction);
  if (layout === 1 || (opset >= 14 && rng.next() < 0.3)) attrs.layout = attr.int(layout);
  if (rng.next() < 0.3) {
    attrs.clip = attr.float(Math.fround(rng.uniform(0.3, 2)));
    desc.push(`clip ${attrs.clip.value as number}`);
  }
  if (op === 'LSTM' && rng.next() < 0.25) {
    attrs.input_forget = attr.int(1);
    desc.push('input_forget');
  }
  if (rng.next() < 0.4) {
    const per = op === 'LSTM' ? 3 : 1;
    const names: string[] = [];
    const alphas: number[] = [];
    const betas: number[] = [];
    for (let k = 0; k < per * D; k++) {
      const a = rng.pick(ACTIVATIONS);
      names.push(a.name);
      if (a.alpha) alphas.push(Math.fround(rng.uniform(0.1, 1.5)));
      if (a.beta) betas.push(Math.fround(rng.uniform(0.1, 1.5)));
    }
    attrs.activations = attr.strings(names);
    // Sometimes give fewer alphas / betas than the functions take (the defaults fill in).
    const cut = rng.next() < 0.3;
    if (alphas.length) attrs.activation_alpha = attr.floats(cut ? alphas.slice(0, alphas.length - 1) : alphas);
    if (betas.length) attrs.activation_beta = attr.floats(betas);
    desc.push(`activations ${names.join('/')}`);
  }

  const outs = op === 'LSTM' ? ['Y', 'Y_h', 'Y_c'] : ['Y', 'Y_h'];
  let keep = outs.map(() => rng.next() < 0.7);
  if (!keep.some(Boolean)) keep = outs.map((_, k) => k === 1);
  const outputs = outs.map((o, k) => (keep[k] ? o : ''));
  while (outputs[outputs.length - 1] === '') outputs.pop();
  b.node(op, inputs, attrs, { outputs, name: `${op.toLowerCase()}_node` });
  const yDims: Dim[] = layout === 0 ? [symbolic ? 'T' : T, D, symbolic ? 'B' : B, H] : [symbolic ? 'B' : B, symbolic ? 'T' : T, D, H];
  const stateOut: Dim[] = layout === 0 ? [D, symbolic ? 'B' : B, H] : [symbolic ? 'B' : B, D, H];
  outputs.forEach((o, k) => {
    if (o) b.output(o, ft, k === 0 ? yDims : stateOut);
  });
  desc.push(`outputs ${outputs.filter(Boolean).join(',')}`);
  return { desc: desc.join(', '), model: b.model({ opset, irVersion: 8 }), feeds };
}

/** Largest |a - b| - tol·max(1, |b|) over the elements (≤ 0 when all are within tolerance), with where. */
export function compareTensors(got: Tensor, want: Tensor, tol: number): { ok: boolean; detail: string } {
  if (got.dims.join(',') !== want.dims.join(',')) return { ok: false, detail: `shape [${got.dims.join(', ')}] vs [${want.dims.join(', ')}]` };
  const g = got.data as ArrayLike<number>;
  const w = want.data as ArrayLike<number>;
  let worst = 0;
  let at = -1;
  for (let i = 0; i < w.length; i++) {
    const excess = Math.abs(g[i] - w[i]) - tol * Math.max(1, Math.abs(w[i]));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      at = i;
    }
  }
  return at < 0 ? { ok: true, detail: '' } : { ok: false, detail: `element ${at}: ${g[at]} vs ${w[at]}` };
}

/** How many nodes of each op type the model holds, in every graph. */
export function opCounts(model: Model): Record<string, number> {
  const c: Record<string, number> = {};
  forEachGraph(model.graph, (g) => g.nodes.forEach((n) => (c[n.opType] = (c[n.opType] ?? 0) + 1)));
  return c;
}

/** Lowers a copy of the case's model with `pass`; checks that no node of the lowered op is left. */
export function lowerCase(c: RecurrentCase, pass: string, opType: RecurrentOpType): { before: Model; after: Model; notes: string[] } {
  const before = cloneModel(c.model);
  const after = cloneModel(c.model);
  const { records } = runPipeline(after, pass, { registry: testRegistry });
  const counts = opCounts(after);
  if (counts[opType]) throw new Error(`${pass} left ${counts[opType]} ${opType} node(s)`);
  if (!counts.Scan) throw new Error(`${pass} wrote no Scan`);
  return { before, after, notes: records.flatMap((r) => r.notes) };
}

/** Simulates both models on the case's feeds; returns the first output outside `tol`, if any. */
export function simulatorMismatch(before: Model, after: Model, feeds: Map<string, Tensor>, tol: number): string | undefined {
  const want = new Simulator(before, { registry: testRegistry }).run(feeds).outputs;
  const got = new Simulator(after, { registry: testRegistry }).run(feeds).outputs;
  for (let k = 0; k < want.length; k++) {
    const cmp = compareTensors(got[k], want[k], tol);
    if (!cmp.ok) return `output ${k} (${before.graph.outputs[k].name}): ${cmp.detail}`;
  }
  return undefined;
}

function toOrt(t: Tensor): ort.Tensor {
  switch (t.elemType) {
    case 'float32':
      return new ort.Tensor('float32', t.data as Float32Array, [...t.dims]);
    case 'float64':
      return new ort.Tensor('float64', t.data as Float64Array, [...t.dims]);
    case 'int32':
      return new ort.Tensor('int32', t.data as Int32Array, [...t.dims]);
    case 'int64':
      return new ort.Tensor('int64', t.data as BigInt64Array, [...t.dims]);
    default:
      throw new Error(`no onnxruntime tensor for ${t.elemType}`);
  }
}

/** Runs a model in onnxruntime-node (CPU); outputs in graph-output order. */
export async function runOrt(model: Model, feeds: Map<string, Tensor>): Promise<Tensor[]> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  try {
    const result = await session.run(Object.fromEntries([...feeds].map(([k, v]) => [k, toOrt(v)])));
    return model.graph.outputs.map((o) => {
      const v = result[o.name];
      return new Tensor('float32', [...v.dims].map(Number), Float32Array.from(v.data as Float32Array));
    });
  } finally {
    await session.release();
  }
}

/**
 * Runs both models in onnxruntime, and the lowered one in the simulator too; returns the first
 * output of either outside `tol` of onnxruntime's result for the original model, if any.
 */
export async function ortMismatch(before: Model, after: Model, feeds: Map<string, Tensor>, tol: number): Promise<string | undefined> {
  const want = await runOrt(before, feeds);
  const got = await runOrt(after, feeds);
  const simulated = new Simulator(after, { registry: testRegistry }).run(feeds).outputs;
  for (let k = 0; k < want.length; k++) {
    const cmp = compareTensors(got[k], want[k], tol);
    if (!cmp.ok) return `output ${k} (${before.graph.outputs[k].name}), onnxruntime: ${cmp.detail}`;
    const sim = compareTensors(simulated[k], want[k], tol);
    if (!sim.ok) return `output ${k} (${before.graph.outputs[k].name}), simulator vs onnxruntime: ${sim.detail}`;
  }
  return undefined;
}
