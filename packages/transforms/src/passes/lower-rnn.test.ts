import { Rng } from '@scanflow/builders';
import { attr, type Attribute, attrGraph, attrInts, type Graph, GraphBuilder, type Model, type Node, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import {
  lowerCase,
  ortMismatch,
  randomRecurrentCase,
  type RecurrentCaseOptions,
  simulatorMismatch,
  testRegistry as registry,
} from '../lowering/recurrent-test-support';
import { runPipeline } from '../pass-manager';

const iota = (n: number, from = 0): number[] => Array.from({ length: n }, (_, k) => from + k);

interface RnnOptions {
  T?: number;
  B?: number;
  I?: number;
  H?: number;
  attrs?: Record<string, Attribute>;
  bias?: boolean;
  initialH?: boolean;
  sequenceLens?: boolean;
  opset?: number;
}

/** One RNN node with constant weights: W holds 0, 1, 2 ..., R 100, 101 ..., B 1000, 1001 ... */
function rnnModel(o: RnnOptions = {}): Model {
  const { T = 3, B = 1, I = 2, H = 3 } = o;
  const D = o.attrs?.direction?.value === 'bidirectional' ? 2 : 1;
  const b = new GraphBuilder('g');
  b.input('X', 'float32', [T, B, I]);
  const init = (name: string, dims: number[], from: number): string =>
    b.initializer(name, Tensor.float32(dims, iota(dims.reduce((x, y) => x * y, 1), from)));
  const inputs = ['X', init('W', [D, H, I], 0), init('R', [D, H, H], 100), o.bias ? init('B', [D, 2 * H], 1000) : ''];
  inputs.push(o.sequenceLens ? b.input('sequence_lens', 'int32', [B]) : '');
  if (o.initialH) inputs.push(b.input('initial_h', 'float32', [D, B, H]));
  b.node('RNN', inputs, { hidden_size: attr.int(H), ...o.attrs }, { outputs: ['Y', 'Y_h'], name: 'rnn' });
  b.output('Y', 'float32');
  b.output('Y_h', 'float32');
  return b.model({ opset: o.opset ?? 14 });
}

function lower(model: Model): string[] {
  return runPipeline(model, 'lower-rnn', { registry, checkStructure: true }).records.flatMap((r) => r.notes);
}

const scans = (g: Graph): Node[] => g.nodes.filter((n) => n.opType === 'Scan');
const counts = (g: Graph): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const n of g.nodes) c[n.opType] = (c[n.opType] ?? 0) + 1;
  return c;
};
const values = (g: Graph, name: string): number[] => Array.from(g.initializers.get(name)!.data as Float32Array);
const producer = (g: Graph, name: string): Node => g.nodes.find((n) => n.outputs.includes(name))!;

