import { attrInt, type Node, type Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';
import { geometryCache, IN_PADDING, readWindowAttrs, type WindowGeometry, windowGeometry } from '../../helpers/window';

/**
 * AveragePool (1-D, 2-D, 3-D ...): the mean of each window. With count_include_pad (since 7) the
 * divisor counts window points in the explicit / auto padding too (as zeros), but never points past
 * the end padding that ceil_mode (since 10) adds; otherwise it counts only points inside X.
 * Dilations since 19. Summed in double, one rounding at the end.
 */
function create(node: Node, ctx: KernelContext) {
  const attrs = readWindowAttrs(node);
  if (!attrs.kernel.length) ctx.fail('kernel_shape is required');
  const includePad = attrInt(node, 'count_include_pad', 0) !== 0;
  let divisorKey: WindowGeometry | undefined;
  let divisor = new Float64Array(0);
  const geometry = geometryCache((inSpatial, kernel) => windowGeometry(attrs, inSpatial, kernel, `node ${node.label}`));

  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    if (!isRealFloatType(X.elemType)) ctx.fail(`X has type ${X.elemType}; AveragePool takes float tensors`);
    if (X.rank < 3) ctx.fail(`X must have rank >= 3 ([N, C, D1, ...]), got [${X.dims.join(', ')}]`);
    const g = geometry(X.dims.slice(2), attrs.kernel);
    const { inSize, outSize, kernelSize, offsets } = g;
    if (divisorKey !== g) {
      divisor = new Float64Array(outSize);
      for (let i = 0; i < offsets.length; i++) {
        const off = offsets[i];
        // BEYOND_PADDING points never count
        if (off >= 0 || (includePad && off === IN_PADDING)) divisor[i % outSize]++;
      }
      divisorKey = g;
    }
    const NC = X.dims[0] * X.dims[1];
    const x = readNumbers(X);
    const y = new Float64Array(NC * outSize);
    for (let nc = 0; nc < NC; nc++) {
      const xBase = nc * inSize;
      const acc = y.subarray(nc * outSize, (nc + 1) * outSize);
      for (let kp = 0; kp < kernelSize; kp++) {
        const tBase = kp * outSize;
        for (let o = 0; o < outSize; o++) {
          const off = offsets[tBase + o];
          if (off >= 0) acc[o] += x[xBase + off];
        }
      }
      for (let o = 0; o < outSize; o++) acc[o] /= divisor[o];
    }
    return [fromNumbers(X.elemType, [X.dims[0], X.dims[1], ...g.outSpatial], y)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'AveragePool', create }, [1, 7, 10, 11, 19, 22]);
