import { Rng } from '@scanflow/builders';
import {
  attr,
  type Attribute,
  attrGraph,
  attrInts,
  cloneModel,
  type Graph,
  GraphBuilder,
  type Model,
  Node,
  outerScopeReferences,
  Tensor,
} from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import {
  lowerCase,
  opCounts,
  ortMismatch,
  randomRecurrentCase,
  type RecurrentCaseOptions,
  simulatorMismatch,
  testRegistry as registry,
} from '../lowering/recurrent-test-support';
import { runPipeline } from '../pass-manager';

const iota = (n: number, from = 0): number[] => Array.from({ length: n }, (_, k) => from + k);

interface LstmOptions {
  T?: number;
  B?: number;
  I?: number;
  H?: number;
  attrs?: Record<string, Attribute>;
  /** W, R (and B, P) as initializers (default) or graph inputs. */
  fedWeights?: boolean;
  bias?: boolean;
  peepholes?: boolean;
  sequenceLens?: 'input' | number[];
  opset?: number;
  outputs?: string[];
}

/** One LSTM node; W holds 0, 1, 2 ... (row-major), R 100, 101 ..., B 1000, 1001 ..., P 2000, 2001 ... */
function lstmModel(o: LstmOptions = {}): Model {
  const { T = 4, B = 1, I = 3, H = 2 } = o;
  const D = o.attrs?.direction?.value === 'bidirectional' ? 2 : 1;
  const layout = o.attrs?.layout?.value === 1n ? 1 : 0;
  const b = new GraphBuilder('g');
  b.input('X', 'float32', layout === 0 ? [T, B, I] : [B, T, I]);
  const operand = (name: string, dims: number[], from: number): string => {
    const t = Tensor.float32(dims, iota(dims.reduce((x, y) => x * y, 1), from));
    if (!o.fedWeights) return b.initializer(name, t);
    return b.input(name, 'float32', dims);
  };
  const inputs = ['X', operand('W', [D, 4 * H, I], 0), operand('R', [D, 4 * H, H], 100)];
  inputs.push(o.bias || o.peepholes ? operand('B', [D, 8 * H], 1000) : '');
  if (o.sequenceLens === 'input') inputs.push(b.input('sequence_lens', 'int32', [B]));
  else if (o.sequenceLens) inputs.push(b.initializer('sequence_lens', new Tensor('int32', [B], Int32Array.from(o.sequenceLens))));
  else inputs.push('');
  if (o.peepholes) inputs.push('', '', operand('P', [D, 3 * H], 2000));
  const outputs = o.outputs ?? ['Y', 'Y_h', 'Y_c'];
  b.node('LSTM', inputs, { hidden_size: attr.int(H), ...o.attrs }, { outputs, name: 'lstm' });
  for (const out of outputs) if (out) b.output(out, 'float32');
  return b.model({ opset: o.opset ?? 14 });
}

function lower(model: Model, pipeline = 'lower-lstm'): string[] {
  return runPipeline(model, pipeline, { registry, checkStructure: true }).records.flatMap((r) => r.notes);
}

const scans = (g: Graph): Node[] => g.nodes.filter((n) => n.opType === 'Scan');
const counts = (g: Graph): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const n of g.nodes) c[n.opType] = (c[n.opType] ?? 0) + 1;
  return c;
};
const values = (g: Graph, name: string): number[] => Array.from(g.initializers.get(name)!.data as Float32Array);
const producer = (g: Graph, name: string): Node => g.nodes.find((n) => n.outputs.includes(name))!;

