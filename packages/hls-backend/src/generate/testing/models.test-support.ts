import { DataType, type Graph, GraphBuilder, HW_DOMAIN, type Model, smallestIntTypeForRange, Tensor } from '@scanflow/ir';
import { Rng } from './random.test-support';

const hw = { domain: HW_DOMAIN };
const INT4 = DataType.int(4);
const opsets = { opset: 17, opsets: { [HW_DOMAIN]: 1 } };

/** Datatype of a ∘ b over the corner values (the hardware stage's rule for ElementwiseAdd / Mul). */
function cornerType(a: DataType, b: DataType, op: (x: number, y: number) => number): DataType {
  const c = [op(a.min, b.min), op(a.min, b.max), op(a.max, b.min), op(a.max, b.max)];
  return smallestIntTypeForRange(Math.min(...c), Math.max(...c));
}
const add = (a: DataType, b: DataType): DataType => cornerType(a, b, (x, y) => x + y);
const mul = (a: DataType, b: DataType): DataType => cornerType(a, b, (x, y) => x * y);

export interface MvauFold {
  readonly simd: number;
  readonly pe: number;
}

/**
 * (a) x [3, 6] INT4 → DuplicateStreams ×N → one MVAU with thresholds per folding (MW 6, MH 4,
 * INT4 weights, acc INT10). The last folding uses a shared threshold row. Outputs y0 … y(N-1).
 */
export function mvauFoldingsModel(folds: readonly MvauFold[], seed = 1): { model: Model; inputs: Tensor[] } {
  const rng = new Rng(seed);
  const [V, MW, MH, NT] = [3, 6, 4, 7];
  const b = new GraphBuilder('mvau_foldings');
  const x = b.input('x', 'float32', [V, MW], INT4);
  const copies = b.node('DuplicateStreams', [x], { channels: MW, pe: 1 }, { ...hw, name: 'dup', outputs: folds.map((_, k) => `x${k}`) });
  copies.forEach((xc) => b.graph.setDataType(xc, INT4));
  folds.forEach((f, k) => {
    const shared = k === folds.length - 1;
    const w = b.initializer(`W${k}`, Tensor.float32([MH, MW], rng.of(INT4, MH * MW)), INT4);
    const rows = shared ? 1 : MH;
    const t = b.initializer(`T${k}`, Tensor.float32([rows, NT], rng.thresholds(rows, NT, -30, 30)));
    const bias = k % 2 === 0 ? 0 : -3;
    const y = b.op('MVAU', [copies[k], w, t], { mw: MW, mh: MH, simd: f.simd, pe: f.pe, acc_dtype: 'INT10', out_bias: bias }, { ...hw, name: `mvau${k}`, outputs: [`y${k}`] });
    b.graph.setDataType(y, smallestIntTypeForRange(bias, bias + NT));
    b.output(y);
  });
  return { model: b.model(opsets), inputs: [Tensor.float32([V, MW], rng.of(INT4, V * MW))] };
}

/** Names for the chain model: plain, or hostile (path traversal, shell, keywords, unicode, comment breakers). */
export const plainNames = {
  graph: 'chain', x: 'x', mvau: 'mvau', z: 'z', thr: 'thr', a: 'a', addp: 'add_param', p: 'p', s: 's', reshape: 'reshape', r: 'r',
  dup: 'dup', d0: 'd0', d1: 'd1', d2: 'd2', mul: 'mul', m: 'm', thr2: 'thr2', t2: 't2',
};
export const hostileNames: typeof plainNames = {
  graph: '../../evil; rm -rf /',
  x: 'int',
  mvau: '../../evil; rm -rf',
  z: '"); system("rm -rf ~"); //',
  thr: '*/ #include <evil> /*',
  a: 'ħ€llo wörld',
  addp: 'main',
  p: '$(reboot)',
  s: '\n#define x 1\n',
  reshape: '__reserved',
  r: 'in_x',
  dup: 'Dup',
  d0: 'dup',
  d1: '0starts_with_digit',
  d2: '[set pwned 1]',
  mul: 'MUL',
  m: 'a'.repeat(200),
  thr2: 'thr2\\..\\..\\windows',
  t2: 'ħ€llo wörld!',
};

