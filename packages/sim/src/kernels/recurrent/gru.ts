import { attrInt, type Node } from '@scanflow/ir';
import { defineKernel, type Kernel, type KernelContext } from '../../kernel';
import { type CellParams, type CellStep, readOperands, readRnnAttributes, runRecurrence } from './rnn-common';

/**
 * One GRU step (gate order z, r, h in W, R and B):
 *   z = f(Xt·Wzᵀ + Ht-1·Rzᵀ + Wbz + Rbz)
 *   r = f(Xt·Wrᵀ + Ht-1·Rrᵀ + Wbr + Rbr)
 *   h = g(Xt·Whᵀ + (r⊙Ht-1)·Rhᵀ + Rbh + Wbh)        linear_before_reset = 0
 *   h = g(Xt·Whᵀ + r⊙(Ht-1·Rhᵀ + Rbh) + Wbh)        linear_before_reset = 1
 *   Ht = (1 - z)⊙h + z⊙Ht-1
 */
function gruCell(p: CellParams, linearBeforeReset: boolean): CellStep {
  const { I, H, w, wOff, r, rOff, b, bOff, clamp, round } = p;
  const [fAct, gAct] = p.act;
  const z = new Float64Array(H);
  const rg = new Float64Array(H);
  const rh = new Float64Array(H); // r⊙Ht-1 (linear_before_reset = 0)
  const hNew = new Float64Array(H);
  const rbOff = bOff + 3 * H; // Rb block
  return (x, xOff, h) => {
    for (let row = 0; row < 2 * H; row++) {
      let acc = b ? b[bOff + row] + b[rbOff + row] : 0;
      const wr = wOff + row * I;
      for (let k = 0; k < I; k++) acc += w[wr + k] * x[xOff + k];
      const rr = rOff + row * H;
      for (let k = 0; k < H; k++) acc += r[rr + k] * h[k];
      const v = round(fAct(clamp(acc)));
      if (row < H) z[row] = v;
      else rg[row - H] = v;
    }
    if (!linearBeforeReset) for (let k = 0; k < H; k++) rh[k] = round(rg[k] * h[k]);
    const hState = linearBeforeReset ? h : rh;
    for (let j = 0; j < H; j++) {
      const row = 2 * H + j;
      let xw = b ? b[bOff + row] : 0;
      const wr = wOff + row * I;
      for (let k = 0; k < I; k++) xw += w[wr + k] * x[xOff + k];
      let hr = b ? b[rbOff + row] : 0;
      const rr = rOff + row * H;
      for (let k = 0; k < H; k++) hr += r[rr + k] * hState[k];
      const cand = round(gAct(clamp(linearBeforeReset ? xw + rg[j] * round(hr) : xw + hr)));
      hNew[j] = round((1 - z[j]) * cand + z[j] * h[j]);
    }
    h.set(hNew);
  };
}

function createGru(node: Node, ctx: KernelContext): Kernel {
  const attrs = readRnnAttributes(node, ctx, ['Sigmoid', 'Tanh']);
  const linearBeforeReset = attrInt(node, 'linear_before_reset', 0) !== 0;
  const wantY = !!node.outputs[0];
  return (inputs) => {
    const op = readOperands(inputs, attrs, 3, [5], ctx);
    return runRecurrence(op, attrs, 3, 1, (p) => gruCell(p, linearBeforeReset), wantY);
  };
}

/**
 * GRU (opset 7; opset 14 adds `layout`). Inputs X, W, R, B, sequence_lens, initial_h; outputs Y, Y_h.
 * Activations default to Sigmoid, Tanh per direction.
 */
export default [
  defineKernel({ domain: '', opType: 'GRU', since: 7, create: createGru }),
  defineKernel({ domain: '', opType: 'GRU', since: 14, create: createGru }),
];
