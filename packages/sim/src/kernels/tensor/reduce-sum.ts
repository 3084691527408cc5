import { reduceKernels } from '../../helpers/reduce-kernel';

/** ReduceSum: `axes` attribute before opset 13, input from 13 (with noop_with_empty_axes); empty sums are 0. */
export default reduceKernels(
  { opType: 'ReduceSum', init: (t) => (t === 'int64' || t === 'uint64' ? 0n : 0), float: (a, x) => a + x, big: (a, x) => a + x },
  13,
);
