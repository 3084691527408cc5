import { attrInt, attrInts, hasAttr, type Node, type Tensor } from '@scanflow/ir';
import { fmtShape, readIntList } from '../../helpers/int-input';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/**
 * The output shape of Reshape: 0 copies the input dimension at the same index (unless allowzero = 1,
 * where 0 is a real zero), one -1 is inferred from the element count.
 */
export function reshapeDims(node: Node, input: readonly number[], shape: readonly number[], allowZero: boolean): number[] {
  const n = input.reduce((a, b) => a * b, 1);
  const fail = (why: string): never => {
    throw new SimulationError(`node ${node.label}: cannot reshape ${n} elements [${input.join(', ')}] to ${fmtShape(shape)}: ${why}`);
  };
  let infer = -1;
  let known = 1;
  const out = shape.map((d, i) => {
    if (d === -1) {
      if (infer >= 0) fail('more than one -1');
      infer = i;
      return -1;
    }
    if (d === 0 && !allowZero) {
      if (i >= input.length) fail(`0 at index ${i} copies a dimension the input does not have`);
      known *= input[i];
      return input[i];
    }
    if (d < 0) fail(`dimension ${d} is negative`);
    known *= d;
    return d;
  });
  if (infer >= 0) {
    if (allowZero && shape.includes(0)) fail('allowzero = 1 forbids 0 together with -1');
    if (known === 0 || n % known !== 0) fail(`${n} is not a multiple of ${known}`);
    out[infer] = n / known;
  } else if (known !== n) {
    fail(`the target has ${known} elements`);
  }
  return out;
}

/**
 * Reshape: the shape comes from the second input (opset 5+) or the `shape` attribute (opset 1–4);
 * `allowzero` from opset 14. The data is shared, not copied.
 */
export default defineKernel({
  domain: '',
  opType: 'Reshape',
  create: (node) => {
    const allowZero = attrInt(node, 'allowzero', 0) !== 0;
    const attrShape = hasAttr(node, 'shape') ? attrInts(node, 'shape') : undefined;
    return (inputs) => {
      const x = inputs[0];
      if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const s = inputs[1];
      const shape = s ? readIntList(s, `node ${node.label}: shape`) : attrShape;
      if (!shape) throw new SimulationError(`node ${node.label}: the target shape is missing (second input)`);
      return [(x as Tensor).reshape(reshapeDims(node, x.dims, shape, allowZero))];
    };
  },
});
