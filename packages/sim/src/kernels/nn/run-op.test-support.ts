import { type AttributeInput, createRegistry, GraphBuilder, type Tensor } from '@scanflow/ir';
import { coreKernels } from '../../core-kernels';
import { Simulator } from '../../simulator';

/** For tests: runs one node (inputs as graph inputs, `undefined` = omitted) and returns its outputs. */
export function runOp(
  opType: string,
  inputs: (Tensor | undefined)[],
  attrs: Record<string, AttributeInput | undefined> = {},
  options: { opset?: number; domain?: string; outputs?: number } = {},
): Tensor[] {
  const b = new GraphBuilder('test');
  const names = inputs.map((t, i) => (t ? b.input(`in${i}`, t.elemType, [...t.dims]) : undefined));
  const outs = b.node(opType, names, attrs, { domain: options.domain ?? '', outputCount: options.outputs ?? 1 });
  for (const o of outs) b.output(o);
  const domain = options.domain ?? '';
  const model = b.model(domain ? { opset: 17, opsets: { [domain]: options.opset ?? 1 } } : { opset: options.opset ?? 17 });
  const sim = new Simulator(model, { registry: createRegistry([coreKernels()]) });
  return sim.run(inputs.filter((t): t is Tensor => !!t)).outputs;
}

/** The elements of a tensor as plain numbers (bigints converted). */
export function values(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<number | bigint>, Number);
}
