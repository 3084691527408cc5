import { DataType, GraphBuilder, HW_DOMAIN, type Model, Tensor } from '@scanflow/ir';

/**
 * Hand-built hardware-stage models for the estimation tests. They mirror the FINN-GL 10 → 20 W8A6
 * LSTM of docs/hardware-layers.md: hoisted W·x MVAUs in front of a Recurrence whose body runs
 * Reshape → DuplicateStreams → 4 MVAUs (U, H×H) → ElementwiseAdd (x projection slice) →
 * Thresholding → the cell's element-wise products, thresholdings and the state outputs.
 * Values are not meaningful (weights all 1, thresholds 0..NT-1); only shapes and datatypes matter.
 */

const hw = { domain: HW_DOMAIN };
const GATES = ['f', 'i', 'o', 'g'] as const;

function ones(dims: number[]): Tensor {
  return Tensor.float32(dims, new Array(dims.reduce((a, b) => a * b, 1)).fill(1));
}

function thresholds(rows: number, steps: number): Tensor {
  return Tensor.float32([rows, steps], Array.from({ length: rows * steps }, (_, k) => k % steps));
}

function shapeConst(b: GraphBuilder, name: string, dims: number[]): string {
  return b.initializer(name, Tensor.int64([dims.length], dims.map(BigInt)));
}

function lstmBody(H: number): GraphBuilder {
  const b = new GraphBuilder('lstm_step');
  const h = b.input('h', 'float32', [1, H, 1], DataType.int(6));
  const c = b.input('c', 'float32', [1, H, 1], DataType.int(7));
  const xp = GATES.map((g) => b.input(`xp_${g}_t`, 'float32', [1, H], DataType.int(18)));
  const h2 = b.op('Reshape', [h, shapeConst(b, 'shape_h', [1, H])], {}, { name: 'reshape_h', outputs: ['h2'] });
  const hs = b.node('DuplicateStreams', [h2], { channels: H }, { ...hw, name: 'dup_h', outputs: GATES.map((g) => `h_${g}`) });
  const gate: Record<string, string> = {};
  GATES.forEach((g, k) => {
    const U = b.initializer(`U_${g}`, ones([H, H]), DataType.int(8));
    const uh = b.op('MVAU', [hs[k], U], { mw: H, mh: H, acc_dtype: 'INT18' }, { ...hw, name: `mvau_u_${g}`, outputs: [`uh_${g}`] });
    b.graph.setDataType(uh, DataType.int(18));
    const pre = b.op('ElementwiseAdd', [uh, xp[k]], { channels: H }, { ...hw, name: `add_${g}`, outputs: [`pre_${g}`] });
    b.graph.setDataType(pre, DataType.int(19));
    const T = b.initializer(`T_${g}`, thresholds(H, 15), DataType.int(19));
    gate[g] = b.op('Thresholding', [pre, T], { channels: H, out_bias: g === 'g' ? -8 : 0 }, { ...hw, name: `act_${g}`, outputs: [`gate_${g}`] });
    b.graph.setDataType(gate[g], g === 'g' ? DataType.int(4) : DataType.uint(4));
  });
  const c2 = b.op('Reshape', [c, shapeConst(b, 'shape_c', [1, H])], {}, { name: 'reshape_c', outputs: ['c2'] });
  const fc = b.op('ElementwiseMul', [gate.f, c2], { channels: H }, { ...hw, name: 'mul_fc', outputs: ['fc'] });
  b.graph.setDataType(fc, DataType.int(12));
  const fcq = b.op('Thresholding', [fc, b.initializer('T_fc', thresholds(H, 63), DataType.int(12))], { channels: H, out_bias: -32 }, { ...hw, name: 'act_fc', outputs: ['fcq'] });
  b.graph.setDataType(fcq, DataType.int(6));
  const ig = b.op('ElementwiseMul', [gate.i, gate.g], { channels: H }, { ...hw, name: 'mul_ig', outputs: ['ig'] });
  b.graph.setDataType(ig, DataType.int(9));
  const igq = b.op('Thresholding', [ig, b.initializer('T_ig', thresholds(H, 63), DataType.int(9))], { channels: H, out_bias: -32 }, { ...hw, name: 'act_ig', outputs: ['igq'] });
  b.graph.setDataType(igq, DataType.int(6));
  const cNext = b.op('ElementwiseAdd', [fcq, igq], { channels: H }, { ...hw, name: 'add_c', outputs: ['c_next'] });
  b.graph.setDataType(cNext, DataType.int(7));
  const [cA, cB] = b.node('DuplicateStreams', [cNext], { channels: H }, { ...hw, name: 'dup_c', outputs: ['c_a', 'c_b'] });
  const cOut = b.op('Reshape', [cA, shapeConst(b, 'shape_c_out', [1, H, 1])], {}, { name: 'reshape_c_out', outputs: ['c_out'] });
  const tc = b.op('Thresholding', [cB, b.initializer('T_tanh', thresholds(H, 15), DataType.int(7))], { channels: H, out_bias: -8 }, { ...hw, name: 'act_tanh', outputs: ['tc'] });
  b.graph.setDataType(tc, DataType.int(4));
  const oh = b.op('ElementwiseMul', [gate.o, tc], { channels: H }, { ...hw, name: 'mul_oh', outputs: ['oh'] });
  b.graph.setDataType(oh, DataType.int(8));
  const hNext = b.op('Thresholding', [oh, b.initializer('T_h', thresholds(H, 63), DataType.int(8))], { channels: H, out_bias: -32 }, { ...hw, name: 'act_h', outputs: ['h_next'] });
  b.graph.setDataType(hNext, DataType.int(6));
  const [hA, hB] = b.node('DuplicateStreams', [hNext], { channels: H }, { ...hw, name: 'dup_hn', outputs: ['h_a', 'h_b'] });
  const hOut = b.op('Reshape', [hA, shapeConst(b, 'shape_h_out', [1, H, 1])], {}, { name: 'reshape_h_out', outputs: ['h_out'] });
  b.output(hOut, 'float32', [1, H, 1]);
  b.output(cOut, 'float32', [1, H, 1]);
  b.output(hB, 'float32', [1, H]);
  return b;
}

