import { attrInt, type Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';
import { geometryCache, readWindowAttrs, windowGeometry } from '../../helpers/window';

/**
 * Conv (1-D, 2-D, 3-D ...): X [N, C, D1..Dn] ⊛ W [M, C/group, k1..kn] (+ B [M]). Groups (including
 * depthwise), strides, dilations, explicit pads and auto_pad. Accumulates in double, one rounding
 * to the output type at the end. Versions 1, 11, 22 differ only in types and documentation.
 */
function create(node: KernelContext['node'], ctx: KernelContext) {
  const attrs = readWindowAttrs(node);
  const group = attrInt(node, 'group', 1);
  if (group < 1) ctx.fail(`group must be positive, got ${group}`);
  const geometry = geometryCache((inSpatial, kernel) => windowGeometry(attrs, inSpatial, kernel, `node ${node.label}`));

  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    const W = inputs[1]!;
    const B = inputs[2];
    if (!isRealFloatType(X.elemType)) ctx.fail(`X has type ${X.elemType}; Conv takes float tensors`);
    if (X.rank < 3) ctx.fail(`X must have rank >= 3 ([N, C, D1, ...]), got [${X.dims.join(', ')}]`);
    if (W.rank !== X.rank) ctx.fail(`W has shape [${W.dims.join(', ')}], expected rank ${X.rank} like X [${X.dims.join(', ')}]`);
    const [N, C] = X.dims;
    const M = W.dims[0];
    const Cg = W.dims[1];
    if (Cg * group !== C) ctx.fail(`W [${W.dims.join(', ')}] with group ${group} expects ${Cg * group} input channels, X [${X.dims.join(', ')}] has ${C}`);
    if (M % group !== 0) ctx.fail(`the number of output channels ${M} is not a multiple of group ${group}`);
    const kernel = W.dims.slice(2);
    if (attrs.kernel.length && attrs.kernel.some((k, i) => k !== kernel[i])) {
      ctx.fail(`kernel_shape [${attrs.kernel.join(', ')}] does not match W [${W.dims.join(', ')}]`);
    }
    if (B && (B.size !== M)) ctx.fail(`B has shape [${B.dims.join(', ')}], expected [${M}]`);
    const g = geometry(X.dims.slice(2), kernel);
    const x = readNumbers(X);
    const w = readNumbers(W);
    const b = B ? readNumbers(B) : undefined;
    const { inSize, outSize, kernelSize: kSize, offsets } = g;
    const Mg = M / group;
    const out = new Float64Array(N * M * outSize);
    for (let n = 0; n < N; n++) {
      for (let m = 0; m < M; m++) {
        const gi = Math.floor(m / Mg);
        const oBase = (n * M + m) * outSize;
        const acc = out.subarray(oBase, oBase + outSize);
        if (b) acc.fill(b[m]);
        for (let cg = 0; cg < Cg; cg++) {
          const xBase = (n * C + gi * Cg + cg) * inSize;
          const wBase = (m * Cg + cg) * kSize;
          for (let kp = 0; kp < kSize; kp++) {
            const wv = w[wBase + kp];
            const tBase = kp * outSize;
            for (let o = 0; o < outSize; o++) {
              const off = offsets[tBase + o];
              if (off >= 0) acc[o] += wv * x[xBase + off];
            }
          }
        }
      }
    }
    return [fromNumbers(X.elemType, [N, M, ...g.outSpatial], out)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'Conv', create }, [1, 11, 22]);
