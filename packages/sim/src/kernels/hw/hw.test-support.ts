import { type AttributeInput, createRegistry, coreOps, type DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { coreKernels } from '../../core-kernels';
import { Simulator } from '../../simulator';

/** For tests: one input of a hardware-layer node, a stream (graph input) or a constant (initializer). */
export type HwOperand = Tensor | { constant: Tensor } | undefined;

/**
 * Runs one scanflow.hw node (streams as graph inputs, constants as initializers) with the core ops
 * and kernels; datatypes (by operand position, then output) are annotated when given, and then
 * checked while running.
 */
export function runHw(
  opType: string,
  operands: HwOperand[],
  attrs: Record<string, AttributeInput | undefined> = {},
  options: { outputs?: number; name?: string; dataTypes?: { inputs?: (DataType | undefined)[]; outputs?: DataType[] } } = {},
): Tensor[] {
  const b = new GraphBuilder('hw_test');
  const streams: Tensor[] = [];
  const names = operands.map((o, i) => {
    if (!o) return undefined;
    const dt = options.dataTypes?.inputs?.[i];
    if (o instanceof Tensor) {
      streams.push(o);
      return b.input(`in${i}`, o.elemType, [...o.dims], dt);
    }
    return b.initializer(`c${i}`, o.constant, dt);
  });
  const outs = b.node(opType, names, attrs, { domain: HW_DOMAIN, name: options.name ?? 'layer', outputCount: options.outputs ?? 1 });
  outs.forEach((o, k) => {
    const dt = options.dataTypes?.outputs?.[k];
    if (dt) b.graph.setDataType(o, dt);
    b.output(o);
  });
  const model = b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1 } });
  const sim = new Simulator(model, { registry: createRegistry([coreOps(), coreKernels()]), checkDataTypes: true });
  return sim.run(streams).outputs;
}

/** The elements of a tensor as plain numbers. */
export function values(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<number>, Number);
}
