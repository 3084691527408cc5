/**
 * Test support: single-node ONNX GRU models with seeded weights and feeds, onnxruntime-node runs,
 * and tensor comparison. Only the tests import this file.
 */
import { Rng } from '@scanflow/builders';
import { attr, type Attribute, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import * as ort from 'onnxruntime-node';

export interface GruCaseOptions {
  linearBeforeReset: 0 | 1;
  direction: 'forward' | 'reverse' | 'bidirectional';
  sequenceLens: boolean;
  layout?: 0 | 1;
  /** W / R / B as initializers (default) or graph inputs. */
  constantWeights?: boolean;
  clip?: number;
  seed?: number;
  /** Batch size (default 3) and sequence length (default 4). */
  batch?: number;
  seqLen?: number;
  /** Feed initial_h (default true). */
  initialState?: boolean;
}

export interface GruCase {
  model: Model;
  /** Feeds by graph-input name. */
  feeds: Map<string, Tensor>;
}

/** A GRU node (T 4, B 3, I 3, H 4 unless told) with an initial state, bias and every output. */
export function gruCase(o: GruCaseOptions): GruCase {
  const rng = new Rng(o.seed ?? 7);
  const [T, B, I, H] = [o.seqLen ?? 4, o.batch ?? 3, 3, 4];
  const D = o.direction === 'bidirectional' ? 2 : 1;
  const layout = o.layout ?? 0;
  const b = new GraphBuilder('gru_case');
  const feeds = new Map<string, Tensor>();
  const t = (dims: number[], lo: number, hi: number): Tensor => new Tensor('float32', dims, rng.floats(dims.reduce((x, y) => x * y, 1), lo, hi));
  const fed = (name: string, v: Tensor): string => {
    b.input(name, v.elemType, [...v.dims]);
    feeds.set(name, v);
    return name;
  };
  const weight = (name: string, v: Tensor): string => (o.constantWeights === false ? fed(name, v) : b.initializer(name, v));
  const inputs = [
    fed('X', t(layout === 0 ? [T, B, I] : [B, T, I], -1.5, 1.5)),
    weight('W', t([D, 3 * H, I], -0.8, 0.8)),
    weight('R', t([D, 3 * H, H], -0.8, 0.8)),
    weight('B', t([D, 6 * H], -0.5, 0.5)),
    o.sequenceLens ? fed('sequence_lens', new Tensor('int32', [B], Int32Array.from([T, 1, 3].slice(0, B)))) : '',
    o.initialState === false ? '' : fed('initial_h', t(layout === 0 ? [D, B, H] : [B, D, H], -1, 1)),
  ];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const attrs: Record<string, Attribute> = { hidden_size: attr.int(H), direction: attr.string(o.direction), linear_before_reset: attr.int(o.linearBeforeReset) };
  if (layout === 1) attrs.layout = attr.int(1);
  if (o.clip !== undefined) attrs.clip = attr.float(o.clip);
  b.node('GRU', inputs, attrs, { outputs: ['Y', 'Y_h'], name: 'gru' });
  b.output('Y', 'float32', layout === 0 ? [T, D, B, H] : [B, T, D, H]);
  b.output('Y_h', 'float32', layout === 0 ? [D, B, H] : [B, D, H]);
  return { model: b.model({ opset: 14, irVersion: 8 }), feeds };
}

function toOrt(t: Tensor): ort.Tensor {
  if (t.elemType === 'float32') return new ort.Tensor('float32', t.data as Float32Array, [...t.dims]);
  if (t.elemType === 'int32') return new ort.Tensor('int32', t.data as Int32Array, [...t.dims]);
  throw new Error(`no onnxruntime tensor for ${t.elemType}`);
}

/** Runs a model in onnxruntime-node (CPU); outputs in graph-output order. */
export async function runOrt(model: Model, feeds: Map<string, Tensor>): Promise<Tensor[]> {
  const session = await ort.InferenceSession.create(encodeModel(model));
  try {
    const result = await session.run(Object.fromEntries([...feeds].map(([k, v]) => [k, toOrt(v)])));
    return model.graph.outputs.map((o) => {
      const v = result[o.name]!;
      return new Tensor('float32', [...v.dims].map(Number), Float32Array.from(v.data as Float32Array));
    });
  } finally {
    await session.release();
  }
}

/** The first element of `got` farther than atol + rtol·|want| from `want`, described; undefined when all are close. */
export function firstMismatch(got: Tensor, want: Tensor, rtol = 1e-4, atol = 1e-6): string | undefined {
  if (JSON.stringify(got.dims) !== JSON.stringify(want.dims)) return `shape [${got.dims.join(', ')}], expected [${want.dims.join(', ')}]`;
  const g = got.data as Float32Array;
  const w = want.data as Float32Array;
  for (let i = 0; i < w.length; i++) {
    if (!(Math.abs(g[i]! - w[i]!) <= atol + rtol * Math.abs(w[i]!))) return `element ${i} is ${g[i]}, expected ${w[i]}`;
  }
  return undefined;
}
