import { definePass, lowerAllRecurrent } from '@scanflow/transforms';
import { gruCell } from './gru-cell';
import { GRU_OP } from './gru-op';

/**
 * lower-gru: every ONNX GRU node (opsets 1 … 22, in any graph including Scan bodies) becomes one
 * Scan per direction whose body computes the cell with standard ops (./gru-cell.ts), through
 * scanflow's generic recurrent lowering: directions, layout 0 / 1, sequence_lens masking, initial
 * states, per-gate weight initializers (or slices when the weights are fed at run time).
 */
export default definePass({
  name: 'lower-gru',
  description: 'lower ONNX GRU nodes to one Scan per direction with the cell written as standard ops (column vectors, per-gate MatMul(W, x))',
  stage: 'import',
  placement: { stage: 'import', after: ['cleanup'], before: ['cleanup-lowered'] },
  run: (model, ctx) => lowerAllRecurrent(model, ctx, GRU_OP, gruCell),
});
