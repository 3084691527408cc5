import { attrInt } from '@scanflow/ir';
import type { CellContext } from '@scanflow/transforms';
import { GRU_GATE } from './gru-op';

/**
 * One GRU step in column form (x_t [I, B], h_t-1 [H, B]; every product MatMul(W_g, x) or
 * MatMul(R_g, h)), as the ONNX operator defines it (f: the direction's first activation, default
 * Sigmoid; g: the second, default Tanh; every pre-activation clipped when the node has `clip`):
 *
 *   z  = f(W_z·x + R_z·h + Wb_z + Rb_z)
 *   r  = f(W_r·x + R_r·h + Wb_r + Rb_r)
 *   h̃  = g(W_h·x + R_h·(r ⊙ h) + Wb_h + Rb_h)          linear_before_reset = 0
 *   h̃  = g(W_h·x + r ⊙ (R_h·h + Rb_h) + Wb_h)          linear_before_reset = 1
 *   h_t = (1 − z) ⊙ h̃ + z ⊙ h
 *
 * The last line is written (1 − z) ⊙ h̃ + z ⊙ h with a Sub, which scanflow's streamlining turns
 * into integer arithmetic once the cell is quantised. Returns [h_t].
 */
export function gruCell(c: CellContext): string[] {
  const e = c.body;
  const [h] = c.states;
  const linearBeforeReset = attrInt(c.spec.node, 'linear_before_reset', 0) === 1;
  // W_g·x + (recurrent term) (+ bias), clipped
  const pre = (g: keyof typeof GRU_GATE, recurrent: string, bias: string | undefined): string => {
    const wx = e.op('MatMul', [c.weight('W', GRU_GATE[g]), c.x], {}, `Wx_${g}`);
    let s = e.op('Add', [wx, recurrent], {}, `sum_${g}`);
    if (bias) s = e.op('Add', [s, bias], {}, `pre_${g}`);
    return c.clip(s, `clip_${g}`);
  };
  const rh = (g: keyof typeof GRU_GATE, v: string): string => e.op('MatMul', [c.weight('R', GRU_GATE[g]), v], {}, `Rh_${g}`);
  const z = c.activation(0, pre('z', rh('z', h), c.bias(GRU_GATE.z)), 'act_z');
  const r = c.activation(0, pre('r', rh('r', h), c.bias(GRU_GATE.r)), 'act_r');
  let candidate: string;
  if (linearBeforeReset) {
    let lin = rh('h', h);
    const rb = c.bias(GRU_GATE.h, 'R');
    if (rb) lin = e.op('Add', [lin, rb], {}, 'Rh_h_b');
    candidate = pre('h', e.op('Mul', [r, lin], {}, 'r_Rh'), c.bias(GRU_GATE.h, 'W'));
  } else {
    candidate = pre('h', rh('h', e.op('Mul', [r, h], {}, 'r_h')), c.bias(GRU_GATE.h));
  }
  const hc = c.activation(1, candidate, 'act_h');
  const keep = e.op('Mul', [e.op('Sub', [e.float(1), z], {}, 'one_minus_z'), hc], {}, 'keep');
  const take = e.op('Mul', [z, h], {}, 'take');
  return [e.op('Add', [keep, take], {}, 'h_t')];
}