/**
 * (b) x [4, 8] UINT3 → MVAU (8 → 6, SIMD 4, PE 3, no thresholds, acc INT12) → Thresholding
 * (per channel, PE 2, bias -3) → ElementwiseAdd with a per-channel parameter (PE 6) → Reshape
 * [4, 2, 3] → DuplicateStreams ×3 (PE 3) → (graph output; ElementwiseMul by a scalar, PE 1;
 * Thresholding with a shared row, PE 1).
 */
export function chainModel(names: typeof plainNames = plainNames, seed = 2): { model: Model; inputs: Tensor[] } {
  const rng = new Rng(seed);
  const U3 = DataType.uint(3);
  const b = new GraphBuilder(names.graph);
  const x = b.input(names.x, 'float32', [4, 8], U3);
  const w = b.initializer('W', Tensor.float32([6, 8], rng.of(INT4, 48)), INT4);
  const z = b.op('MVAU', [x, w], { mw: 8, mh: 6, simd: 4, pe: 3, acc_dtype: 'INT12' }, { ...hw, name: names.mvau, outputs: [names.z] });
  b.graph.setDataType(z, DataType.int(12));
  const t = b.initializer('T', Tensor.float32([6, 7], rng.thresholds(6, 7, -40, 40)));
  const a = b.op('Thresholding', [z, t], { channels: 6, pe: 2, out_bias: -3 }, { ...hw, name: names.thr, outputs: [names.a] });
  b.graph.setDataType(a, INT4);
  const p = b.initializer(names.p, Tensor.float32([6], rng.of(DataType.int(3), 6)), DataType.int(3));
  const s = b.op('ElementwiseAdd', [a, p], { channels: 6, pe: 6 }, { ...hw, name: names.addp, outputs: [names.s] });
  const sType = add(INT4, DataType.int(3));
  b.graph.setDataType(s, sType);
  const shape = b.initializer('shape', Tensor.int64([3], [4, 2, 3]));
  const r = b.op('Reshape', [s, shape], {}, { name: names.reshape, outputs: [names.r] });
  b.graph.setDataType(r, sType);
  const [d0, d1, d2] = b.node('DuplicateStreams', [r], { channels: 3, pe: 3 }, { ...hw, name: names.dup, outputs: [names.d0, names.d1, names.d2] });
  for (const d of [d0!, d1!, d2!]) b.graph.setDataType(d, sType);
  const k = b.initializer('k', Tensor.float32([1], [-3]), DataType.int(3));
  const m = b.op('ElementwiseMul', [d1!, k], { channels: 3, pe: 1 }, { ...hw, name: names.mul, outputs: [names.m] });
  b.graph.setDataType(m, mul(sType, DataType.int(3)));
  const t2 = b.initializer('T2', Tensor.float32([1, 3], [-2, 0, 3]));
  const y2 = b.op('Thresholding', [d2!, t2], { channels: 3, pe: 1 }, { ...hw, name: names.thr2, outputs: [names.t2] });
  b.graph.setDataType(y2, DataType.uint(2));
  b.output(d0!);
  b.output(m);
  b.output(y2);
  return { model: b.model(opsets), inputs: [Tensor.float32([4, 8], rng.of(U3, 32))] };
}

export interface LstmFold {
  /** Outer input projections: SIMD over I, PE over H. */
  readonly xSimd: number;
  readonly xPe: number;
  /** Recurrent MVAUs: SIMD over H (and the h DuplicateStreams' PE), PE over H. */
  readonly uSimd: number;
  readonly uPe: number;
  /** Gate adds and gate thresholdings. */
  readonly gatePe: number;
  /** The element-wise part of the cell (products, c, tanh, h). */
  readonly cellPe: number;
}

