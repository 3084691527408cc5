import {
  formatValueType,
  type Graph,
  inferTypes,
  type Model,
  type Registry,
  ScanflowError,
  subgraphsOf,
  type ValueType,
} from '@scanflow/ir';
import type { CliIO } from '../io';
import { loadCheckedModel, type LoadOptions } from '../load-model';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../compose/full-registry';

export interface ValueSummary {
  name: string;
  type: string;
  datatype?: string;
}

export interface GraphSummary {
  name: string;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  initializers: number;
  parameters: number;
  nodes: number;
  ops: Record<string, number>;
  /** Subgraphs held by nodes (Scan bodies ...), by node name and attribute. */
  subgraphs: { node: string; opType: string; attribute: string; graph: GraphSummary }[];
  /** Values annotated with a QONNX datatype, by datatype name. */
  datatypes: Record<string, number>;
}

export interface ModelSummary {
  file: string;
  irVersion: number;
  opsets: Record<string, number>;
  producer?: string;
  graph: GraphSummary;
  /** Set when shape inference could not complete; the summary then shows declared types only. */
  inferenceError?: string;
}

function value(graph: Graph, name: string, type: ValueType | undefined): ValueSummary {
  const dt = graph.getDataType(name);
  return { name, type: formatValueType(type), ...(dt ? { datatype: dt.name } : {}) };
}

/** A structural summary of a graph and its subgraphs. */
export function summarizeGraph(graph: Graph): GraphSummary {
  const ops: Record<string, number> = {};
  for (const n of graph.nodes) ops[n.qualifiedType] = (ops[n.qualifiedType] ?? 0) + 1;
  const datatypes: Record<string, number> = {};
  for (const a of graph.annotations.values()) if (a.datatype) datatypes[a.datatype.name] = (datatypes[a.datatype.name] ?? 0) + 1;
  let parameters = 0;
  for (const t of graph.initializers.values()) parameters += t.size;
  return {
    name: graph.name,
    inputs: graph.runtimeInputs.map((i) => value(graph, i.name, i.type)),
    outputs: graph.outputs.map((o) => value(graph, o.name, o.type ?? graph.typeOf(o.name))),
    initializers: graph.initializers.size,
    parameters,
    nodes: graph.nodes.length,
    ops: Object.fromEntries(Object.entries(ops).sort(([a, x], [b, y]) => y - x || a.localeCompare(b))),
    subgraphs: graph.nodes.flatMap((n) => subgraphsOf(n).map(({ attribute, graph: g }) => ({ node: n.name, opType: n.opType, attribute, graph: summarizeGraph(g) }))),
    datatypes,
  };
}

export function summarizeModel(model: Model, file: string, registry: Registry = fullRegistry()): ModelSummary {
  let inferenceError: string | undefined;
  try {
    inferTypes(model, registry);
  } catch (e) {
    if (!(e instanceof ScanflowError)) throw e;
    inferenceError = e.message;
  }
  return {
    file,
    irVersion: model.irVersion,
    opsets: Object.fromEntries([...model.opsetImports].map(([d, v]) => [d || 'ai.onnx', v])),
    ...(model.producerName ? { producer: `${model.producerName} ${model.producerVersion ?? ''}`.trim() } : {}),
    graph: summarizeGraph(model.graph),
    ...(inferenceError ? { inferenceError } : {}),
  };
}

function printGraph(g: GraphSummary, io: CliIO, indent: string): void {
  io.out(`${indent}graph '${g.name}': ${g.inputs.length} input(s), ${g.outputs.length} output(s), ${g.nodes} node(s), ${g.initializers} initializer(s) holding ${g.parameters.toLocaleString('en-US')} value(s)`);
  const fmt = (v: ValueSummary): string => `${indent}  ${v.name}: ${v.type}${v.datatype ? `  (${v.datatype})` : ''}`;
  io.out(`${indent}inputs:`);
  g.inputs.forEach((v) => io.out(fmt(v)));
  io.out(`${indent}outputs:`);
  g.outputs.forEach((v) => io.out(fmt(v)));
  io.out(`${indent}ops: ${Object.entries(g.ops).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`);
  const dts = Object.entries(g.datatypes);
  if (dts.length) io.out(`${indent}datatypes: ${dts.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  for (const s of g.subgraphs) {
    io.out(`${indent}${s.opType} '${s.node}' attribute '${s.attribute}':`);
    printGraph(s.graph, io, `${indent}    `);
  }
}

/** `scanflow inspect MODEL`: graph summary with types and QONNX datatypes (of a model that passes the model checker). */
export function inspectCommand(modelPath: string, options: { json?: boolean } & LoadOptions & CommandContext, io: CliIO): void {
  const registry = options.registry ?? fullRegistry();
  const summary = summarizeModel(loadCheckedModel(modelPath, registry, options), modelPath, registry);
  if (options.json) {
    io.out(JSON.stringify(summary, null, 2));
    return;
  }
  io.out(`${summary.file}: IR version ${summary.irVersion}, opsets ${Object.entries(summary.opsets).map(([d, v]) => `${d} ${v}`).join(', ')}${summary.producer ? `, produced by ${summary.producer}` : ''}`);
  if (summary.inferenceError) io.out(`note: shape inference stopped: ${summary.inferenceError}`);
  printGraph(summary.graph, io, '');
}
