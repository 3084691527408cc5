import { type DataType, findModelProblems, type Graph, type Model, quoteName, type Registry, subgraphsOf, type Tensor } from '@scanflow/ir';

/** One way a model breaks the rules the structural verifier enforces between passes. */
export interface StructureProblem {
  /** `single-assignment`, `op-arity`, `op-attributes`, `topological-order`, `datatype`, ... */
  rule: string;
  message: string;
}

const MAX_PROBLEMS = 20;

function label(graph: Graph, where: string): string {
  return where || `graph ${quoteName(graph.name)}`;
}

/**
 * Nodes are listed in topological order: every name a node reads (directly, or from inside its
 * subgraphs) is a graph input, an initializer, an earlier node's output, or visible from an
 * enclosing graph at the node holding this one. The model checker only asks for no cycles; between
 * passes we ask for the order ONNX files must have, so a pass that appends a node before its producer
 * is caught where it happens.
 */
function orderProblems(graph: Graph, outer: ReadonlySet<string>, where: string, out: StructureProblem[]): void {
  const available = new Set<string>(outer);
  for (const i of graph.inputs) available.add(i.name);
  for (const k of graph.initializers.keys()) available.add(k);
  for (const k of graph.sparseInitializers.keys()) available.add(k);
  const own = new Set<string>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) own.add(o);
  graph.nodes.forEach((n, k) => {
    for (const i of n.inputs) {
      if (i && own.has(i) && !available.has(i) && out.length < MAX_PROBLEMS) {
        out.push({ rule: 'topological-order', message: `${label(graph, where)}: node #${k} ${quoteName(n.name || n.opType)} (${n.opType}) reads ${quoteName(i)} before the node that produces it` });
      }
    }
    for (const { attribute, graph: sub } of subgraphsOf(n)) orderProblems(sub, available, `${label(graph, where)} > node ${quoteName(n.name || n.opType)} attribute ${quoteName(attribute)}`, out);
    for (const o of n.outputs) if (o) available.add(o);
  });
}

function valuesOutside(t: Tensor, dt: DataType): number | undefined {
  const d = t.data;
  if (Array.isArray(d)) return undefined;
  for (let i = 0; i < d.length; i++) {
    const v = Number(d[i]);
    if (!dt.allowed(v)) return v;
  }
  return undefined;
}

/**
 * Datatype annotations say something true: each annotated name is a value of its graph (an input,
 * initializer or node output — not a name a pass removed), and an annotated initializer holds only
 * values of its datatype (e.g. an INT4 weight stays within [-8, 7]).
 */
function datatypeProblems(graph: Graph, where: string, out: StructureProblem[]): void {
  const here = label(graph, where);
  const defined = new Set<string>();
  for (const i of graph.inputs) defined.add(i.name);
  for (const o of graph.outputs) defined.add(o.name);
  for (const k of graph.initializers.keys()) defined.add(k);
  for (const k of graph.sparseInitializers.keys()) defined.add(k);
  for (const n of graph.nodes) for (const o of n.outputs) if (o) defined.add(o);
  for (const [name, a] of graph.annotations) {
    if (out.length >= MAX_PROBLEMS) return;
    const dt = a.datatype;
    if (!dt) continue;
    if (!defined.has(name)) {
      out.push({ rule: 'datatype', message: `${here}: datatype ${dt.name} is annotated on ${quoteName(name)}, which is no value of the graph` });
      continue;
    }
    const init = graph.initializers.get(name);
    if (!init || dt.kind === 'FLOAT' || dt.kind === 'SCALEDINT') continue;
    const bad = valuesOutside(init, dt);
    if (bad !== undefined) out.push({ rule: 'datatype', message: `${here}: initializer ${quoteName(name)} is annotated ${dt.name} but holds ${bad}` });
  }
  for (const n of graph.nodes) for (const { attribute, graph: sub } of subgraphsOf(n)) datatypeProblems(sub, `${here} > node ${quoteName(n.name || n.opType)} attribute ${quoteName(attribute)}`, out);
}

/**
 * Every structural problem of `model` (at most 20): the model checker's rules (single definition,
 * defined values, no cycles, known ops with the right input / output counts and schema attributes,
 * each op's own check), nodes in topological order, and annotated datatypes that hold.
 */
export function findStructureProblems(model: Model, registry: Registry): StructureProblem[] {
  const out: StructureProblem[] = findModelProblems(model, registry, { maxProblems: MAX_PROBLEMS, maxNodes: Number.MAX_SAFE_INTEGER, maxNesting: Number.MAX_SAFE_INTEGER }).map((p) => ({ rule: p.rule, message: p.message }));
  if (out.length < MAX_PROBLEMS) orderProblems(model.graph, new Set(), '', out);
  if (out.length < MAX_PROBLEMS) datatypeProblems(model.graph, '', out);
  return out.slice(0, MAX_PROBLEMS);
}