/**
 * The accelerator part of an I → H LSTM over T steps: x_int [T, 1, I] (INT8) → DuplicateStreams ×4
 * → MVAU W_g (mw I, mh H) → xp_g [T, 1, H] → Recurrence `lstm_loop`(h0, c0, xp_f, xp_i, xp_o, xp_g).
 */
export function lstmHwModel(options: { I?: number; H?: number; T?: number } = {}): Model {
  const I = options.I ?? 10;
  const H = options.H ?? 20;
  const T = options.T ?? 5;
  const b = new GraphBuilder('lstm_accel');
  const x = b.input('x_int', 'float32', [T, 1, I], DataType.int(8));
  const h0 = b.input('h0_int', 'float32', [1, H, 1], DataType.int(6));
  const c0 = b.input('c0_int', 'float32', [1, H, 1], DataType.int(7));
  const xs = b.node('DuplicateStreams', [x], { channels: I }, { ...hw, name: 'dup_x', outputs: GATES.map((g) => `x_${g}`) });
  const xp = GATES.map((g, k) => {
    const W = b.initializer(`W_${g}`, ones([H, I]), DataType.int(8));
    const y = b.op('MVAU', [xs[k], W], { mw: I, mh: H, acc_dtype: 'INT18' }, { ...hw, name: `mvau_w_${g}`, outputs: [`xp_${g}`] });
    b.graph.setDataType(y, DataType.int(18));
    return y;
  });
  b.node('Recurrence', [h0, c0, ...xp], { body: lstmBody(H).graph, num_scan_inputs: 4 }, { ...hw, name: 'lstm_loop', outputs: ['h_final', 'c_final', 'h_seq'] });
  b.output('h_final');
  b.output('c_final');
  b.output('h_seq');
  return b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1 } });
}

/** A two-layer MLP chain: x [V, MW] → MVAU (thresholds) → MVAU → Thresholding. */
export function mlpHwModel(options: { V?: number; sizes?: [number, number, number] } = {}): Model {
  const V = options.V ?? 8;
  const [a, m, o] = options.sizes ?? [16, 24, 12];
  const b = new GraphBuilder('mlp_accel');
  const x = b.input('x', 'float32', [V, a], DataType.uint(4));
  const y1 = b.op('MVAU', [x, b.initializer('W1', ones([m, a]), DataType.int(4)), b.initializer('T1', thresholds(m, 15), DataType.int(16))], { mw: a, mh: m, acc_dtype: 'INT16', out_bias: 0 }, { ...hw, name: 'fc1', outputs: ['y1'] });
  b.graph.setDataType(y1, DataType.uint(4));
  const y2 = b.op('MVAU', [y1, b.initializer('W2', ones([o, m]), DataType.int(4))], { mw: m, mh: o, acc_dtype: 'INT16' }, { ...hw, name: 'fc2', outputs: ['y2'] });
  b.graph.setDataType(y2, DataType.int(16));
  const y3 = b.op('Thresholding', [y2, b.initializer('T3', thresholds(o, 7), DataType.int(16))], { channels: o }, { ...hw, name: 'act3', outputs: ['y3'] });
  b.graph.setDataType(y3, DataType.uint(3));
  b.output(y3);
  return b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1 } });
}
