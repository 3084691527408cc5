import { type AttributeInput, createRegistry, type ElemType, GraphBuilder, Tensor } from '@scanflow/ir';
import { coreKernels } from '../../core-kernels';
import { Simulator } from '../../simulator';

/** For the elementwise / tensor kernel tests: runs one node (`undefined` = omitted input) and returns its outputs. */
export function run(
  opType: string,
  inputs: (Tensor | undefined)[],
  attrs: Record<string, AttributeInput | undefined> = {},
  options: { opset?: number; outputs?: number } = {},
): Tensor[] {
  const b = new GraphBuilder('test');
  const names = inputs.map((t, i) => (t ? b.input(`in${i}`, t.elemType, [...t.dims]) : undefined));
  const outs = b.node(opType, names, attrs, { outputCount: options.outputs ?? 1, name: 'n' });
  for (const o of outs) b.output(o);
  const sim = new Simulator(b.model({ opset: options.opset ?? 21 }), { registry: createRegistry([coreKernels()]) });
  return sim.run(inputs.filter((t): t is Tensor => !!t)).outputs;
}

/** Runs a single-output node. */
export function run1(opType: string, inputs: (Tensor | undefined)[], attrs: Record<string, AttributeInput | undefined> = {}, opset?: number): Tensor {
  return run(opType, inputs, attrs, { opset })[0];
}

/** A tensor of any element type from numbers (bigints for 64-bit integer types are made from them). */
export function t(type: ElemType, dims: number[], values: (number | bigint | string)[]): Tensor {
  const x = Tensor.zeros(type, dims);
  const d = x.data as any;
  values.forEach((v, i) => {
    d[i] = type === 'int64' || type === 'uint64' ? BigInt(v) : v;
  });
  if (values.length !== d.length) throw new Error(`t(): ${values.length} values for shape [${dims}]`);
  return x;
}

export const f32 = (dims: number[], values: number[]): Tensor => t('float32', dims, values);
export const i64 = (values: (number | bigint)[], dims = [values.length]): Tensor => t('int64', dims, values);

/** The elements as stored (bigints stay bigints, bit-pattern floats stay bits). */
export function data(x: Tensor): (number | bigint | string)[] {
  return Array.from(x.data as ArrayLike<number | bigint | string>);
}
