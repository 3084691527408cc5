import { defineOp, type OpSchema } from '../op-schema';
import { scanOps, scanTraits } from '../onnx/scan';
import { HW_DOMAIN } from './hw-helpers';

const scan9 = scanOps.find((s) => s.since === 9)!;

/**
 * Recurrence: the time loop of a recurrent layer in hardware. Same meaning as ONNX Scan (opset 9+)
 * with every scan axis 0: inputs are N initial states then M sequences, outputs N final states then
 * K stacked per-step outputs. The body holds only hardware layers (and Reshapes, which do not
 * change a stream's order) and reads no outer-scope values except constants. In hardware the
 * states stay on chip and are fed back; work that does not depend on the state has been moved out
 * of the body by `hoist-recurrence-inputs`.
 */
export const recurrenceOps: OpSchema[] = [
  defineOp({
    domain: HW_DOMAIN,
    opType: 'Recurrence',
    inputs: [1, Number.MAX_SAFE_INTEGER],
    outputs: [1, Number.MAX_SAFE_INTEGER],
    description: 'Time loop over one step of hardware layers, with the state kept on chip.',
    traits: scanTraits,
    attributes: {
      body: { type: 'graph', required: true, description: 'One step: (states…, input slices…) → (states…, output slices…).' },
      num_scan_inputs: { type: 'int', required: true, description: 'M, the number of sequences (the last M inputs).' },
      scan_input_directions: { type: 'ints', description: 'Per sequence: 0 forward, 1 reverse (default 0).' },
      scan_output_directions: { type: 'ints', description: 'Per stacked output: 0 append, 1 prepend (default 0).' },
    },
    inferTypes(ctx) {
      for (const a of ['scan_input_axes', 'scan_output_axes']) {
        if (ctx.node.attributes.has(a)) ctx.fail(`Recurrence: attribute ${a} is not supported (every scan axis is 0)`);
      }
      return scan9.inferTypes!(ctx);
    },
  }),
];
