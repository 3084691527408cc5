import { LimitError } from '../errors';
import type { Graph } from '../graph/graph';
import type { Model } from '../graph/model';
import { subgraphsOf } from '../graph/subgraphs';
import type { Registry } from '../plugin/registry';
import { quoteName } from '../text/escape';
import { DEFAULT_MAX_NESTING, DEFAULT_MAX_NODES, type GraphLimits } from './limits';
import { ModelCheckError, type ModelProblem } from './model-check-error';
import { nodeLabel } from './node-label';
import { checkAcyclic } from './rules/acyclic';
import { checkDefinedValues } from './rules/defined-values';
import { checkKnownOps, SchemaLookup } from './rules/known-ops';
import { checkSingleAssignment } from './rules/single-assignment';
import { graphLabel, type GraphCheck, NameScope } from './scope';

export interface CheckModelOptions extends GraphLimits {
  /** Stop collecting after this many problems (default 20). */
  maxProblems?: number;
  /** The file the model came from, for messages. */
  file?: string;
}

/** Counts nodes and nesting depth without recursion, failing fast when a limit is passed. */
function checkSize(model: Model, options: CheckModelOptions): void {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const maxNesting = options.maxNesting ?? DEFAULT_MAX_NESTING;
  const at = options.file ? `${options.file}: ` : '';
  let nodes = 0;
  const stack: [Graph, number][] = [[model.graph, 0]];
  while (stack.length) {
    const [g, depth] = stack.pop()!;
    if (depth > maxNesting) {
      throw new LimitError('maxNesting', `${at}subgraphs are nested ${depth} deep (${graphLabel(g)}); the limit is maxNesting = ${maxNesting} (raise it in the load options)`);
    }
    nodes += g.nodes.length;
    if (nodes > maxNodes) {
      throw new LimitError('maxNodes', `${at}the model has more than ${maxNodes} nodes; the limit is maxNodes = ${maxNodes} (raise it in the load options)`);
    }
    for (const n of g.nodes) for (const { graph } of subgraphsOf(n)) stack.push([graph, depth + 1]);
  }
}

/**
 * Every problem the model checker finds, in graph order (at most `maxProblems`): the ONNX
 * checker's structural rules that matter to scanflow — single static assignment, no dangling
 * names, no cycles, distinct graph outputs, ops known for the declared opsets with the right
 * number of inputs and outputs and valid attributes, and each op's own rules (Scan's body and
 * attributes agree). Throws a LimitError first if the model is too large or too deeply nested.
 */
export function findModelProblems(model: Model, registry: Registry, options: CheckModelOptions = {}): ModelProblem[] {
  checkSize(model, options);
  const max = options.maxProblems ?? 20;
  const problems: ModelProblem[] = [];
  const lookup = new SchemaLookup(model, registry);
  const visit = (graph: Graph, where: string, scope: NameScope, depth: number): void => {
    const check: GraphCheck = {
      graph,
      where,
      scope,
      depth,
      report: (rule, message) => {
        if (problems.length < max) problems.push({ rule, message });
      },
    };
    checkSingleAssignment(check);
    checkDefinedValues(check);
    checkAcyclic(check);
    checkKnownOps(check, lookup);
    // As in ONNX's checker, a subgraph sees (and may not redefine) the names defined before its node.
    const before = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.initializers.keys(), ...graph.sparseInitializers.keys()]);
    graph.nodes.forEach((n, k) => {
      const subs = subgraphsOf(n);
      if (subs.length) {
        const outerBefore = [...scope.outerBefore, new Set(before)];
        for (const { attribute, graph: sub } of subs) {
          if (problems.length >= max) return;
          visit(sub, `${where} > ${nodeLabel(n, k)} attribute ${quoteName(attribute)} > ${graphLabel(sub)}`, new NameScope(scope, outerBefore), depth + 1);
        }
      }
      for (const o of n.outputs) if (o) before.add(o);
    });
  };
  visit(model.graph, graphLabel(model.graph), new NameScope(), 0);
  return problems;
}

/** Runs the model checker; throws a ModelCheckError naming the first problem (see findModelProblems). */
export function checkModel(model: Model, registry: Registry, options: CheckModelOptions = {}): Model {
  const problems = findModelProblems(model, registry, options);
  if (problems.length) throw new ModelCheckError(problems, options.file);
  return model;
}
