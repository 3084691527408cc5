import { allocData, Tensor } from '@scanflow/ir';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { requireInputs } from '../../helpers/binary-kernel';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/**
 * Where (opset 9+): condition ? X : Y elementwise, the three inputs broadcast together. Elements are
 * copied as stored, so every element type works.
 */
export default defineKernel({
  domain: '',
  opType: 'Where',
  since: 9,
  create: (node) => (inputs) => {
    const [c, x, y] = requireInputs(inputs, 3, node);
    if (c.elemType !== 'bool') throw new SimulationError(`node ${node.label}: condition must be bool, got ${c.elemType}`);
    if (x.elemType !== y.elemType) throw new SimulationError(`node ${node.label}: X and Y must have the same element type, got ${x.elemType} and ${y.elemType}`);
    const shape = broadcastShapes([c.dims, x.dims, y.dims], `node ${node.label}`);
    const n = sizeOf(shape);
    const ic = broadcastIndex(c.dims, shape);
    const ix = broadcastIndex(x.dims, shape);
    const iy = broadcastIndex(y.dims, shape);
    const cd = c.data as Uint8Array;
    const xd = x.data as any;
    const yd = y.data as any;
    const out = allocData(x.elemType, n) as any;
    for (let k = 0; k < n; k++) out[k] = cd[ic ? ic[k] : k] ? xd[ix ? ix[k] : k] : yd[iy ? iy[k] : k];
    return [new Tensor(x.elemType, shape, out)];
  },
});
