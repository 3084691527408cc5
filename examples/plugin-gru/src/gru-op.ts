import { attrInt } from '@scanflow/ir';
import type { RecurrentOp } from '@scanflow/transforms';

/**
 * The ONNX GRU as the generic recurrent lowering sees it: W / R / B rows in gate order z (update),
 * r (reset), h (candidate); one state (initial_h at input 5); activations f = Sigmoid, g = Tanh by
 * default; the extra attribute linear_before_reset (0 or 1).
 */
export const GRU_OP: RecurrentOp = {
  opType: 'GRU',
  gates: ['z', 'r', 'h'],
  stateInputs: [5],
  maxInputs: 6,
  defaultActivations: ['Sigmoid', 'Tanh'],
  extraAttributes: ['linear_before_reset'],
  checkAttributes(node, fail) {
    const lbr = attrInt(node, 'linear_before_reset', 0);
    if (lbr !== 0 && lbr !== 1) fail(`attribute 'linear_before_reset' is ${lbr}, expected 0 or 1`);
  },
  describe: (spec) => [`linear_before_reset ${attrInt(spec.node, 'linear_before_reset', 0)}`],
};

/** Gate positions in W / R / B rows. */
export const GRU_GATE = { z: 0, r: 1, h: 2 } as const;
