import { attrFloat, attrInts, attrString, hasAttr, type Node, Tensor } from '@scanflow/ir';
import { stridesOf } from '../../helpers/broadcast';
import { castTensor } from '../../helpers/cast-values';
import { readIntList } from '../../helpers/int-input';
import { mappedIndex, takeElements } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel, type Kernel, type KernelContext } from '../../kernel';

type Mode = 'constant' | 'reflect' | 'edge' | 'wrap';

/**
 * Input coordinate of output coordinate o on one axis (or -1 for the constant), for a dim padded by
 * (before, after). Negative pads crop first; reflect / edge / wrap then work on the cropped range
 * (as the ONNX reference and onnxruntime do).
 */
function axisMap(node: Node, mode: Mode, dim: number, before: number, after: number): Int32Array {
  const lo = Math.max(0, -before);
  const d = dim - lo - Math.max(0, -after);
  const pb = Math.max(0, before);
  const n = d + pb + Math.max(0, after);
  if (d < 0) throw new SimulationError(`node ${node.label}: pads ${before}, ${after} remove more than the ${dim} elements of an axis`);
  if (mode !== 'constant' && d === 0 && n > 0) throw new SimulationError(`node ${node.label}: cannot ${mode}-pad an empty axis`);
  const m = new Int32Array(n);
  const period = 2 * (d - 1);
  for (let o = 0; o < n; o++) {
    const i = o - pb;
    let j: number;
    if (i >= 0 && i < d) j = i;
    else if (mode === 'constant') j = -1;
    else if (mode === 'edge') j = i < 0 ? 0 : d - 1;
    else if (mode === 'wrap') j = ((i % d) + d) % d;
    else if (d === 1) j = 0;
    else {
      // reflect about the first and last elements (not repeating them), as often as needed
      const k = ((i % period) + period) % period;
      j = k < d ? k : period - k;
    }
    m[o] = j < 0 ? -1 : lo + j;
  }
  return m;
}

function pad(node: Node, mode: Mode, x: Tensor, pads: number[], axes: number[] | undefined, fill: unknown): Tensor {
  const r = x.rank;
  const ax = (axes ?? Array.from({ length: r }, (_, i) => i)).map((a) => {
    const b = a < 0 ? a + r : a;
    if (b < 0 || b >= r) throw new SimulationError(`node ${node.label}: axis ${a} is out of range for rank ${r}`);
    return b;
  });
  if (pads.length !== 2 * ax.length) throw new SimulationError(`node ${node.label}: pads has ${pads.length} values, expected ${2 * ax.length} (begin and end for ${ax.length} axes)`);
  const before = new Array<number>(r).fill(0);
  const after = new Array<number>(r).fill(0);
  ax.forEach((a, i) => {
    before[a] = pads[i];
    after[a] = pads[i + ax.length];
  });
  const maps = x.dims.map((d, a) => axisMap(node, mode, d, before[a], after[a]));
  const outDims = maps.map((m) => m.length);
  return takeElements(x, mappedIndex(maps, stridesOf(x.dims)), outDims, fill);
}

function readMode(node: Node, ctx: KernelContext): Mode {
  const mode = attrString(node, 'mode', 'constant');
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'edge' && mode !== 'wrap') ctx.fail(`mode must be constant, reflect, edge or wrap, got '${mode}'`);
  return mode as Mode;
}

/** The fill value in the data's storage form (float16 bits, bigint ...). */
function storedValue(t: Tensor, type: Tensor['elemType']): unknown {
  return castTensor(t, type).data[0];
}

/** Opsets 1–10: `pads` (`paddings` in opset 1) and `value` attributes. */
function createPadAttr(node: Node, ctx: KernelContext): Kernel {
  const mode = readMode(node, ctx);
  const pads = hasAttr(node, 'pads') ? attrInts(node, 'pads') : attrInts(node, 'paddings');
  const value = Tensor.float32([], [attrFloat(node, 'value', 0)]);
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    return [pad(node, mode, x, pads, undefined, mode === 'constant' ? storedValue(value, x.elemType) : undefined)];
  };
}

/** Opsets 11+: `pads`, optional `constant_value` and (18+) optional `axes` inputs; wrap mode from 19. */
function createPadInputs(node: Node, ctx: KernelContext): Kernel {
  const mode = readMode(node, ctx);
  return (inputs) => {
    const [x, p, cv, axesT] = inputs;
    if (!x || !p) throw new SimulationError(`node ${node.label}: data and pads are required`);
    const pads = readIntList(p, `node ${node.label}: pads`);
    const axes = axesT ? readIntList(axesT, `node ${node.label}: axes`) : undefined;
    let fill: unknown;
    if (mode === 'constant') {
      if (cv && cv.data.length > 1) throw new SimulationError(`node ${node.label}: constant_value must be a scalar, got shape [${cv.dims.join(', ')}]`);
      if (cv && cv.data.length === 1) fill = storedValue(cv, x.elemType);
      else fill = x.elemType === 'string' ? '' : storedValue(Tensor.float32([], [0]), x.elemType);
    }
    return [pad(node, mode, x, pads, axes, fill)];
  };
}

/** Pad: constant, reflect, edge or wrap padding; negative pads crop. */
export default [
  defineKernel({ domain: '', opType: 'Pad', since: 1, create: createPadAttr }),
  defineKernel({ domain: '', opType: 'Pad', since: 11, create: createPadInputs }),
];
