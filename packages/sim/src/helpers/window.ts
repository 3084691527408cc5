import { attrInt, attrInts, attrString, type Node } from '@scanflow/ir';
import { SimulationError } from '../errors';

/**
 * Sliding-window geometry shared by Conv and the pooling kernels: output sizes from kernel, strides,
 * dilations, pads / auto_pad and ceil_mode, and a table mapping every (kernel position, output
 * position) pair to the input element it reads.
 */
export interface WindowAttrs {
  /** Spatial kernel shape; empty when it comes from the weights (Conv without kernel_shape). */
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...]; empty when not given. */
  pads: number[];
  autoPad: 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
  ceilMode: boolean;
}

/** Marks in `WindowGeometry.offsets`. */
export const IN_PADDING = -1;
export const BEYOND_PADDING = -2;

export interface WindowGeometry {
  inSpatial: number[];
  outSpatial: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  padsBegin: number[];
  padsEnd: number[];
  inSize: number;
  outSize: number;
  kernelSize: number;
  /**
   * `offsets[kp * outSize + o]`: row-major spatial offset in the input read by kernel position `kp`
   * at output position `o`; IN_PADDING when that point lies in the explicit (or auto) padding,
   * BEYOND_PADDING when it lies past the end padding (only with ceil_mode).
   */
  offsets: Int32Array;
}

