/**
 * lower-lstm: every ONNX LSTM node (opset 7 / 14 forms, in any graph including Scan bodies) becomes
 * one Scan per direction (bidirectional: a forward and a reverse Scan) whose body computes the cell
 * with MatMul / Add / Mul / Sub / Clip and the activation functions written as standard ops.
 *
 * Body layout, FINN-GL's form (../lowering/lower-recurrent.ts has the whole picture): vectors are
 * columns with the batch along the columns, so the body inputs are h_t-1 [H, B], c_t-1 [H, B]
 * (then an int64 step counter when sequence_lens can cut entries short) and x_t [I, B]; its outputs
 * h_t, c_t (step_next) and h_t_concat. Every product is MatMul(W_g [H, I], x_t) or
 * MatMul(R_g [H, H], h_t-1), one per gate and operand, with per-gate initializers W_i, R_i, B_i ...
 * when the weights are constants. For batch 1 this is FINN-GL's hand-built body ([H, 1] columns).
 *
 * The cell, gate order of W / R / B rows i, o, f, c; peepholes P in order i, o, f:
 *   i   = f(clip(W_i·x + R_i·h + B_i + P_i⊙c_prev))
 *   f   = f(clip(W_f·x + R_f·h + B_f + P_f⊙c_prev))     (1 - i when input_forget = 1)
 *   g   = g(clip(W_c·x + R_c·h + B_c))
 *   c_t = f⊙c_prev + i⊙g
 *   o   = f(clip(W_o·x + R_o·h + B_o + P_o⊙c_t))
 *   h_t = o⊙h(c_t)
 * where f, g, h are the direction's activations (default Sigmoid, Tanh, Tanh) and B_g = Wb_g + Rb_g.
 */
import { attrInt, type Node } from '@scanflow/ir';
import type { CellContext } from '../lowering/lower-recurrent';
import type { RecurrentOp } from '../lowering/recurrent-spec';
import { lowerAllRecurrent } from '../lowering/run-lowering';
import { definePass } from '../pass';

export const LSTM_OP: RecurrentOp = {
  opType: 'LSTM',
  gates: ['i', 'o', 'f', 'c'],
  stateInputs: [5, 6],
  maxInputs: 8,
  vectorInputs: [{ name: 'P', index: 7, parts: ['i', 'o', 'f'] }],
  defaultActivations: ['Sigmoid', 'Tanh', 'Tanh'],
  extraAttributes: ['input_forget'],
  checkAttributes(node, fail) {
    const inputForget = attrInt(node, 'input_forget', 0);
    if (inputForget !== 0 && inputForget !== 1) fail(`attribute 'input_forget' is ${inputForget}, expected 0 or 1`);
  },
  describe: (spec) => [...(spec.inputs.vectors.P ? ['peepholes'] : []), ...(inputForget(spec.node) ? ['input_forget'] : [])],
};

function inputForget(node: Node): boolean {
  return attrInt(node, 'input_forget', 0) === 1;
}

const GATE = { i: 0, o: 1, f: 2, c: 3 } as const;
const PEEPHOLE = { i: 0, o: 1, f: 2 } as const;

/** One LSTM step; returns [h_t, c_t]. */
export function lstmCell(c: CellContext): string[] {
  const e = c.body;
  const [h, cPrev] = c.states;
  // Pre-activation of gate `g`: W_g·x + R_g·h (+ B_g) (+ P_g⊙cell), clipped.
  const pre = (g: keyof typeof GATE, cell?: string): string => {
    const k = GATE[g];
    const wx = e.op('MatMul', [c.weight('W', k), c.x], {}, `Wx_${g}`);
    const rh = e.op('MatMul', [c.weight('R', k), h], {}, `Rh_${g}`);
    let s = e.op('Add', [wx, rh], {}, `sum_${g}`);
    const b = c.bias(k);
    if (b) s = e.op('Add', [s, b], {}, `pre_${g}`);
    const p = cell && g !== 'c' ? c.vector('P', PEEPHOLE[g]) : undefined;
    if (p && cell) s = e.op('Add', [s, e.op('Mul', [p, cell], {}, `P${g}_c`)], {}, `peep_${g}`);
    return c.clip(s, `clip_${g}`);
  };
  const i = c.activation(0, pre('i', cPrev), 'act_i');
  const f = inputForget(c.spec.node) ? e.op('Sub', [e.float(1), i], {}, 'act_f') : c.activation(0, pre('f', cPrev), 'act_f');
  const g = c.activation(1, pre('c'), 'act_c');
  const ct = e.op('Add', [e.op('Mul', [f, cPrev], {}, 'f_c'), e.op('Mul', [i, g], {}, 'i_g')], {}, 'c_t');
  const o = c.activation(0, pre('o', ct), 'act_o');
  const ht = e.op('Mul', [o, c.activation(2, ct, 'h_c')], {}, 'h_t');
  return [ht, ct];
}

export default definePass({
  name: 'lower-lstm',
  description: 'lower ONNX LSTM nodes to one Scan per direction with the cell written as standard ops (FINN-GL form: column vectors, per-gate MatMul(W, x))',
  stage: 'import',
  placement: { stage: 'import', after: ['cleanup'] },
  run: (model, ctx) => lowerAllRecurrent(model, ctx, LSTM_OP, lstmCell),
});
