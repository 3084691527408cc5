import type { Node } from '@scanflow/ir';
import { defineKernel, type Kernel, type KernelContext } from '../../kernel';
import { type CellParams, type CellStep, readOperands, readRnnAttributes, runRecurrence } from './rnn-common';

/** One simple-RNN step: Ht = f(Xt·Wiᵀ + Ht-1·Riᵀ + Wbi + Rbi). */
function rnnCell(p: CellParams): CellStep {
  const { I, H, w, wOff, r, rOff, b, bOff, clamp, round } = p;
  const [fAct] = p.act;
  const hNew = new Float64Array(H);
  return (x, xOff, h) => {
    for (let j = 0; j < H; j++) {
      let acc = b ? b[bOff + j] + b[bOff + H + j] : 0;
      const wr = wOff + j * I;
      for (let k = 0; k < I; k++) acc += w[wr + k] * x[xOff + k];
      const rr = rOff + j * H;
      for (let k = 0; k < H; k++) acc += r[rr + k] * h[k];
      hNew[j] = round(fAct(clamp(acc)));
    }
    h.set(hNew);
  };
}

function createRnn(node: Node, ctx: KernelContext): Kernel {
  const attrs = readRnnAttributes(node, ctx, ['Tanh']);
  const wantY = !!node.outputs[0];
  return (inputs) => {
    const op = readOperands(inputs, attrs, 1, [5], ctx);
    return runRecurrence(op, attrs, 1, 1, rnnCell, wantY);
  };
}

/**
 * RNN (opset 7; opset 14 adds `layout`). Inputs X, W, R, B, sequence_lens, initial_h; outputs Y, Y_h.
 * The activation defaults to Tanh per direction.
 */
export default [
  defineKernel({ domain: '', opType: 'RNN', since: 7, create: createRnn }),
  defineKernel({ domain: '', opType: 'RNN', since: 14, create: createRnn }),
];
