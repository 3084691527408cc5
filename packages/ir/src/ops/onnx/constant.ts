import type { Node } from '../../graph/node';
import { Tensor } from '../../tensor/tensor';
import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { tensorOf } from './shape-helpers';

/** The value a Constant node holds, from whichever of its attributes is set. */
export function constantValue(node: Node): Tensor | undefined {
  for (const [name, a] of node.attributes) {
    switch (name) {
      case 'value':
        if (a.type === 'tensor') return a.value;
        break;
      case 'value_float':
        if (a.type === 'float') return Tensor.float32([], [a.value]);
        break;
      case 'value_floats':
        if (a.type === 'floats') return Tensor.float32([a.value.length], a.value);
        break;
      case 'value_int':
        if (a.type === 'int') return Tensor.int64([], [a.value]);
        break;
      case 'value_ints':
        if (a.type === 'ints') return Tensor.int64([a.value.length], a.value);
        break;
      case 'value_string':
        if (a.type === 'string') return new Tensor('string', [], [a.value]);
        break;
      case 'value_strings':
        if (a.type === 'strings') return new Tensor('string', [a.value.length], [...a.value]);
        break;
    }
  }
  return undefined;
}

const VALUE_ATTRS = ['value', 'sparse_value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings'];

function constantOp(since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = { value: { type: 'tensor', description: 'The constant tensor.' } };
  if (since >= 11) attributes.sparse_value = { type: 'tensor', description: 'A sparse constant (not interpreted by shape inference).' };
  if (since >= 12) {
    attributes.value_float = { type: 'float' };
    attributes.value_floats = { type: 'floats' };
    attributes.value_int = { type: 'int' };
    attributes.value_ints = { type: 'ints' };
    attributes.value_string = { type: 'string' };
    attributes.value_strings = { type: 'strings' };
  }
  return defineOp({
    domain: '',
    opType: 'Constant',
    since,
    inputs: [0, 0],
    outputs: [1, 1],
    description: 'Produces the tensor given by exactly one of its value attributes.',
    attributes,
    inferTypes(ctx) {
      const set = VALUE_ATTRS.filter((n) => ctx.node.attributes.has(n));
      if (set.length !== 1) ctx.fail(`Constant: expected exactly one value attribute, got ${set.length ? set.join(', ') : 'none'}`);
      const v = constantValue(ctx.node);
      return [v ? tensorOf(v.elemType, [...v.dims]) : undefined];
    },
    inferValues: (ctx) => [constantValue(ctx.node)],
  });
}

/** Constant: `value` (opset 1), `sparse_value` (11), value_float(s)/int(s)/string(s) (12). */
export const constantOps: OpSchema[] = [constantOp(1), constantOp(11), constantOp(12)];
