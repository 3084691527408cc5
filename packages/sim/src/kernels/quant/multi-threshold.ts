import { attrFloat, attrString, type Node, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { readNumbers } from '../../helpers/numeric';

/**
 * QONNX MultiThreshold: y = out_scale · #{s : x ≥ T[c, s]} + out_bias for every element in channel c.
 * Thresholds T have shape [C, S] (per channel) or [1, S] (shared). The channel axis is the last one
 * when data_layout ends in 'C' (NHWC, NWC, NC ...), else axis 1. Rows need not be sorted (it is a
 * count). For float32 the affine step is done in float32 like the numpy reference.
 */
function create(node: Node, ctx: KernelContext) {
  const outScale = attrFloat(node, 'out_scale', 1);
  const outBias = attrFloat(node, 'out_bias', 0);
  const layout = attrString(node, 'data_layout', 'NCHW');
  const channelsLast = layout.endsWith('C');
  let sortedFor: Tensor | undefined;
  let sorted = false;
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, T] = inputs;
    if (!X || !T) return ctx.fail('needs inputs v and thresholds');
    if (X.elemType !== 'float32' && X.elemType !== 'float64') ctx.fail(`v has type ${X.elemType}; MultiThreshold takes float tensors`);
    if (T.rank !== 2) ctx.fail(`thresholds must be [C, S] or [1, S], got [${T.dims.join(', ')}]`);
    const R = X.elemType === 'float32' ? Math.fround : (v: number) => v;
    const axis = X.rank === 0 ? -1 : channelsLast ? X.rank - 1 : Math.min(1, X.rank - 1);
    const C = axis < 0 ? 1 : X.dims[axis];
    const [TC, S] = T.dims;
    if (TC !== C && TC !== 1) ctx.fail(`thresholds [${T.dims.join(', ')}] need ${C} rows (one per channel of axis ${axis} of v [${X.dims.join(', ')}], layout ${layout}) or 1`);
    const inner = axis < 0 ? 1 : X.dims.slice(axis + 1).reduce((p, d) => p * d, 1);
    const x = readNumbers(X);
    const t = readNumbers(T);
    if (sortedFor !== T) {
      sorted = true;
      for (let r = 0; r < TC && sorted; r++) for (let k = 1; k < S; k++) if (!(t[r * S + k - 1] <= t[r * S + k])) { sorted = false; break; }
      sortedFor = T;
    }
    const sc = R(outScale);
    const bi = R(outBias);
    const affine = sc !== 1 || bi !== 0;
    const out = X.elemType === 'float32' ? new Float32Array(x.length) : new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const c = TC === 1 ? 0 : Math.floor(i / inner) % C;
      const v = x[i];
      const base = c * S;
      let count = 0;
      if (sorted) {
        // number of thresholds <= v: first index whose threshold is > v (NaN compares false: count 0)
        if (v === v) {
          let lo = 0;
          let hi = S;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (v >= t[base + mid]) lo = mid + 1;
            else hi = mid;
          }
          count = lo;
        }
      } else {
        for (let k = 0; k < S; k++) if (v >= t[base + k]) count++;
      }
      out[i] = affine ? R(R(sc * count) + bi) : count;
    }
    return [new Tensor(X.elemType, X.dims, out)];
  };
}

const multiThreshold: KernelDefinition = { domain: QONNX_DOMAIN, opType: 'MultiThreshold', create };
export default multiThreshold;
