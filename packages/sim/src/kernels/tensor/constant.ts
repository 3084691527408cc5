import { type Attribute, Tensor } from '@scanflow/ir';
import { defineKernel } from '../../kernel';

const VALUE_ATTRS = ['value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings', 'sparse_value'];

function tensorOf(name: string, a: Attribute): Tensor | string {
  switch (`${name}:${a.type}`) {
    case 'value:tensor':
      return a.value as Tensor;
    case 'value_float:float':
      return new Tensor('float32', [], Float32Array.of(a.value as number));
    case 'value_floats:floats':
      return new Tensor('float32', [(a.value as number[]).length], Float32Array.from(a.value as number[]));
    case 'value_int:int':
      return new Tensor('int64', [], BigInt64Array.of(a.value as bigint));
    case 'value_ints:ints':
      return new Tensor('int64', [(a.value as bigint[]).length], BigInt64Array.from(a.value as bigint[]));
    case 'value_string:string':
      return new Tensor('string', [], [a.value as string]);
    case 'value_strings:strings':
      return new Tensor('string', [(a.value as string[]).length], [...(a.value as string[])]);
    case 'sparse_value:tensor':
      return 'sparse tensors (sparse_value) are not supported';
    default:
      return `attribute '${name}' has the wrong kind (${a.type})`;
  }
}

/**
 * Constant: the tensor given by exactly one of value, value_float(s), value_int(s) (int64),
 * value_string(s). Built once; every run returns the same (never mutated) tensor.
 */
export default defineKernel({
  domain: '',
  opType: 'Constant',
  create: (node, ctx) => {
    const present = VALUE_ATTRS.filter((k) => node.attributes.has(k));
    if (present.length !== 1) ctx.fail(`needs exactly one of ${VALUE_ATTRS.join(', ')}; got ${present.length ? present.join(', ') : 'none'}`);
    const t = tensorOf(present[0], node.attributes.get(present[0])!);
    if (typeof t === 'string') return ctx.fail(t);
    return () => [t];
  },
});
