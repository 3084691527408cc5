import type { AttributeSpec, OpSchema } from '../op-schema';
import { defineOp } from '../op-schema';
import { tensorOf } from '../onnx/shape-helpers';
import { QONNX_DOMAIN } from './qonnx-helpers';

/**
 * QuantLSTMCell (domain qonnx.custom_op.general), as Brevitas v0.12.0 exports a fully quantised
 * LSTM layer (one node per layer and direction). Its meaning is Brevitas's `_QuantLSTMCell`; see
 * ../shared/conformance/brevitas/QUANTLSTMCELL.md. Gate order of the weights: input, forget, cell
 * (g), output. The eleven quantisers come as (scale, zero point, bit width) input triples, their
 * signedness, narrowness and rounding as attributes.
 */

/** The eleven quantisers, in input order (inputs 15 + 3k .. 17 + 3k). */
export const QUANT_LSTM_CELL_QUANTISERS = [
  'output',
  'cell_state',
  'input_acc',
  'forget_acc',
  'cell_acc',
  'output_acc',
  'input_sigmoid',
  'forget_sigmoid',
  'cell_tanh',
  'output_sigmoid',
  'hidden_state_tanh',
] as const;
export type QuantLstmCellQuantiser = (typeof QUANT_LSTM_CELL_QUANTISERS)[number];

/** The attribute carrying quantiser q's narrow-range flag (Brevitas spells one of them differently). */
export function narrowAttributeOf(q: QuantLstmCellQuantiser): string {
  return q === 'output_sigmoid' ? 'output_sigmoid_narrow_range' : `${q}_narrow`;
}

/** Input indices of the operands. */
export const QUANT_LSTM_CELL_INPUTS = {
  x: 0,
  h0: 1,
  c0: 2,
  /** W_ii, W_if, W_ic, W_io */
  inputWeights: 3,
  /** W_hi, W_hf, W_hc, W_ho */
  hiddenWeights: 7,
  /** b_i, b_f, b_c, b_o */
  biases: 11,
  /** quantiser k: scale 15 + 3k, zero point 16 + 3k, bit width 17 + 3k */
  quantisers: 15,
} as const;

function attributes(): Record<string, AttributeSpec> {
  const out: Record<string, AttributeSpec> = {
    batch_first: { type: 'int', default: 0, allowed: [0, 1], description: '1: x and y are [N, T, ·] instead of [T, N, ·].' },
    reverse_input: { type: 'int', default: 0, allowed: [0, 1], description: '1: the steps run from t = T−1 down to 0 (y stays in input time order).' },
    cifg: { type: 'int', default: 0, allowed: [0, 1], description: 'Coupled input-forget gate: f = quant_input_sigmoid(1) − i.' },
  };
  for (const q of QUANT_LSTM_CELL_QUANTISERS) {
    out[`${q}_signed`] = { type: 'int', default: q.endsWith('sigmoid') ? 0 : 1, allowed: [0, 1], description: `Signed integer range of the ${q} quantiser.` };
    out[narrowAttributeOf(q)] = { type: 'int', default: 0, allowed: [0, 1], description: `Narrow range of the ${q} quantiser.` };
    out[`${q}_rounding_mode`] = { type: 'string', default: 'ROUND', description: `Rounding of the ${q} quantiser (ROUND: half to even).` };
  }
  return out;
}

export const quantLstmCellOps: OpSchema[] = [
  defineOp({
    domain: QONNX_DOMAIN,
    opType: 'QuantLSTMCell',
    since: 1,
    inputs: [48, 48],
    outputs: [3, 3],
    description: "One quantised LSTM layer and direction as Brevitas exports it (Brevitas's _QuantLSTMCell).",
    // lowered to the Scan form by the import stage (lower-quant-lstm-cell)
    traits: { needsLowering: true },
    attributes: attributes(),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const w = ctx.tensorInput(QUANT_LSTM_CELL_INPUTS.hiddenWeights);
      const h0 = ctx.tensorInput(1);
      const batchFirst = Number(ctx.node.attributes.get('batch_first')?.value ?? 0) === 1;
      const H = w?.shape?.[0] ?? h0?.shape?.[1] ?? null;
      const N = h0?.shape?.[0] ?? (x?.shape ? x.shape[batchFirst ? 0 : 1] ?? null : null);
      const T = x?.shape ? x.shape[batchFirst ? 1 : 0] ?? null : null;
      if (x?.shape && x.shape.length !== 3) ctx.fail(`QuantLSTMCell: x has rank ${x.shape.length}, expected 3`);
      return [tensorOf('float32', batchFirst ? [N, T, H] : [T, N, H]), tensorOf('float32', [N, H]), tensorOf('float32', [N, H])];
    },
  }),
];
