import { attrString } from '@scanflow/ir';
import { binaryKernels } from '../../helpers/binary-kernel';
import { defineKernel } from '../../kernel';

// Shifts by the element width or more give 0 (JS would take the count modulo 32).
const [left] = binaryKernels({
  opType: 'BitShift',
  since: 11,
  int: (x, y) => (y >= 32 ? 0 : x << y),
  big: (x, y) => (y >= 64n ? 0n : x << y),
});
const [right] = binaryKernels({
  opType: 'BitShift',
  since: 11,
  int: (x, y) => (y >= 32 ? 0 : x >>> y),
  big: (x, y) => x >> y,
});

/** BitShift (opset 11+) on unsigned integers; `direction` is LEFT or RIGHT; bits shifted out are lost. */
export default defineKernel({
  domain: '',
  opType: 'BitShift',
  since: 11,
  create: (node, ctx) => {
    const dir = attrString(node, 'direction');
    if (dir !== 'LEFT' && dir !== 'RIGHT') ctx.fail(`attribute 'direction' must be LEFT or RIGHT, got '${dir}'`);
    return (dir === 'LEFT' ? left : right).create(node, ctx);
  },
});
