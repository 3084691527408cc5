import { attrInt, type Node } from '@scanflow/ir';
import { defineKernel, type Kernel, type KernelContext } from '../../kernel';
import { type CellParams, type CellStep, readOperands, readRnnAttributes, runRecurrence } from './rnn-common';

/**
 * One LSTM step (gate order i, o, f, c in W, R and B; peepholes P in order i, o, f):
 *   i = f(Xt·Wiᵀ + Ht-1·Riᵀ + Pi⊙Ct-1 + Wbi + Rbi)
 *   f = f(Xt·Wfᵀ + Ht-1·Rfᵀ + Pf⊙Ct-1 + Wbf + Rbf)   (1 - i when input_forget is set)
 *   c = g(Xt·Wcᵀ + Ht-1·Rcᵀ + Wbc + Rbc)
 *   Ct = f⊙Ct-1 + i⊙c
 *   o = f(Xt·Woᵀ + Ht-1·Roᵀ + Po⊙Ct + Wbo + Rbo)
 *   Ht = o⊙h(Ct)
 * Pre-activations are summed in double and clipped; gate values and states are rounded to the
 * element type.
 */
function lstmCell(p: CellParams, peep: Float32Array | Float64Array | undefined, pOff: number, inputForget: boolean): CellStep {
  const { I, H, w, wOff, r, rOff, b, bOff, clamp, round } = p;
  const [fAct, gAct, hAct] = p.act;
  const pre = new Float64Array(4 * H);
  const hNew = new Float64Array(H);
  return (x, xOff, h, c) => {
    for (let row = 0; row < 4 * H; row++) {
      let acc = b ? b[bOff + row] + b[bOff + 4 * H + row] : 0;
      const wr = wOff + row * I;
      for (let k = 0; k < I; k++) acc += w[wr + k] * x[xOff + k];
      const rr = rOff + row * H;
      for (let k = 0; k < H; k++) acc += r[rr + k] * h[k];
      pre[row] = acc;
    }
    for (let j = 0; j < H; j++) {
      const cPrev = c[j];
      const i = round(fAct(clamp(pre[j] + (peep ? peep[pOff + j] * cPrev : 0))));
      const f = inputForget ? round(1 - i) : round(fAct(clamp(pre[2 * H + j] + (peep ? peep[pOff + 2 * H + j] * cPrev : 0))));
      const g = round(gAct(clamp(pre[3 * H + j])));
      const cNew = round(f * cPrev + i * g);
      const o = round(fAct(clamp(pre[H + j] + (peep ? peep[pOff + H + j] * cNew : 0))));
      hNew[j] = round(o * round(hAct(cNew)));
      c[j] = cNew;
    }
    h.set(hNew);
  };
}

function createLstm(node: Node, ctx: KernelContext): Kernel {
  const attrs = readRnnAttributes(node, ctx, ['Sigmoid', 'Tanh', 'Tanh']);
  const inputForget = attrInt(node, 'input_forget', 0) !== 0;
  const wantY = !!node.outputs[0];
  return (inputs) => {
    const op = readOperands(inputs, attrs, 4, [5, 6], ctx);
    const P = inputs[7];
    if (P) {
      if (P.elemType !== op.elemType) ctx.fail(`P is ${P.elemType}, expected ${op.elemType} like X`);
      if (P.rank !== 2 || P.dims[0] !== op.D || P.dims[1] !== 3 * op.H) ctx.fail(`P must have shape [${op.D}, ${3 * op.H}], got [${P.dims.join(', ')}]`);
    }
    const peep = P?.data as Float32Array | Float64Array | undefined;
    return runRecurrence(op, attrs, 4, 2, (p) => lstmCell(p, peep, p.d * 3 * p.H, inputForget), wantY);
  };
}

/**
 * LSTM (opset 7; opset 14 adds `layout`). Inputs X, W, R, B, sequence_lens, initial_h, initial_c, P;
 * outputs Y, Y_h, Y_c. Activations default to Sigmoid, Tanh, Tanh per direction.
 */
export default [
  defineKernel({ domain: '', opType: 'LSTM', since: 7, create: createLstm }),
  defineKernel({ domain: '', opType: 'LSTM', since: 14, create: createLstm }),
];