/**
 * (c) An integer LSTM as in docs/hardware-layers.md: hoisted input projections outside, a
 * Recurrence(h0 [1, H, 1], c0 constant, xp_f, xp_i, xp_o, xp_g) whose body has Reshapes (h in and out), DuplicateStreams,
 * MVAUs, ElementwiseAdd with the sequence slices, Thresholdings, ElementwiseMul; the c state array
 * is INT7 while the next c is INT6 (converted). Outputs h_final, c_final, h_seq.
 */
export function lstmModel(fold: LstmFold, seed = 3, sizes = { I: 6, H: 4, T: 5 }, reverse = false): { model: Model; inputs: Tensor[] } {
  const { I, H, T } = sizes;
  const rng = new Rng(seed);
  const ACC = DataType.int(16);
  const Z = add(ACC, ACC);
  const SIG = DataType.uint(4);
  const C_STATE = DataType.int(7);
  const C_NEXT = DataType.int(6);
  const gates = ['f', 'i', 'o', 'g'] as const;

  const cell = new GraphBuilder('cell');
  const h = cell.input('h', 'float32', [1, H, 1], INT4);
  const c = cell.input('c', 'float32', [1, H], C_STATE);
  const xs = gates.map((g) => cell.input(`x${g}`, 'float32', [1, H], ACC));
  const hShape = cell.initializer('h_shape', Tensor.int64([2], [1, H]));
  const hv = cell.op('Reshape', [h, hShape], {}, { name: 'h_flat', outputs: ['hv'] });
  cell.graph.setDataType(hv, INT4);
  const hs = cell.node('DuplicateStreams', [hv], { channels: H, pe: fold.uSimd }, { ...hw, name: 'h_dup', outputs: gates.map((g) => `h_${g}`) });
  hs.forEach((v) => cell.graph.setDataType(v, INT4));
  const act: Record<string, string> = {};
  gates.forEach((g, k) => {
    const u = cell.initializer(`U_${g}`, Tensor.float32([H, H], rng.of(INT4, H * H)), INT4);
    const hp = cell.op('MVAU', [hs[k], u], { mw: H, mh: H, simd: fold.uSimd, pe: fold.uPe, acc_dtype: 'INT16' }, { ...hw, name: `U_${g}`, outputs: [`hp_${g}`] });
    cell.graph.setDataType(hp, ACC);
    const zv = cell.op('ElementwiseAdd', [xs[k], hp], { channels: H, pe: fold.gatePe }, { ...hw, name: `z_${g}`, outputs: [`z_${g}`] });
    cell.graph.setDataType(zv, Z);
    const nt = g === 'g' ? 14 : 15;
    const bias = g === 'g' ? -7 : 0;
    const th = cell.initializer(`T_${g}`, Tensor.float32([H, nt], rng.thresholds(H, nt, -60, 60)));
    const out = cell.op('Thresholding', [zv, th], { channels: H, pe: fold.gatePe, out_bias: bias }, { ...hw, name: `act_${g}`, outputs: [`a_${g}`] });
    cell.graph.setDataType(out, g === 'g' ? INT4 : SIG);
    act[g] = out;
  });
  const cellOp = (op: 'ElementwiseAdd' | 'ElementwiseMul', name: string, x: string, y: string, dt: DataType): string => {
    const v = cell.op(op, [x, y], { channels: H, pe: fold.cellPe }, { ...hw, name, outputs: [name] });
    cell.graph.setDataType(v, dt);
    return v;
  };
  const fcType = mul(SIG, C_STATE);
  const igType = mul(SIG, INT4);
  const fc = cellOp('ElementwiseMul', 'fc', act['f']!, c, fcType);
  const ig = cellOp('ElementwiseMul', 'ig', act['i']!, act['g']!, igType);
  const cs = cellOp('ElementwiseAdd', 'c_sum', fc, ig, add(fcType, igType));
  const tc = cell.initializer('T_c', Tensor.float32([1, 63], rng.thresholds(1, 63, -400, 400)));
  const cNext = cell.op('Thresholding', [cs, tc], { channels: H, pe: fold.cellPe, out_bias: -32 }, { ...hw, name: 'c_quant', outputs: ['c_next'] });
  cell.graph.setDataType(cNext, C_NEXT);
  const [cOut, cTanhIn] = cell.node('DuplicateStreams', [cNext], { channels: H, pe: fold.cellPe }, { ...hw, name: 'c_dup', outputs: ['c_out', 'c_t'] });
  cell.graph.setDataType(cOut!, C_NEXT);
  cell.graph.setDataType(cTanhIn!, C_NEXT);
  const tt = cell.initializer('T_tanh', Tensor.float32([1, 14], rng.thresholds(1, 14, -32, 31)));
  const tanhC = cell.op('Thresholding', [cTanhIn!, tt], { channels: H, pe: fold.cellPe, out_bias: -7 }, { ...hw, name: 'tanh_c', outputs: ['tanh_c'] });
  cell.graph.setDataType(tanhC, INT4);
  const oh = cellOp('ElementwiseMul', 'o_tanh', act['o']!, tanhC, mul(SIG, INT4));
  const th = cell.initializer('T_h', Tensor.float32([H, 15], rng.thresholds(H, 15, -50, 50)));
  const hNext = cell.op('Thresholding', [oh, th], { channels: H, pe: fold.cellPe, out_bias: -8 }, { ...hw, name: 'h_quant', outputs: ['h_next'] });
  cell.graph.setDataType(hNext, INT4);
  const [hOut, hY] = cell.node('DuplicateStreams', [hNext], { channels: H, pe: fold.cellPe }, { ...hw, name: 'h_dup_out', outputs: ['h_out', 'h_y'] });
  cell.graph.setDataType(hOut!, INT4);
  cell.graph.setDataType(hY!, INT4);
  const stateShape = cell.initializer('h_state_shape', Tensor.int64([3], [1, H, 1]));
  const hState = cell.op('Reshape', [hOut!, stateShape], {}, { name: 'h_state', outputs: ['h_state'] });
  cell.graph.setDataType(hState, INT4);
  cell.output(hState, 'float32', [1, H, 1]);
  cell.output(cOut!, 'float32', [1, H]);
  cell.output(hY!, 'float32', [1, H]);
  const body: Graph = cell.graph;

  const b = new GraphBuilder('lstm');
  const x = b.input('x', 'float32', [T, 1, I], INT4);
  const h0 = b.input('h0', 'float32', [1, H, 1], INT4);
  const c0 = b.initializer('c0', Tensor.float32([1, H], rng.of(C_NEXT, H)), C_STATE);
  const xc = b.node('DuplicateStreams', [x], { channels: I, pe: fold.xSimd }, { ...hw, name: 'x_dup', outputs: gates.map((g) => `x_${g}`) });
  xc.forEach((v) => b.graph.setDataType(v, INT4));
  const xp = gates.map((g, k) => {
    const w = b.initializer(`W_${g}`, Tensor.float32([H, I], rng.of(INT4, H * I)), INT4);
    const v = b.op('MVAU', [xc[k], w], { mw: I, mh: H, simd: fold.xSimd, pe: fold.xPe, acc_dtype: 'INT16' }, { ...hw, name: `W_${g}`, outputs: [`xp_${g}`] });
    b.graph.setDataType(v, ACC);
    return v;
  });
  const directions = reverse ? { scan_input_directions: [1, 1, 1, 1], scan_output_directions: [1] } : {};
  const outs = b.node('Recurrence', [h0, c0, ...xp], { body, num_scan_inputs: 4, ...directions }, { ...hw, name: 'lstm_loop', outputs: ['h_final', 'c_final', 'h_seq'] });
  b.graph.setDataType(outs[0]!, INT4);
  b.graph.setDataType(outs[1]!, C_NEXT);
  b.graph.setDataType(outs[2]!, INT4);
  outs.forEach((o) => b.output(o));
  return { model: b.model(opsets), inputs: [Tensor.float32([T, 1, I], rng.of(INT4, T * I)), Tensor.float32([1, H, 1], rng.of(INT4, H))] };
}