describe('lower-lstm: structure', () => {
  it('writes a forward LSTM with constant weights as FINN-GL\'s Scan body (batch 1: [H, 1] columns)', () => {
    const model = lstmModel({ bias: true });
    const notes = lower(model);
    expect(notes).toEqual([expect.stringMatching(/^lowered 'lstm' \(LSTM\) to 1 Scan\(s\): forward, hidden 2/)]);
    const g = model.graph;
    expect(g.nodes.some((n) => n.opType === 'LSTM')).toBe(false);
    const [scan] = scans(g);
    expect(scans(g)).toHaveLength(1);
    expect(scan.attributes.get('num_scan_inputs')).toEqual(attr.int(1));
    expect(scan.attributes.has('scan_input_directions')).toBe(false);
    const body = attrGraph(scan, 'body');
    expect(body.inputs.map((i) => [i.name, i.type])).toEqual([
      ['h_t-1', { kind: 'tensor', elemType: 'float32', shape: [2, 1] }],
      ['c_t-1', { kind: 'tensor', elemType: 'float32', shape: [2, 1] }],
      ['x_t', { kind: 'tensor', elemType: 'float32', shape: [3, 1] }],
    ]);
    expect(body.outputs.map((o) => o.name)).toEqual(['h_t', 'c_t', 'h_t_concat']);
    // The op counts of FINN-GL's float cell: 8 MatMul, 4 × 2 Add + 1, 3 Mul, 3 Sigmoid, 2 Tanh, 1 Identity.
    expect(counts(body)).toEqual({ MatMul: 8, Add: 9, Mul: 3, Sigmoid: 3, Tanh: 2, Identity: 1 });
    // Per-gate weights: gate order i, o, f, c in W; W_f holds rows 4..5 of W[0] (3 columns each).
    expect(body.initializers.get('W_f')!.dims).toEqual([2, 3]);
    expect(values(body, 'W_f')).toEqual([12, 13, 14, 15, 16, 17]);
    expect(values(body, 'R_c')).toEqual([112, 113, 114, 115]);
    // B_o = Wb_o + Rb_o: Wb rows 2..3 (1002, 1003) plus Rb rows 8 + 2..3 (1010, 1011).
    expect(body.initializers.get('B_o')!.dims).toEqual([2, 1]);
    expect(values(body, 'B_o')).toEqual([2012, 2014]);
    // Every product is MatMul(W, x) / MatMul(R, h).
    const wx = producer(body, 'Wx_i');
    expect(wx.inputs).toEqual(['W_i', 'x_t']);
    expect(producer(body, 'Rh_o').inputs).toEqual(['R_o', 'h_t-1']);
    expect(producer(body, 'h_t_concat').opType).toBe('Identity');
    // The outer graph: X [T, B, I] → [T, I, B]; Scan outputs back to the node's names; weights gone.
    const xT = producer(g, scan.inputs[2]);
    expect([xT.opType, attrInts(xT, 'perm')]).toEqual(['Transpose', [0, 2, 1]]);
    expect(producer(g, 'Y').opType).toBe('Transpose');
    expect(attrInts(producer(g, 'Y'), 'perm')).toEqual([1, 0, 3, 2]);
    expect(attrInts(producer(g, 'Y_h'), 'perm')).toEqual([0, 2, 1]);
    expect(attrInts(producer(g, 'Y_c'), 'perm')).toEqual([0, 2, 1]);
    expect([...g.initializers.keys()].filter((k) => ['W', 'R', 'B'].includes(k))).toEqual([]);
    // Zero initial states of shape [H, B].
    expect(g.initializers.get(scan.inputs[0])!.dims).toEqual([2, 1]);
    expect(values(g, scan.inputs[0])).toEqual([0, 0]);
  });

  it('keeps the batch along the columns: x_t [I, B], states [H, B]', () => {
    const model = lstmModel({ B: 3 });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    expect(body.inputs.map((i) => (i.type as { shape: number[] }).shape)).toEqual([
      [2, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('writes a bidirectional LSTM as a forward and a reverse Scan, concatenated on the direction axis', () => {
    const model = lstmModel({ attrs: { direction: attr.string('bidirectional') }, T: 2, I: 1, H: 1 });
    lower(model);
    const g = model.graph;
    const [fwd, bwd] = scans(g);
    expect(scans(g)).toHaveLength(2);
    expect(fwd.attributes.has('scan_input_directions')).toBe(false);
    expect(attrInts(bwd, 'scan_input_directions')).toEqual([1]);
    expect(attrInts(bwd, 'scan_output_directions')).toEqual([1]);
    // Each body has its direction's weights: W[1] starts at 4 * H * I = 4.
    expect(values(attrGraph(fwd, 'body'), 'W_i_fwd')).toEqual([0]);
    expect(values(attrGraph(bwd, 'body'), 'W_i_bwd')).toEqual([4]);
    expect(values(attrGraph(bwd, 'body'), 'W_c_bwd')).toEqual([7]);
    const cat = producer(g, producer(g, 'Y').inputs[0]);
    expect(cat.opType).toBe('Concat');
    expect(cat.attributes.get('axis')).toEqual(attr.int(0));
    expect(cat.inputs.map((i) => producer(g, producer(g, i).inputs[0]))).toEqual([fwd, bwd]);
  });

  it('uses the batch-first permutations for layout 1', () => {
    const model = lstmModel({ attrs: { layout: attr.int(1) }, B: 2 });
    lower(model);
    const g = model.graph;
    const scan = scans(g)[0];
    expect(attrInts(producer(g, scan.inputs[2]), 'perm')).toEqual([1, 2, 0]);
    expect(attrInts(producer(g, 'Y'), 'perm')).toEqual([3, 1, 0, 2]);
    expect(attrInts(producer(g, 'Y_h'), 'perm')).toEqual([2, 0, 1]);
  });

  it('slices weights fed at run time in the enclosing graph (Gather by direction, Slice by gate)', () => {
    const model = lstmModel({ fedWeights: true, bias: true, peepholes: true });
    const notes = lower(model);
    expect(notes[0]).toMatch(/weights sliced in the graph/);
    const g = model.graph;
    const body = attrGraph(scans(g)[0], 'body');
    expect(body.initializers.size).toBe(0);
    const refs = outerScopeReferences(body);
    const wi = producer(body, 'Wx_i').inputs[0];
    expect(refs.has(wi)).toBe(true);
    const slice = producer(g, wi);
    expect(slice.opType).toBe('Slice');
    expect(Array.from(g.initializers.get(slice.inputs[1])!.data as BigInt64Array)).toEqual([0n]);
    expect(Array.from(g.initializers.get(slice.inputs[2])!.data as BigInt64Array)).toEqual([2n]);
    const gather = producer(g, slice.inputs[0]);
    expect([gather.opType, gather.inputs[0]]).toEqual(['Gather', 'W']);
    // The bias of a gate is Wb_g + Rb_g, made a column.
    const bias = producer(body, 'pre_f').inputs[1];
    const unsq = producer(g, bias);
    expect(unsq.opType).toBe('Unsqueeze');
    expect(producer(g, unsq.inputs[0]).opType).toBe('Add');
  });

  it('couples the forget gate to the input gate for input_forget (f = 1 - i, no forget weights)', () => {
    const model = lstmModel({ attrs: { input_forget: attr.int(1) } });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    expect(counts(body).MatMul).toBe(6);
    expect(body.initializers.has('W_f')).toBe(false);
    const f = producer(body, 'act_f');
    expect(f.opType).toBe('Sub');
    expect(values(body, f.inputs[0])).toEqual([1]);
    expect(f.inputs[1]).toBe('act_i');
  });

  it('adds peepholes: P_i, P_f on c_t-1 and P_o on the new c_t', () => {
    const model = lstmModel({ peepholes: true });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    expect(producer(body, 'Pi_c').inputs).toEqual(['P_i', 'c_t-1']);
    expect(producer(body, 'Pf_c').inputs).toEqual(['P_f', 'c_t-1']);
    expect(producer(body, 'Po_c').inputs).toEqual(['P_o', 'c_t']);
    // P order i, o, f: P_f holds entries 4..5.
    expect(values(body, 'P_f')).toEqual([2004, 2005]);
    expect(body.initializers.get('P_o')!.dims).toEqual([2, 1]);
  });

  it.each([
    [9, 'attributes'],
    [13, 'inputs'],
  ])('clips every gate pre-activation (opset %d: bounds as %s)', (opset) => {
    const model = lstmModel({ attrs: { clip: attr.float(0.75) }, opset });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    const clips = body.nodes.filter((n) => n.opType === 'Clip');
    expect(clips).toHaveLength(4);
    for (const c of clips) {
      if (opset < 11) expect([c.attributes.get('min'), c.attributes.get('max')]).toEqual([attr.float(-0.75), attr.float(0.75)]);
      else expect([values(body, c.inputs[1]), values(body, c.inputs[2])]).toEqual([[-0.75], [0.75]]);
    }
    expect(producer(body, 'act_i').inputs[0]).toBe(clips[0].outputs[0]);
  });

  it('writes the activations attribute with standard ops and its alpha / beta', () => {
    const model = lstmModel({
      attrs: {
        activations: attr.strings(['HardSigmoid', 'Affine', 'Softsign']),
        activation_alpha: attr.floats([0.25, 2]),
        activation_beta: attr.floats([0.75]),
      },
    });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    const hs = producer(body, 'act_i');
    expect(hs.opType).toBe('HardSigmoid');
    expect([hs.attributes.get('alpha'), hs.attributes.get('beta')]).toEqual([attr.float(0.25), attr.float(0.75)]);
    // Affine takes the next alpha (2) and, beta having run out, the default 0: 2 * x + 0.
    const affine = producer(body, 'act_c');
    expect(affine.opType).toBe('Add');
    expect(values(body, affine.inputs[1])).toEqual([0]);
    expect(values(body, producer(body, affine.inputs[0]).inputs[1])).toEqual([2]);
    // Softsign: x / (1 + |x|).
    expect(producer(body, 'h_c').opType).toBe('Div');
  });

  it('masks steps past sequence_lens with a step counter carried in the Scan state', () => {
    const model = lstmModel({ B: 2, sequenceLens: 'input', attrs: { direction: attr.string('reverse') } });
    const notes = lower(model);
    expect(notes[0]).toMatch(/sequence_lens masked/);
    const g = model.graph;
    const [scan] = scans(g);
    expect(scan.inputs).toHaveLength(4);
    expect(Array.from(g.initializers.get(scan.inputs[2])!.data as BigInt64Array)).toEqual([3n]); // reverse: starts at T - 1
    const body = attrGraph(scan, 'body');
    expect(body.inputs.map((i) => i.name)).toEqual(['h_t-1', 'c_t-1', 'step', 'x_t']);
    expect(body.inputs[2].type).toEqual({ kind: 'tensor', elemType: 'int64', shape: [] });
    expect(body.outputs.map((o) => o.name)).toEqual(['h_t_kept', 'c_t_kept', 'step_next', 'h_t_concat']);
    const less = producer(body, 'in_sequence');
    expect(less.opType).toBe('Less');
    expect(less.inputs[0]).toBe('step');
    expect(outerScopeReferences(body).has(less.inputs[1])).toBe(true);
    expect(producer(body, 'step_next').opType).toBe('Sub');
    expect(producer(body, 'h_t_kept').inputs).toEqual(['in_sequence', 'h_t', 'h_t-1']);
    expect(producer(body, 'h_t_concat').opType).toBe('Where');
    // Y_h / Y_c are zero for an entry of length 0.
    const yh = producer(g, producer(g, 'Y_h').inputs[0]);
    expect(yh.opType).toBe('Where');
    expect(producer(g, yh.inputs[0]).opType).toBe('Greater');
  });

  it('drops sequence_lens when it is a constant equal to T for every entry', () => {
    const model = lstmModel({ B: 2, T: 3, sequenceLens: [3, 3] });
    lower(model);
    const body = attrGraph(scans(model.graph)[0], 'body');
    expect(body.inputs).toHaveLength(3);
    expect(model.graph.initializers.has('sequence_lens')).toBe(false);
  });

  it('leaves omitted outputs omitted', () => {
    const model = lstmModel({ outputs: ['', 'Y_h'] });
    lower(model);
    const g = model.graph;
    expect(g.nodes.filter((n) => n.opType === 'Transpose').map((n) => n.outputs[0])).toEqual(['lstm_X_cols', 'Y_h']);
  });

  it('lowers an LSTM inside a Scan body and leaves other nodes as they were', () => {
    const H = 2;
    const inner = new GraphBuilder('outer_body');
    inner.input('s', 'float32', [1, H]);
    inner.input('xs', 'float32', [3, 1, 1]);
    const [, yh] = inner.node('LSTM', ['xs', 'W', 'R'], { hidden_size: H }, { outputs: ['', 'yh'], name: 'inner_lstm' });
    const sq = inner.op('Reshape', [yh, 'shape_1h'], {}, { outputs: ['yh2'] });
    const s2 = inner.op('Add', ['s', sq], {}, { outputs: ['s_next'] });
    inner.output(s2);
    const b = new GraphBuilder('main');
    b.input('x', 'float32', [2, 3, 1, 1]);
    b.initializer('W', Tensor.float32([1, 4 * H, 1], iota(4 * H).map((v) => v / 10)));
    b.initializer('R', Tensor.float32([1, 4 * H, H], iota(4 * H * H).map((v) => v / 20)));
    b.initializer('shape_1h', Tensor.int64([2], [1, H]));
    b.initializer('s0', Tensor.float32([1, H], [0, 0]));
    const relu = b.op('Relu', ['x'], {}, { outputs: ['x_relu'], name: 'relu' });
    b.node('Scan', ['s0', relu], { body: inner.graph, num_scan_inputs: 1 }, { outputs: ['s_final'], name: 'outer_scan' });
    b.output('s_final');
    const model = b.model({ opset: 14 });
    const reluNode = model.graph.nodes[0];
    const before = cloneModel(model);
    lower(model);
    const feeds = new Map([['x', Tensor.float32([2, 3, 1, 1], [0.5, -0.25, 1, 0.75, 2, -1])]]);
    expect(simulatorMismatch(before, model, feeds, 1e-6)).toBeUndefined();
    expect(model.graph.nodes[0]).toBe(reluNode);
    expect(model.graph.nodes.map((n) => n.name)).toEqual(['relu', 'outer_scan']);
    expect(opCounts(model).LSTM).toBeUndefined();
    const outerBody = attrGraph(model.graph.nodes[1], 'body');
    const innerScan = scans(outerBody)[0];
    // Weights from the main graph's initializers are constants: per-gate initializers of the new body.
    expect(values(attrGraph(innerScan, 'body'), 'W_o')).toEqual([0.2, 0.3].map(Math.fround));
    // ... and the main graph's W and R, read by nothing else now, are gone.
    expect([...model.graph.initializers.keys()].sort()).toEqual(['s0', 'shape_1h']);
  });

  it('lowers several LSTMs sharing weights with names unique model-wide (onnxruntime loads the result)', async () => {
    const b = new GraphBuilder('g');
    b.input('X', 'float32', [3, 2, 2]);
    b.initializer('W', Tensor.float32([1, 8, 2], iota(16).map((v) => Math.sin(v))));
    b.initializer('R', Tensor.float32([1, 8, 2], iota(16).map((v) => Math.cos(v) / 2)));
    b.node('LSTM', ['X', 'W', 'R'], { hidden_size: 2 }, { outputs: ['Y1', 'Y_h1'], name: 'first' });
    b.node('LSTM', ['X', 'W', 'R'], { hidden_size: 2, direction: 'reverse' }, { outputs: ['', 'Y_h2', 'Y_c2'], name: 'second' });
    for (const o of ['Y1', 'Y_h1', 'Y_h2', 'Y_c2']) b.output(o, 'float32');
    const model = b.model({ opset: 17 });
    const before = cloneModel(model);
    const notes = lower(model);
    expect(notes).toHaveLength(2);
    expect(scans(model.graph)).toHaveLength(2);
    expect(model.graph.initializers.has('W')).toBe(false);
    const feeds = new Map([['X', Tensor.float32([3, 2, 2], iota(12).map((v) => Math.sin(3 * v)))]]);
    expect(simulatorMismatch(before, model, feeds, 1e-5)).toBeUndefined();
    expect(await ortMismatch(before, model, feeds, 1e-5)).toBeUndefined();
  });

  it('does nothing to a model without LSTM nodes', () => {
    const b = new GraphBuilder('g');
    b.input('x', 'float32', [2]);
    b.output(b.op('Relu', ['x']));
    const model = b.model();
    const { records } = runPipeline(model, 'lower-lstm', { registry, checkStructure: true });
    expect(records[0].changed).toBe(false);
    expect(records[0].notes).toEqual([]);
  });

  it('raises opset 7 to 9 (Scan-9) when nothing else changes meaning, and says so', () => {
    const model = lstmModel({ opset: 7 });
    const notes = lower(model);
    expect(model.opsetVersion('')).toBe(9);
    expect(notes[0]).toMatch(/raised the ONNX opset from 7 to 9/);
  });
});

describe('lower-lstm: refusals name the node and the attribute value', () => {
  it.each<[string, LstmOptions, RegExp]>([
    ['a bad direction', { attrs: { direction: attr.string('sideways') } }, /node 'lstm' \(LSTM\): attribute 'direction' is 'sideways'/],
    ['an unknown activation', { attrs: { activations: attr.strings(['Sigmoid', 'Swish', 'Tanh']) } }, /node 'lstm' \(LSTM\): attribute 'activations' has 'Swish'/],
    ['too few activations', { attrs: { activations: attr.strings(['Sigmoid']) } }, /attribute 'activations' = \[Sigmoid\] has 1 entries, expected 3/],
    ['layout 1 before opset 14', { attrs: { layout: attr.int(1) }, opset: 13 }, /attribute 'layout' is 1, which needs opset 14/],
    ['a bad layout', { attrs: { layout: attr.int(2) } }, /attribute 'layout' is 2/],
    ['a non-positive clip', { attrs: { clip: attr.float(-1) } }, /attribute 'clip' is -1/],
    ['a hidden_size that disagrees with R', { attrs: { hidden_size: attr.int(3) } }, /attribute 'hidden_size' is 3, but R 'R' has shape \[1, 8, 2\]/],
    ['input_forget 2', { attrs: { input_forget: attr.int(2) } }, /attribute 'input_forget' is 2/],
    ['an unknown attribute', { attrs: { fancy: attr.int(1) } }, /attribute 'fancy' is not an attribute of LSTM/],
    ['sequence_lens past T', { B: 2, T: 3, sequenceLens: [2, 4] }, /sequence_lens 'sequence_lens' holds 4, outside \[0, 3\]/],
  ])('%s', (_what, options, message) => {
    expect(() => lower(lstmModel(options))).toThrow(message);
  });

  it('refuses an integer X', () => {
    const b = new GraphBuilder('g');
    b.input('X', 'int32', [2, 1, 1]);
    b.input('W', 'int32', [1, 4, 1]);
    b.input('R', 'int32', [1, 4, 1]);
    b.node('LSTM', ['X', 'W', 'R'], { hidden_size: 1 }, { outputs: ['Y'], name: 'int_lstm' });
    b.output('Y');
    expect(() => lower(b.model())).toThrow(/node 'int_lstm' \(LSTM\): input 'X' is int32/);
  });

  it('refuses to raise the opset of a model that holds a Scan-8', () => {
    const model = lstmModel({ opset: 8 });
    const body = new GraphBuilder('b');
    body.input('a', 'float32', [1, 1]);
    body.output(body.op('Identity', ['a']));
    const scan8 = { body: attr.graph(body.graph), num_scan_inputs: attr.int(1) };
    model.graph.nodes.push(new Node({ opType: 'Scan', name: 'old_scan', inputs: ['', 'X'], outputs: ['unused'], attributes: scan8 }));
    expect(() => lower(model)).toThrow(/imports ONNX opset 8.*would change the meaning of Scan/);
  });
});

/** Feature combinations every run covers, on top of the random draws. */
const FORCED: RecurrentCaseOptions[] = (['forward', 'reverse', 'bidirectional'] as const).flatMap((direction) =>
  ([0, 1] as const).flatMap((layout) => [false, true].map((sequenceLens) => ({ direction, layout, sequenceLens }))),
);

describe('lower-lstm: equivalence', () => {
  it('keeps the simulated outputs of randomised LSTMs within 1e-5', () => {
    const rng = new Rng(20240611);
    const cases = [...FORCED.flatMap((f) => [f, { ...f, symbolicDims: true }]), ...Array.from({ length: 120 }, () => ({}))];
    for (const options of cases) {
      const c = randomRecurrentCase(rng, 'LSTM', options);
      const { before, after } = lowerCase(c, 'lower-lstm', 'LSTM');
      const bad = simulatorMismatch(before, after, c.feeds, 1e-5);
      expect(bad, `${c.desc}: ${bad}`).toBeUndefined();
    }
  });

  it('runs in onnxruntime like the original LSTM (layout 0, within 1e-5)', async () => {
    const rng = new Rng(77);
    const cases = [...FORCED.filter((f) => f.layout === 0), ...Array.from({ length: 50 }, () => ({}))];
    for (const options of cases) {
      const c = randomRecurrentCase(rng, 'LSTM', { ...options, ortCompatible: true });
      const { before, after } = lowerCase(c, 'lower-lstm', 'LSTM');
      const bad = await ortMismatch(before, after, c.feeds, 1e-5);
      expect(bad, `${c.desc}: ${bad}`).toBeUndefined();
    }
  }, 60_000);
});
