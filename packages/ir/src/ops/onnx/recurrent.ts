import { attrInt, attrString } from '../../graph/attribute';
import { formatShape, type Dim } from '../../graph/value-type';
import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { conflict, sameElemType, tensorOf, unifyDim } from './shape-helpers';

/**
 * Schema factory for the ONNX recurrent ops (RNN, GRU, LSTM). With G gates (1, 3, 4):
 * X [seq, batch, input], W [dirs, G·hidden, input], R [dirs, G·hidden, hidden] →
 * Y [seq, dirs, batch, hidden], Y_h (and LSTM's Y_c) [dirs, batch, hidden].
 * layout = 1 (opset 14) makes X [batch, seq, input], Y [batch, seq, dirs, hidden] and the states
 * [batch, dirs, hidden].
 */
export function recurrentOp(opType: 'RNN' | 'GRU' | 'LSTM', since: number, gates: number, extra: Record<string, AttributeSpec> = {}): OpSchema {
  const stateOutputs = opType === 'LSTM' ? 2 : 1;
  const attributes: Record<string, AttributeSpec> = {
    activation_alpha: { type: 'floats' },
    activation_beta: { type: 'floats' },
    activations: { type: 'strings' },
    clip: { type: 'float', description: 'Cell clip threshold (default: none).' },
    direction: { type: 'string', default: 'forward', allowed: ['forward', 'reverse', 'bidirectional'] },
    hidden_size: { type: 'int', description: 'Number of hidden units (default: from W / R).' },
    ...extra,
  };
  if (since < 7) attributes.output_sequence = { type: 'int', default: 0, allowed: [0, 1] };
  if (since >= 14) attributes.layout = { type: 'int', default: 0, allowed: [0, 1], description: '0: sequence-first tensors; 1: batch-first.' };
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [3, opType === 'LSTM' ? 8 : 6],
    outputs: [0, 1 + stateOutputs],
    attributes,
    // lowered to Scans by a pass (the core's lower-lstm / lower-rnn, a plugin's for the others)
    traits: { needsLowering: true },
    inferTypes(ctx) {
      const elem = sameElemType(ctx, [0, 1, 2]);
      if (!elem) return [undefined, undefined, undefined];
      const dirs = attrString(ctx.node, 'direction', 'forward') === 'bidirectional' ? 2 : 1;
      const layout = since >= 14 ? attrInt(ctx.node, 'layout', 0) : 0;
      const x = ctx.tensorInput(0)?.shape;
      const w = ctx.tensorInput(1)?.shape;
      const r = ctx.tensorInput(2)?.shape;
      for (const [name, s, rank] of [['X', x, 3], ['W', w, 3], ['R', r, 3]] as const) {
        if (s && s.length !== rank) ctx.fail(`${opType}: ${name} has shape ${formatShape(s)}, expected rank ${rank}`);
      }
      let hidden: Dim = ctx.node.attributes.has('hidden_size') ? attrInt(ctx.node, 'hidden_size') : null;
      hidden = unifyDim(hidden, r ? r[2] : null);
      const gh = typeof hidden === 'number' ? gates * hidden : null;
      const check = (what: string, got: Dim, want: Dim): void => {
        if (conflict(got, want)) ctx.fail(`${opType}: ${what} is ${got}, expected ${want}`);
      };
      if (w) {
        check('W dimension 0 (directions)', w[0], dirs);
        check(`W dimension 1 (${gates} × hidden_size)`, w[1], gh);
        check('W dimension 2 (input size)', w[2], x ? x[2] : null);
      }
      if (r) {
        check('R dimension 0 (directions)', r[0], dirs);
        check(`R dimension 1 (${gates} × hidden_size)`, r[1], gh);
      }
      if (hidden === null && w && typeof w[1] === 'number') hidden = w[1] / gates;
      if (hidden === null && r && typeof r[1] === 'number') hidden = r[1] / gates;
      const b = ctx.node.inputs[3] ? ctx.tensorInput(3)?.shape : undefined;
      if (b && (b.length !== 2 || conflict(b[0], dirs) || conflict(b[1], typeof hidden === 'number' ? 2 * gates * hidden : null))) {
        ctx.fail(`${opType}: B has shape ${formatShape(b)}, expected [${dirs}, ${typeof hidden === 'number' ? 2 * gates * hidden : `${2 * gates}·hidden`}]`);
      }
      const seq = x ? x[layout === 0 ? 0 : 1] : null;
      let batch = x ? x[layout === 0 ? 1 : 0] : null;
      const init = ctx.node.inputs[5] ? ctx.tensorInput(5)?.shape : undefined;
      if (init && init.length === 3) batch = unifyDim(batch, init[layout === 0 ? 1 : 0]);
      const y = layout === 0 ? [seq, dirs, batch, hidden] : [batch, seq, dirs, hidden];
      const state = layout === 0 ? [dirs, batch, hidden] : [batch, dirs, hidden];
      return [tensorOf(elem, y), tensorOf(elem, state), ...(stateOutputs === 2 ? [tensorOf(elem, state)] : [])];
    },
  });
}