/**
 * A Recurrence with a state the body never reads (k' = thr(x_t)), a sequence it never uses (u),
 * an unused per-step output (empty outer name) and a constant-free initial state from a port:
 * h' = thr(h + x_t) with shared thresholds, outputs (h_final, k_final, -, h_seq).
 */
export function unusedPartsModel(seed = 5): { model: Model; inputs: Tensor[] } {
  const rng = new Rng(seed);
  const U2 = DataType.uint(2);
  const I3 = DataType.int(3);
  const cell = new GraphBuilder('cell');
  const h = cell.input('h', 'float32', [2], U2);
  cell.input('k', 'float32', [2], U2);
  const x = cell.input('x', 'float32', [2], I3);
  cell.input('u', 'float32', [2], I3);
  const [x1, x2] = cell.node('DuplicateStreams', [x], { channels: 2, pe: 2 }, { ...hw, outputs: ['x1', 'x2'] });
  cell.graph.setDataType(x1!, I3);
  cell.graph.setDataType(x2!, I3);
  const s = cell.op('ElementwiseAdd', [h, x1!], { channels: 2, pe: 1 }, { ...hw, outputs: ['s'] });
  cell.graph.setDataType(s, add(U2, I3));
  const t = cell.initializer('T', Tensor.float32([1, 3], [-1, 1, 2]));
  const hn = cell.op('Thresholding', [s, t], { channels: 2, pe: 2 }, { ...hw, outputs: ['hn'] });
  cell.graph.setDataType(hn, U2);
  const [hOut, hY, hZ] = cell.node('DuplicateStreams', [hn], { channels: 2, pe: 1 }, { ...hw, outputs: ['h_out', 'h_y', 'h_z'] });
  for (const v of [hOut!, hY!, hZ!]) cell.graph.setDataType(v, U2);
  const kn = cell.op('Thresholding', [x2!, t], { channels: 2, pe: 1 }, { ...hw, outputs: ['kn'] });
  cell.graph.setDataType(kn, U2);
  cell.output(hOut!, 'float32', [2]);
  cell.output(kn, 'float32', [2]);
  cell.output(hZ!, 'float32', [2]);
  cell.output(hY!, 'float32', [2]);
  const b = new GraphBuilder('unused_parts');
  const h0 = b.input('h0', 'float32', [2], U2);
  const k0 = b.input('k0', 'float32', [2], U2);
  const xs = b.input('xs', 'float32', [4, 2], I3);
  const us = b.input('us', 'float32', [4, 2], I3);
  const outs = b.node('Recurrence', [h0, k0, xs, us], { body: cell.graph, num_scan_inputs: 2 }, { ...hw, name: 'loop', outputs: ['h_final', 'k_final', '', 'h_seq'] });
  b.graph.setDataType('h_final', U2);
  b.graph.setDataType('k_final', U2);
  b.graph.setDataType('h_seq', U2);
  b.output(outs[0]!);
  b.output(outs[1]!);
  b.output(outs[3]!);
  return {
    model: b.model(opsets),
    inputs: [Tensor.float32([2], rng.of(U2, 2)), Tensor.float32([2], rng.of(U2, 2)), Tensor.float32([4, 2], rng.of(I3, 8)), Tensor.float32([4, 2], rng.of(I3, 8))],
  };
}