/** Reads kernel_shape, strides, dilations, pads, auto_pad and ceil_mode of a node. */
export function readWindowAttrs(node: Node): WindowAttrs {
  let autoPad = attrString(node, 'auto_pad', 'NOTSET');
  // Some exporters write an empty string; ONNX treats it as NOTSET.
  if (autoPad === '') autoPad = 'NOTSET';
  if (autoPad !== 'NOTSET' && autoPad !== 'SAME_UPPER' && autoPad !== 'SAME_LOWER' && autoPad !== 'VALID') {
    throw new SimulationError(`node ${node.label}: auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  }
  return {
    kernel: attrInts(node, 'kernel_shape', []),
    strides: attrInts(node, 'strides', []),
    dilations: attrInts(node, 'dilations', []),
    pads: attrInts(node, 'pads', []),
    autoPad,
    ceilMode: attrInt(node, 'ceil_mode', 0) !== 0,
  };
}

/** Computes the geometry of a window op for the given input spatial shape. */
export function windowGeometry(a: WindowAttrs, inSpatial: readonly number[], kernel: readonly number[], what: string): WindowGeometry {
  const r = inSpatial.length;
  if (kernel.length !== r) throw new SimulationError(`${what}: kernel_shape has ${kernel.length} dimension(s), the input has ${r} spatial dimension(s)`);
  const strides = a.strides.length ? a.strides : new Array<number>(r).fill(1);
  const dilations = a.dilations.length ? a.dilations : new Array<number>(r).fill(1);
  if (strides.length !== r) throw new SimulationError(`${what}: strides has ${strides.length} value(s), expected ${r}`);
  if (dilations.length !== r) throw new SimulationError(`${what}: dilations has ${dilations.length} value(s), expected ${r}`);
  if (a.autoPad === 'NOTSET' && a.pads.length && a.pads.length !== 2 * r) throw new SimulationError(`${what}: pads has ${a.pads.length} value(s), expected ${2 * r}`);
  const padsBegin = new Array<number>(r).fill(0);
  const padsEnd = new Array<number>(r).fill(0);
  const outSpatial = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const n = inSpatial[i];
    const s = strides[i];
    const dk = dilations[i] * (kernel[i] - 1) + 1;
    if (s < 1 || dilations[i] < 1 || kernel[i] < 1) throw new SimulationError(`${what}: kernel, strides and dilations must be positive`);
    let out: number;
    if (a.autoPad === 'SAME_UPPER' || a.autoPad === 'SAME_LOWER') {
      out = Math.ceil(n / s);
      const total = Math.max(0, (out - 1) * s + dk - n);
      padsBegin[i] = a.autoPad === 'SAME_LOWER' ? Math.ceil(total / 2) : Math.floor(total / 2);
      padsEnd[i] = total - padsBegin[i];
    } else if (a.autoPad === 'VALID') {
      out = Math.floor((n - dk) / s) + 1;
    } else {
      if (a.pads.length) {
        padsBegin[i] = a.pads[i];
        padsEnd[i] = a.pads[i + r];
      }
      const span = n + padsBegin[i] + padsEnd[i] - dk;
      if (a.ceilMode) {
        out = Math.ceil(span / s) + 1;
        // A last window that would start inside the end padding is dropped.
        if ((out - 1) * s >= n + padsBegin[i]) out--;
      } else {
        out = Math.floor(span / s) + 1;
      }
    }
    if (!(out >= 1)) {
      throw new SimulationError(`${what}: input spatial shape [${inSpatial.join(', ')}] is smaller than the (dilated, padded) kernel [${kernel.join(', ')}]`);
    }
    outSpatial[i] = out;
  }
  const inSize = inSpatial.reduce((p, d) => p * d, 1);
  const outSize = outSpatial.reduce((p, d) => p * d, 1);
  const kernelSize = kernel.reduce((p, d) => p * d, 1);

  // Per dimension: coordinate read by (k, o), or a padding mark.
  const perDim: Int32Array[] = [];
  for (let i = 0; i < r; i++) {
    const t = new Int32Array(kernel[i] * outSpatial[i]);
    for (let k = 0; k < kernel[i]; k++) {
      for (let o = 0; o < outSpatial[i]; o++) {
        const c = o * strides[i] - padsBegin[i] + k * dilations[i];
        t[k * outSpatial[i] + o] = c >= 0 && c < inSpatial[i] ? c : c >= -padsBegin[i] && c < inSpatial[i] + padsEnd[i] ? IN_PADDING : BEYOND_PADDING;
      }
    }
    perDim.push(t);
  }
  const inStrides = new Array<number>(r);
  for (let i = r - 1, acc = 1; i >= 0; i--) {
    inStrides[i] = acc;
    acc *= inSpatial[i];
  }
  const offsets = new Int32Array(kernelSize * outSize);
  const kc = new Array<number>(r).fill(0);
  const oc = new Array<number>(r).fill(0);
  let p = 0;
  for (let kp = 0; kp < kernelSize; kp++) {
    oc.fill(0);
    for (let o = 0; o < outSize; o++) {
      let off = 0;
      let mark = 0;
      for (let i = 0; i < r; i++) {
        const c = perDim[i][kc[i] * outSpatial[i] + oc[i]];
        if (c < 0) {
          if (c < mark) mark = c;
        } else off += c * inStrides[i];
      }
      offsets[p++] = mark < 0 ? mark : off;
      for (let i = r - 1; i >= 0; i--) {
        if (++oc[i] < outSpatial[i]) break;
        oc[i] = 0;
      }
    }
    for (let i = r - 1; i >= 0; i--) {
      if (++kc[i] < kernel[i]) break;
      kc[i] = 0;
    }
  }
  return { inSpatial: [...inSpatial], outSpatial, kernel: [...kernel], strides, dilations, padsBegin, padsEnd, inSize, outSize, kernelSize, offsets };
}

/** Remembers the geometry of the last input shape seen (shapes rarely change between runs). */
export function geometryCache(compute: (inSpatial: readonly number[], kernel: readonly number[]) => WindowGeometry) {
  let key = '';
  let last: WindowGeometry | undefined;
  return (inSpatial: readonly number[], kernel: readonly number[]): WindowGeometry => {
    const k = `${inSpatial.join(',')}|${kernel.join(',')}`;
    if (!last || k !== key) {
      last = compute(inSpatial, kernel);
      key = k;
    }
    return last;
  };
}
