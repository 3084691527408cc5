import { stridesOf } from '../../helpers/broadcast';
import { requireInputs } from '../../helpers/binary-kernel';
import { readIntList } from '../../helpers/int-input';
import { mappedIndex, takeElements } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Tile (opset 6+): repeats the input `repeats[a]` times along every axis a. */
export default defineKernel({
  domain: '',
  opType: 'Tile',
  since: 6,
  create: (node) => (inputs) => {
    const [x, rep] = requireInputs(inputs, 2, node);
    const repeats = readIntList(rep, `node ${node.label}: repeats`);
    if (repeats.length !== x.rank || repeats.some((r) => r < 0)) {
      throw new SimulationError(`node ${node.label}: repeats [${repeats.join(', ')}] must hold ${x.rank} non-negative values for input [${x.dims.join(', ')}]`);
    }
    const outDims = x.dims.map((d, a) => d * repeats[a]);
    const maps = outDims.map((n, a) => Int32Array.from({ length: n }, (_, o) => o % x.dims[a]));
    return [takeElements(x, mappedIndex(maps, stridesOf(x.dims)), outDims)];
  },
});