describe('lower-rnn: structure', () => {
  it('writes a forward RNN as a Scan whose body is h_t = Tanh(W·x + R·h + B)', () => {
    const model = rnnModel({ bias: true });
    const notes = lower(model);
    expect(notes).toEqual([expect.stringMatching(/^lowered 'rnn' \(RNN\) to 1 Scan\(s\): forward, hidden 3/)]);
    const g = model.graph;
    expect(g.nodes.some((n) => n.opType === 'RNN')).toBe(false);
    const body = attrGraph(scans(g)[0], 'body');
    expect(body.inputs.map((i) => [i.name, (i.type as { shape: number[] }).shape])).toEqual([
      ['h_t-1', [3, 1]],
      ['x_t', [2, 1]],
    ]);
    expect(body.outputs.map((o) => o.name)).toEqual(['h_t', 'h_t_concat']);
    expect(counts(body)).toEqual({ MatMul: 2, Add: 2, Tanh: 1, Identity: 1 });
    // Body names are fresh model-wide (the node's W, R, B still existed when the body was written).
    const [w, x] = producer(body, 'Wx').inputs;
    const [r, h] = producer(body, 'Rh').inputs;
    expect([w, x, r, h]).toEqual(['W_1', 'x_t', 'R_1', 'h_t-1']);
    expect(producer(body, 'h_t').opType).toBe('Tanh');
    expect(values(body, w)).toEqual(iota(6));
    expect(body.initializers.get(r)!.dims).toEqual([3, 3]);
    // B = Wb + Rb: 1000..1002 + 1003..1005, a column.
    const bias = producer(body, 'pre').inputs[1];
    expect(body.initializers.get(bias)!.dims).toEqual([3, 1]);
    expect(values(body, bias)).toEqual([2003, 2005, 2007]);
    expect([...g.initializers.keys()].filter((k) => ['W', 'R', 'B'].includes(k))).toEqual([]);
  });

  it('writes the reverse direction of a bidirectional RNN with its own weights and its activation', () => {
    const model = rnnModel({ attrs: { direction: attr.string('bidirectional'), activations: attr.strings(['Relu', 'LeakyRelu']), activation_alpha: attr.floats([0.5]) }, H: 1, I: 1 });
    lower(model);
    const [fwd, bwd] = scans(model.graph);
    expect(attrInts(bwd, 'scan_input_directions')).toEqual([1]);
    expect(attrInts(bwd, 'scan_output_directions')).toEqual([1]);
    const fb = attrGraph(fwd, 'body');
    const bb = attrGraph(bwd, 'body');
    expect(values(fb, 'W_fwd')).toEqual([0]);
    expect(values(bb, 'W_bwd')).toEqual([1]);
    expect(values(bb, 'R_bwd')).toEqual([101]);
    expect(producer(fb, 'h_t').opType).toBe('Relu');
    const leaky = bb.nodes.find((n) => n.opType === 'LeakyRelu')!;
    expect(leaky.attributes.get('alpha')).toEqual(attr.float(0.5));
  });

  it('gathers the initial state of each direction and makes it a column block [H, B]', () => {
    const model = rnnModel({ initialH: true, B: 2, attrs: { direction: attr.string('reverse') } });
    lower(model);
    const g = model.graph;
    const scan = scans(g)[0];
    const t = producer(g, scan.inputs[0]);
    expect([t.opType, attrInts(t, 'perm')]).toEqual(['Transpose', [1, 0]]);
    const gather = producer(g, t.inputs[0]);
    expect([gather.opType, gather.inputs[0], gather.attributes.get('axis')]).toEqual(['Gather', 'initial_h', attr.int(0)]);
  });

  it('masks by sequence_lens with a step counter (forward: counting up from 0)', () => {
    const model = rnnModel({ sequenceLens: true, B: 2 });
    lower(model);
    const g = model.graph;
    const scan = scans(g)[0];
    expect(Array.from(g.initializers.get(scan.inputs[1])!.data as BigInt64Array)).toEqual([0n]);
    const body = attrGraph(scan, 'body');
    expect(body.inputs.map((i) => i.name)).toEqual(['h_t-1', 'step', 'x_t']);
    expect(producer(body, 'step_next').opType).toBe('Add');
    expect(body.outputs.map((o) => o.name)).toEqual(['h_t_kept', 'step_next', 'h_t_concat']);
  });

  it.each<[string, RnnOptions, RegExp]>([
    ['two activations for one direction', { attrs: { activations: attr.strings(['Tanh', 'Relu']) } }, /node 'rnn' \(RNN\): attribute 'activations' = \[Tanh, Relu\] has 2 entries, expected 1/],
    ['an LSTM attribute', { attrs: { input_forget: attr.int(1) } }, /node 'rnn' \(RNN\): attribute 'input_forget' is not an attribute of RNN/],
    ['an unknown activation', { attrs: { activations: attr.strings(['Gelu']) } }, /attribute 'activations' has 'Gelu'/],
    ['a bad direction', { attrs: { direction: attr.string('both') } }, /attribute 'direction' is 'both'/],
  ])('refuses %s, naming the node and the value', (_what, options, message) => {
    expect(() => lower(rnnModel(options))).toThrow(message);
  });
});

const FORCED: RecurrentCaseOptions[] = (['forward', 'reverse', 'bidirectional'] as const).flatMap((direction) =>
  ([0, 1] as const).flatMap((layout) => [false, true].map((sequenceLens) => ({ direction, layout, sequenceLens }))),
);

describe('lower-rnn: equivalence', () => {
  it('keeps the simulated outputs of randomised RNNs within 1e-5', () => {
    const rng = new Rng(31337);
    const cases = [...FORCED.flatMap((f) => [f, { ...f, symbolicDims: true }]), ...Array.from({ length: 120 }, () => ({}))];
    for (const options of cases) {
      const c = randomRecurrentCase(rng, 'RNN', options);
      const { before, after } = lowerCase(c, 'lower-rnn', 'RNN');
      const bad = simulatorMismatch(before, after, c.feeds, 1e-5);
      expect(bad, `${c.desc}: ${bad}`).toBeUndefined();
    }
  });

  it('runs in onnxruntime like the original RNN (layout 0, within 1e-5)', async () => {
    const rng = new Rng(4242);
    const cases = [...FORCED.filter((f) => f.layout === 0), ...Array.from({ length: 50 }, () => ({}))];
    for (const options of cases) {
      const c = randomRecurrentCase(rng, 'RNN', { ...options, ortCompatible: true });
      const { before, after } = lowerCase(c, 'lower-rnn', 'RNN');
      const bad = await ortMismatch(before, after, c.feeds, 1e-5);
      expect(bad, `${c.desc}: ${bad}`).toBeUndefined();
    }
  }, 60_000);
});
