import { broadcastIndex, broadcastShapes } from '../../helpers/broadcast';
import { requireInputs } from '../../helpers/binary-kernel';
import { readIntList } from '../../helpers/int-input';
import { takeElements } from '../../helpers/take';
import { defineKernel } from '../../kernel';

/** Expand (opset 8+): broadcasts the input with `shape` (both ways: a 1 in `shape` keeps the input's dimension). */
export default defineKernel({
  domain: '',
  opType: 'Expand',
  since: 8,
  create: (node) => (inputs) => {
    const [x, s] = requireInputs(inputs, 2, node);
    const shape = broadcastShapes([x.dims, readIntList(s, `node ${node.label}: shape`)], `node ${node.label}`);
    const idx = broadcastIndex(x.dims, shape);
    return [idx ? takeElements(x, idx, shape) : x.reshape(shape)];
  },
});
