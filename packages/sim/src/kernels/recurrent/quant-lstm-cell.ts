import { attrInt, attrString, narrowAttributeOf, type Node, QONNX_DOMAIN, QUANT_LSTM_CELL_INPUTS as IN, QUANT_LSTM_CELL_QUANTISERS, type QuantLstmCellQuantiser, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { readNumbers } from '../../helpers/numeric';
import { npClip, qonnxIntRange, qonnxRounding } from '../../helpers/rounding';

/**
 * QuantLSTMCell (qonnx.custom_op.general), Brevitas v0.12.0's fully quantised LSTM layer, computed
 * as ../shared/conformance/brevitas/QUANTLSTMCELL.md describes `_QuantLSTMCell.forward_iter`, in
 * float32 (every op rounded once, as the simulator's standard ops round):
 *
 *   i  = q_isig(σ(q_iacc((x W_iiᵀ + h W_hiᵀ) + b_i)))     f likewise (cifg: f = q_isig(1) − i)
 *   g  = q_ctanh(tanh(q_cacc((x W_icᵀ + h W_hcᵀ) + b_c)))  o likewise with σ
 *   c' = q_cs(q_cs(f ⊙ c) + q_cs(i ⊙ g))                  h' = q_out(o ⊙ q_hst(tanh(c')))
 *
 * with q the QONNX Quant of each quantiser's (scale, zero point, bit width, signed, narrow,
 * rounding). y stacks every h' in input time order (also when reverse_input runs the steps
 * backwards); the last h' and c' are outputs 1 and 2.
 */

type Q = (v: number) => number;
const F = Math.fround;

function quantiser(node: Node, ctx: KernelContext, inputs: readonly (Tensor | undefined)[], k: number, name: QuantLstmCellQuantiser): Q {
  const at = IN.quantisers + 3 * k;
  const [S, Z, B] = [inputs[at], inputs[at + 1], inputs[at + 2]];
  if (!S || !Z || !B || S.size !== 1 || Z.size !== 1 || B.size !== 1) return ctx.fail(`quantiser ${name}: scale, zero point and bit width (inputs ${at}..${at + 2}) must be scalars`);
  const s = readNumbers(S)[0]!;
  const z = readNumbers(Z)[0]!;
  const bits = readNumbers(B)[0]!;
  if (!Number.isInteger(bits) || bits < 2) return ctx.fail(`quantiser ${name}: bit width ${bits} is not an integer ≥ 2`);
  const [lo, hi] = qonnxIntRange(attrInt(node, `${name}_signed`, name.endsWith('sigmoid') ? 0 : 1) !== 0, attrInt(node, narrowAttributeOf(name), 0) !== 0, bits);
  const mode = attrString(node, `${name}_rounding_mode`, 'ROUND');
  const round = qonnxRounding(mode, F) ?? ctx.fail(`quantiser ${name}: unknown rounding mode '${mode}'`);
  return (v) => F(F(round(npClip(F(F(v / s) + z), lo, hi)) - z) * s);
}

const sigmoid = (x: number) => F(1 / (1 + Math.exp(-x)));
const tanh = (x: number) => F(Math.tanh(x));

function create(node: Node, ctx: KernelContext) {
  const batchFirst = attrInt(node, 'batch_first', 0) === 1;
  const reverse = attrInt(node, 'reverse_input', 0) === 1;
  const cifg = attrInt(node, 'cifg', 0) === 1;
  return (inputs: readonly (Tensor | undefined)[]) => {
    if (inputs.length < 48 || inputs.some((t) => !t)) ctx.fail('needs all 48 inputs');
    const X = inputs[IN.x]!;
    if (X.rank !== 3) ctx.fail(`x has rank ${X.rank}, expected 3`);
    const [T, N, I] = batchFirst ? [X.dims[1]!, X.dims[0]!, X.dims[2]!] : [X.dims[0]!, X.dims[1]!, X.dims[2]!];
    const Wx = [0, 1, 2, 3].map((g) => readNumbers(inputs[IN.inputWeights + g]!));
    const Wh = [0, 1, 2, 3].map((g) => readNumbers(inputs[IN.hiddenWeights + g]!));
    const H = inputs[IN.hiddenWeights]!.dims[0]!;
    for (let g = 0; g < 4; g++) {
      if (Wx[g]!.length !== H * I) ctx.fail(`input weight ${g} has ${Wx[g]!.length} elements, expected ${H} × ${I}`);
      if (Wh[g]!.length !== H * H) ctx.fail(`hidden weight ${g} has ${Wh[g]!.length} elements, expected ${H} × ${H}`);
    }
    const b = [0, 1, 2, 3].map((g) => {
      const v = readNumbers(inputs[IN.biases + g]!);
      if (v.length !== 1 && v.length !== H) ctx.fail(`bias ${g} has ${v.length} elements, expected ${H} (or a scalar)`);
      return (j: number) => (v.length === 1 ? v[0]! : v[j]!);
    });
    const q = Object.fromEntries(QUANT_LSTM_CELL_QUANTISERS.map((name, k) => [name, quantiser(node, ctx, inputs, k, name)])) as Record<QuantLstmCellQuantiser, Q>;
    const h0 = readNumbers(inputs[IN.h0]!);
    const c0 = readNumbers(inputs[IN.c0]!);
    if (h0.length !== N * H || c0.length !== N * H) ctx.fail(`h0 / c0 have ${h0.length} / ${c0.length} elements, expected ${N} × ${H}`);
    const x = readNumbers(X);
    const xAt = (t: number, n: number, k: number) => x[batchFirst ? (n * T + t) * I + k : (t * N + n) * I + k]!;
    let h = Float64Array.from(h0);
    let c = Float64Array.from(c0);
    const y = new Float32Array(T * N * H);
    const one = q.input_sigmoid(1);
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const hn = new Float64Array(N * H);
      const cn = new Float64Array(N * H);
      for (let n = 0; n < N; n++) {
        const acc = (g: number, j: number) => {
          let sx = 0;
          for (let k = 0; k < I; k++) sx += Wx[g]![j * I + k]! * xAt(t, n, k);
          let sh = 0;
          for (let k = 0; k < H; k++) sh += Wh[g]![j * H + k]! * h[n * H + k]!;
          return F(F(F(sx) + F(sh)) + b[g]!(j));
        };
        for (let j = 0; j < H; j++) {
          const i = q.input_sigmoid(sigmoid(q.input_acc(acc(0, j))));
          const f = cifg ? F(one - i) : q.forget_sigmoid(sigmoid(q.forget_acc(acc(1, j))));
          const g = q.cell_tanh(tanh(q.cell_acc(acc(2, j))));
          const o = q.output_sigmoid(sigmoid(q.output_acc(acc(3, j))));
          const cv = q.cell_state(F(q.cell_state(F(f * c[n * H + j]!)) + q.cell_state(F(i * g))));
          const hv = q.output(F(o * q.hidden_state_tanh(tanh(cv))));
          cn[n * H + j] = cv;
          hn[n * H + j] = hv;
          y[batchFirst ? (n * T + t) * H + j : (t * N + n) * H + j] = hv;
        }
      }
      h = hn;
      c = cn;
    }
    return [
      new Tensor('float32', batchFirst ? [N, T, H] : [T, N, H], y),
      new Tensor('float32', [N, H], Float32Array.from(h)),
      new Tensor('float32', [N, H], Float32Array.from(c)),
    ];
  };
}

const quantLstmCell: KernelDefinition = { domain: QONNX_DOMAIN, opType: 'QuantLSTMCell', create };
export default quantLstmCell;
