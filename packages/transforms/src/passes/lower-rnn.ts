/**
 * lower-rnn: every ONNX RNN node (opset 7 / 14 forms, in any graph including Scan bodies) becomes
 * one Scan per direction whose body computes h_t = f(clip(W·x_t + R·h_t-1 + B)) with standard ops
 * (f: the direction's activation, default Tanh; B = Wb + Rb).
 *
 * Body layout as for lower-lstm (../lowering/lower-recurrent.ts): column vectors with the batch
 * along the columns; inputs h_t-1 [H, B], (step), x_t [I, B]; outputs h_t, (step_next),
 * h_t_concat; products MatMul(W [H, I], x_t) and MatMul(R [H, H], h_t-1).
 */
import type { CellContext } from '../lowering/lower-recurrent';
import type { RecurrentOp } from '../lowering/recurrent-spec';
import { lowerAllRecurrent } from '../lowering/run-lowering';
import { definePass } from '../pass';

export const RNN_OP: RecurrentOp = {
  opType: 'RNN',
  gates: ['h'],
  stateInputs: [5],
  maxInputs: 6,
  defaultActivations: ['Tanh'],
  extraAttributes: [],
};

/** One simple-RNN step; returns [h_t]. */
export function rnnCell(c: CellContext): string[] {
  const e = c.body;
  const [h] = c.states;
  const wx = e.op('MatMul', [c.weight('W', 0), c.x], {}, 'Wx');
  const rh = e.op('MatMul', [c.weight('R', 0), h], {}, 'Rh');
  let s = e.op('Add', [wx, rh], {}, 'sum');
  const b = c.bias(0);
  if (b) s = e.op('Add', [s, b], {}, 'pre');
  return [c.activation(0, c.clip(s, 'clipped'), 'h_t')];
}

export default definePass({
  name: 'lower-rnn',
  description: 'lower ONNX RNN nodes to one Scan per direction with the cell written as standard ops (column vectors, MatMul(W, x))',
  stage: 'import',
  placement: { stage: 'import', after: ['cleanup'] },
  run: (model, ctx) => lowerAllRecurrent(model, ctx, RNN_OP, rnnCell),
});
