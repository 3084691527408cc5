import { attrInts, hasAttr, type Node, type Tensor } from '@scanflow/ir';
import { stridesOf } from '../../helpers/broadcast';
import { readIntList } from '../../helpers/int-input';
import { stridedIndex, takeElements } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/**
 * Slices `x`: for each listed axis, elements start, start + step, ... before end. Negative starts /
 * ends count from the end; out-of-range values clamp (to [0, dim] for positive steps, [-1, dim - 1]
 * for negative ones), so INT64_MAX / INT64_MIN mean "to the end".
 */
export function slice(node: Node, x: Tensor, starts: number[], ends: number[], axes?: number[], steps?: number[]): Tensor {
  const r = x.rank;
  const fail = (why: string): never => {
    throw new SimulationError(`node ${node.label}: ${why}`);
  };
  if (ends.length !== starts.length) fail(`starts has ${starts.length} entries but ends has ${ends.length}`);
  const ax = axes ?? starts.map((_, i) => i);
  if (ax.length !== starts.length) fail(`axes has ${ax.length} entries for ${starts.length} starts`);
  const st = steps ?? starts.map(() => 1);
  if (st.length !== starts.length) fail(`steps has ${st.length} entries for ${starts.length} starts`);
  const outDims = [...x.dims];
  const begin = new Array<number>(r).fill(0);
  const step = new Array<number>(r).fill(1);
  const seen = new Set<number>();
  ax.forEach((a0, i) => {
    const a = a0 < 0 ? a0 + r : a0;
    if (a < 0 || a >= r) fail(`axis ${a0} is out of range for rank ${r}`);
    if (seen.has(a)) fail(`axis ${a0} is listed twice`);
    seen.add(a);
    const dim = x.dims[a];
    const s = st[i];
    if (s === 0) fail(`step for axis ${a0} is 0`);
    let b = starts[i] < 0 ? starts[i] + dim : starts[i];
    let e = ends[i] < 0 ? ends[i] + dim : ends[i];
    let n: number;
    if (s > 0) {
      b = Math.min(Math.max(b, 0), dim);
      e = Math.min(Math.max(e, 0), dim);
      n = e > b ? Math.ceil((e - b) / s) : 0;
    } else {
      b = Math.min(Math.max(b, 0), dim - 1);
      e = Math.min(Math.max(e, -1), dim - 1);
      n = b > e ? Math.ceil((b - e) / -s) : 0;
    }
    outDims[a] = n;
    begin[a] = b;
    step[a] = s;
  });
  const inStrides = stridesOf(x.dims);
  if (outDims.some((d) => d === 0)) return takeElements(x, new Int32Array(0), outDims);
  const offset = begin.reduce((acc, b, a) => acc + b * inStrides[a], 0);
  return takeElements(x, stridedIndex(outDims, inStrides.map((s, a) => s * step[a]), offset), outDims);
}

/** Slice: `starts` / `ends` / `axes` attributes before opset 10; inputs with optional axes and steps from 10. */
export default [
  defineKernel({
    domain: '',
    opType: 'Slice',
    since: 1,
    create: (node) => {
      const starts = attrInts(node, 'starts');
      const ends = attrInts(node, 'ends');
      const axes = hasAttr(node, 'axes') ? attrInts(node, 'axes') : undefined;
      return (inputs) => {
        if (!inputs[0]) throw new SimulationError(`node ${node.label}: input 0 is missing`);
        return [slice(node, inputs[0], starts, ends, axes)];
      };
    },
  }),
  defineKernel({
    domain: '',
    opType: 'Slice',
    since: 10,
    create: (node) => (inputs) => {
      const [x, s, e, a, st] = inputs;
      if (!x || !s || !e) throw new SimulationError(`node ${node.label}: data, starts and ends are required`);
      const what = (n: string): string => `node ${node.label}: ${n}`;
      return [
        slice(
          node,
          x,
          readIntList(s, what('starts'), { clamp: true }),
          readIntList(e, what('ends'), { clamp: true }),
          a ? readIntList(a, what('axes')) : undefined,
          st ? readIntList(st, what('steps'), { clamp: true }) : undefined,
        ),
      ];
    },
  }),
];
