import { DEFAULT_MAX_TENSOR_ELEMENTS, Graph, type ConstantEvaluator, Model, type Node, type Registry, type Tensor } from '@scanflow/ir';
import type { RunContext } from './kernel';
import { SimulationError } from './errors';
import { OutputGuard } from './plan/element-guard';
import { GraphPlan } from './plan/compile-graph';

export interface ConstantEvaluatorOptions {
  /**
   * Largest result (elements) the evaluator computes (default DEFAULT_MAX_TENSOR_ELEMENTS): a node
   * whose output would be larger throws a LimitError before anything is allocated.
   */
  maxTensorElements?: number;
}

/**
 * A ConstantEvaluator backed by the simulator's kernels: runs one node on known inputs. Passed to
 * shape inference and to the fold-constants pass, which may not import the simulator themselves.
 */
export function createConstantEvaluator(registry: Registry, options: ConstantEvaluatorOptions = {}): ConstantEvaluator {
  const max = options.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS;
  return (node: Node, inputs: (Tensor | undefined)[], opset: number): Tensor[] | undefined => {
    const def = registry.find('kernels', node.domain, node.opType, opset);
    if (!def) return undefined;
    const graph = new Graph({ name: 'constant', nodes: [node] });
    const guard = new OutputGuard(node, registry.find('ops', node.domain, node.opType, opset), opset, graph, () => `constant folding of node ${node.label}`);
    guard.check(inputs, max);
    const model = new Model(graph, { opsetImports: new Map([[node.domain, opset]]) });
    const kernel = def.create(node, {
      node,
      opset,
      graph,
      model,
      registry,
      compileSubgraph: (body) => new GraphPlan(body, { model, registry, maxTensorElements: max }),
      dataTypeOf: () => undefined,
      isConstantInput: () => false,
      fail: (message) => {
        throw new SimulationError(`node ${node.label}: ${message}`);
      },
    });
    const run: RunContext = { lookup: () => undefined, path: '' };
    const out = kernel(inputs, run);
    guard.checkProduced(out, max);
    return out.every((t) => t !== undefined) ? (out as Tensor[]) : undefined;
  };
}
