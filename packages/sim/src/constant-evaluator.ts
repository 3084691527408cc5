import { Graph, type ConstantEvaluator, Model, type Node, type Registry, type Tensor } from '@scanflow/ir';
import type { RunContext } from './kernel';
import { SimulationError } from './errors';
import { GraphPlan } from './plan/compile-graph';

/**
 * A ConstantEvaluator backed by the simulator's kernels: runs one node on known inputs. Passed to
 * shape inference and to the fold-constants pass, which may not import the simulator themselves.
 */
export function createConstantEvaluator(registry: Registry): ConstantEvaluator {
  return (node: Node, inputs: (Tensor | undefined)[], opset: number): Tensor[] | undefined => {
    const def = registry.find('kernels', node.domain, node.opType, opset);
    if (!def) return undefined;
    const graph = new Graph({ name: 'constant', nodes: [node] });
    const model = new Model(graph, { opsetImports: new Map([[node.domain, opset]]) });
    const kernel = def.create(node, {
      node,
      opset,
      graph,
      model,
      registry,
      compileSubgraph: (body) => new GraphPlan(body, { model, registry }),
      dataTypeOf: () => undefined,
      isConstantInput: () => false,
      fail: (message) => {
        throw new SimulationError(`node ${node.label}: ${message}`);
      },
    });
    const run: RunContext = { lookup: () => undefined, path: '' };
    const out = kernel(inputs, run);
    return out.every((t) => t !== undefined) ? (out as Tensor[]) : undefined;
  };
}
