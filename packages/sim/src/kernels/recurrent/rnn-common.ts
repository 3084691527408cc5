import { attrFloat, attrInt, attrString, getNumber, hasAttr, type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { type Activation, readActivations } from './activations';

/** Attributes shared by RNN, GRU and LSTM, read once when the kernel is created. */
export interface RnnAttributes {
  readonly numDirections: 1 | 2;
  /** Per direction: whether it walks the sequence backwards. */
  readonly reverse: readonly boolean[];
  readonly hiddenSize: number | undefined;
  /** 0: X [seq, batch, input]; 1: X [batch, seq, input] (opset 14+). */
  readonly layout: 0 | 1;
  /** Pre-activations are clamped to [-clip, clip]; Infinity when the attribute is absent. */
  readonly clip: number;
  /** `perDirection` functions for each direction, forward direction first. */
  readonly activations: readonly Activation[];
}

export function readRnnAttributes(node: Node, ctx: KernelContext, defaultActivations: readonly string[]): RnnAttributes {
  const direction = attrString(node, 'direction', 'forward');
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional') {
    ctx.fail(`attribute 'direction' is '${direction}', expected forward, reverse or bidirectional`);
  }
  const numDirections = direction === 'bidirectional' ? 2 : 1;
  const layout = attrInt(node, 'layout', 0);
  if (layout !== 0 && layout !== 1) ctx.fail(`attribute 'layout' is ${layout}, expected 0 or 1`);
  if (layout === 1 && ctx.opset < 14) ctx.fail(`attribute 'layout' needs opset 14 or later (the model uses opset ${ctx.opset})`);
  const clip = hasAttr(node, 'clip') ? attrFloat(node, 'clip') : Infinity;
  if (!(clip > 0)) ctx.fail(`attribute 'clip' is ${clip}, expected a positive number`);
  const hiddenSize = hasAttr(node, 'hidden_size') ? attrInt(node, 'hidden_size') : undefined;
  if (hiddenSize !== undefined && hiddenSize < 1) ctx.fail(`attribute 'hidden_size' is ${hiddenSize}, expected a positive integer`);
  return {
    numDirections,
    reverse: direction === 'bidirectional' ? [false, true] : [direction === 'reverse'],
    hiddenSize,
    layout: layout as 0 | 1,
    clip,
    activations: readActivations(node, defaultActivations, numDirections, `node ${node.label}`),
  };
}

type Float = Float32Array | Float64Array;

/** Validated operands and sizes of one RNN / GRU / LSTM invocation. */
export interface RnnOperands {
  T: number;
  B: number;
  I: number;
  H: number;
  D: number;
  elemType: 'float32' | 'float64';
  x: Float;
  w: Float;
  r: Float;
  /** [D, 2 * gates * H]: Wb then Rb per direction; undefined when omitted (all zero). */
  b: Float | undefined;
  /** Steps per batch entry (each in [0, T]). */
  seqLens: Int32Array;
  /** Initial states as given (layout-dependent); undefined when omitted (zero). */
  initial: (Float | undefined)[];
}

/**
 * Checks and unpacks the common inputs X, W, R, B, sequence_lens and the initial states
 * (`initialIndices`: input positions of initial_h, and initial_c for LSTM).
 */
export function readOperands(
  inputs: readonly (Tensor | undefined)[],
  attrs: RnnAttributes,
  gates: number,
  initialIndices: readonly number[],
  ctx: KernelContext,
): RnnOperands {
  const [X, W, R, Bias, lens] = inputs;
  if (!X || !W || !R) ctx.fail('inputs X, W and R are required');
  const elemType = X.elemType;
  if (elemType !== 'float32' && elemType !== 'float64') ctx.fail(`X is ${elemType}; only float32 and float64 are supported`);
  for (const [n, t] of [['W', W], ['R', R], ['B', Bias]] as const) {
    if (t && t.elemType !== elemType) ctx.fail(`${n} is ${t.elemType}, expected ${elemType} like X`);
  }
  const shape = (t: Tensor): string => `[${t.dims.join(', ')}]`;
  if (X.rank !== 3) ctx.fail(`X must have rank 3, got ${shape(X)}`);
  const [T, B] = attrs.layout === 0 ? [X.dims[0], X.dims[1]] : [X.dims[1], X.dims[0]];
  const I = X.dims[2];
  const D = attrs.numDirections;
  if (R.rank !== 3) ctx.fail(`R must have rank 3, got ${shape(R)}`);
  const H = attrs.hiddenSize ?? R.dims[2];
  const same = (t: Tensor, dims: number[]) => t.rank === dims.length && t.dims.every((d, k) => d === dims[k]);
  if (!same(W, [D, gates * H, I])) ctx.fail(`W must have shape [${D}, ${gates * H}, ${I}] (num_directions, ${gates}*hidden_size, input_size), got ${shape(W)}`);
  if (!same(R, [D, gates * H, H])) ctx.fail(`R must have shape [${D}, ${gates * H}, ${H}] (num_directions, ${gates}*hidden_size, hidden_size), got ${shape(R)}`);
  if (Bias && !same(Bias, [D, 2 * gates * H])) ctx.fail(`B must have shape [${D}, ${2 * gates * H}], got ${shape(Bias)}`);
  const seqLens = new Int32Array(B).fill(T);
  if (lens) {
    if (lens.elemType !== 'int32' && lens.elemType !== 'int64') ctx.fail(`sequence_lens must be int32, got ${lens.elemType}`);
    if (!same(lens, [B])) ctx.fail(`sequence_lens must have shape [${B}], got ${shape(lens)}`);
    for (let b = 0; b < B; b++) {
      const v = getNumber(lens, b);
      if (v < 0 || v > T) ctx.fail(`sequence_lens[${b}] = ${v} is outside [0, ${T}]`);
      seqLens[b] = v;
    }
  }
  const stateDims = attrs.layout === 0 ? [D, B, H] : [B, D, H];
  const initial = initialIndices.map((k, j) => {
    const t = inputs[k];
    if (!t) return undefined;
    const name = j === 0 ? 'initial_h' : 'initial_c';
    if (t.elemType !== elemType) ctx.fail(`${name} is ${t.elemType}, expected ${elemType} like X`);
    if (!same(t, stateDims)) ctx.fail(`${name} must have shape [${stateDims.join(', ')}], got ${shape(t)}`);
    return t.data as Float;
  });
  return { T, B, I, H, D, elemType, x: X.data as Float, w: W.data as Float, r: R.data as Float, b: Bias?.data as Float | undefined, seqLens, initial };
}

