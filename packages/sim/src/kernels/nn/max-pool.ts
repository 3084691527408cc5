import { attrInt, integerElemRange, isIntegerElemType, type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';
import { geometryCache, readWindowAttrs, windowGeometry } from '../../helpers/window';

/**
 * MaxPool (1-D, 2-D, 3-D ...): the largest element of each window; padding is ignored. Optional
 * second output Indices (int64, since opset 8): the flat index of the chosen element in X,
 * `(n * C + c) * spatial + offset`, where the spatial offset is row-major, or column-major over the
 * spatial axes when storage_order = 1. ceil_mode and dilations since opset 10; int8 / uint8 since 12.
 * The first maximum in window order wins ties.
 */
function create(node: Node, ctx: KernelContext) {
  const attrs = readWindowAttrs(node);
  if (!attrs.kernel.length) ctx.fail('kernel_shape is required');
  const storageOrder = attrInt(node, 'storage_order', 0);
  const wantIndices = ctx.opset >= 8 && !!node.outputs[1];
  const geometry = geometryCache((inSpatial, kernel) => windowGeometry(attrs, inSpatial, kernel, `node ${node.label}`));

  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    const t = X.elemType;
    if (!isRealFloatType(t) && !isIntegerElemType(t)) ctx.fail(`X has type ${t}; MaxPool takes float or 8-bit integer tensors`);
    if (X.rank < 3) ctx.fail(`X must have rank >= 3 ([N, C, D1, ...]), got [${X.dims.join(', ')}]`);
    const g = geometry(X.dims.slice(2), attrs.kernel);
    const { inSize, outSize, kernelSize, offsets } = g;
    const NC = X.dims[0] * X.dims[1];
    const x = readNumbers(X);
    const lowest = isIntegerElemType(t) ? integerElemRange(t)[0] : -Infinity;
    const y = new Float64Array(NC * outSize);
    const idx = new Int32Array(outSize);
    const indices = wantIndices ? new BigInt64Array(NC * outSize) : undefined;
    const colMajor = storageOrder === 1 ? columnMajorMap(g.inSpatial) : undefined;
    for (let nc = 0; nc < NC; nc++) {
      const xBase = nc * inSize;
      const yBase = nc * outSize;
      idx.fill(-1);
      for (let o = 0; o < outSize; o++) y[yBase + o] = lowest;
      for (let kp = 0; kp < kernelSize; kp++) {
        const tBase = kp * outSize;
        for (let o = 0; o < outSize; o++) {
          const off = offsets[tBase + o];
          if (off < 0) continue;
          const v = x[xBase + off];
          if (v > y[yBase + o] || idx[o] < 0) {
            y[yBase + o] = v;
            idx[o] = off;
          }
        }
      }
      if (indices) {
        for (let o = 0; o < outSize; o++) {
          const off = idx[o] < 0 ? 0 : colMajor ? colMajor[idx[o]] : idx[o];
          indices[yBase + o] = BigInt(xBase + off);
        }
      }
    }
    const dims = [X.dims[0], X.dims[1], ...g.outSpatial];
    const Y = fromNumbers(t, dims, y);
    return indices ? [Y, new Tensor('int64', dims, indices)] : [Y];
  };
}

/** For each row-major spatial offset, the column-major one (first spatial axis fastest). */
function columnMajorMap(spatial: readonly number[]): Int32Array {
  const r = spatial.length;
  const n = spatial.reduce((p, d) => p * d, 1);
  const colStrides = new Array<number>(r);
  for (let i = 0, acc = 1; i < r; i++) {
    colStrides[i] = acc;
    acc *= spatial[i];
  }
  const map = new Int32Array(n);
  const c = new Array<number>(r).fill(0);
  for (let k = 0; k < n; k++) {
    let off = 0;
    for (let i = 0; i < r; i++) off += c[i] * colStrides[i];
    map[k] = off;
    for (let i = r - 1; i >= 0; i--) {
      if (++c[i] < spatial[i]) break;
      c[i] = 0;
    }
  }
  return map;
}

export default defineKernelVersions({ domain: '', opType: 'MaxPool', create }, [1, 8, 10, 11, 12, 22]);