/** What a cell sees of one direction's parameters. */
export interface CellParams {
  d: number;
  I: number;
  H: number;
  w: Float;
  /** Offset of this direction's W / R / B block. */
  wOff: number;
  r: Float;
  rOff: number;
  b: Float | undefined;
  bOff: number;
  /** This direction's activation functions. */
  act: readonly Activation[];
  clamp: (x: number) => number;
  /** Rounds to the element type (Math.fround for float32). */
  round: (x: number) => number;
}

/**
 * Advances one batch entry by one time step: reads x[xOff .. xOff+I) and the states (h, and c for
 * LSTM), and overwrites the states with the new ones.
 */
export type CellStep = (x: Float, xOff: number, h: Float64Array, c: Float64Array) => void;

/**
 * Runs the recurrence for every direction and batch entry and lays out Y [T, D, B, H] (layout 1:
 * [B, T, D, H]), Y_h / Y_c [D, B, H] (layout 1: [B, D, H]). Steps past a batch entry's sequence length
 * leave zeros in Y; Y_h / Y_c hold the state after the entry's last step (zeros when its length is
 * 0, like onnxruntime). A reverse direction walks steps len-1 .. 0 of its entry. Y is left out (undefined)
 * when `wantY` is false.
 */
export function runRecurrence(
  op: RnnOperands,
  attrs: RnnAttributes,
  gates: number,
  numStates: 1 | 2,
  makeCell: (p: CellParams) => CellStep,
  wantY = true,
): (Tensor | undefined)[] {
  const { T, B, I, H, D, x, seqLens, elemType } = op;
  const layout = attrs.layout;
  const alloc = (n: number): Float => (elemType === 'float32' ? new Float32Array(n) : new Float64Array(n));
  const Y = alloc(wantY ? T * D * B * H : 0);
  const finals = [alloc(D * B * H), alloc(D * B * H)];
  const round = elemType === 'float32' ? Math.fround : (v: number) => v;
  const clip = attrs.clip;
  const clamp = clip === Infinity ? (v: number) => v : (v: number) => (v > clip ? clip : v < -clip ? -clip : v);
  const perDirection = attrs.activations.length / D;
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const xOff = layout === 0 ? (t: number, b: number) => (t * B + b) * I : (t: number, b: number) => (b * T + t) * I;
  const yOff = layout === 0 ? (t: number, d: number, b: number) => ((t * D + d) * B + b) * H : (t: number, d: number, b: number) => ((b * T + t) * D + d) * H;
  const sOff = layout === 0 ? (d: number, b: number) => (d * B + b) * H : (d: number, b: number) => (b * D + d) * H;
  for (let d = 0; d < D; d++) {
    const step = makeCell({
      d,
      I,
      H,
      w: op.w,
      wOff: d * gates * H * I,
      r: op.r,
      rOff: d * gates * H * H,
      b: op.b,
      bOff: d * 2 * gates * H,
      act: attrs.activations.slice(d * perDirection, (d + 1) * perDirection),
      clamp,
      round,
    });
    const reverse = attrs.reverse[d];
    for (let b = 0; b < B; b++) {
      const so = sOff(d, b);
      const states = [h, c];
      for (let s = 0; s < numStates; s++) {
        const init = op.initial[s];
        if (init) for (let j = 0; j < H; j++) states[s][j] = init[so + j];
        else states[s].fill(0);
      }
      const len = seqLens[b];
      for (let s = 0; s < len; s++) {
        const t = reverse ? len - 1 - s : s;
        step(x, xOff(t, b), h, c);
        if (wantY) Y.set(h, yOff(t, d, b));
      }
      // An entry of length 0 ends with zero states (not its initial state), as in onnxruntime.
      if (len > 0) for (let s = 0; s < numStates; s++) finals[s].set(states[s], so);
    }
  }
  const yDims = layout === 0 ? [T, D, B, H] : [B, T, D, H];
  const sDims = layout === 0 ? [D, B, H] : [B, D, H];
  const out = [wantY ? new Tensor(elemType, yDims, Y) : undefined, new Tensor(elemType, sDims, finals[0])];
  if (numStates === 2) out.push(new Tensor(elemType, sDims, finals[1]));
  return out;
}
