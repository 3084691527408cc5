import { type Attribute, forEachGraph, type Model, type ModelFunction, type Node, type ValueInfo } from '@scanflow/ir';
import type { ExternalDataSink } from './context';
import { guarded } from './decode-model';
import { encodeAttribute } from './encode-attribute';
import { encodeGraph, encodeNode, encodeValueInfo } from './encode-graph';
import { encodeOpsetImports } from './opset-imports';
import { entryProtos, type FunctionProto, type ModelProto, onnx } from './proto';

export interface EncodeModelOptions {
  /**
   * Where large initializers go instead of raw_data (see ExternalDataWriter). Off by default: every
   * tensor is written inline. saveModel sets this up for a file beside the model.
   */
  externalData?: ExternalDataSink;
}

function domainsOf(nodes: readonly Node[], out: Set<string>): Set<string> {
  for (const n of nodes) out.add(n.domain);
  return out;
}

function usedDomains(model: Model): Set<string> {
  const out = new Set<string>();
  forEachGraph(model.graph, (g) => domainsOf(g.nodes, out));
  return out;
}

function arrayExtra<T>(fn: ModelFunction, key: string): T[] | undefined {
  const v = fn.extra?.[key];
  return Array.isArray(v) ? (v as T[]) : undefined;
}

function encodeFunction(fn: ModelFunction): FunctionProto {
  const used = domainsOf(fn.nodes, new Set());
  const p: FunctionProto = {
    name: fn.name,
    input: [...fn.inputs],
    output: [...fn.outputs],
    attribute: [...fn.attributeNames],
    attributeProto: (arrayExtra<[string, Attribute]>(fn, 'attributeProto') ?? []).map(([name, a]) => encodeAttribute(name, a, (g) => encodeGraph(g))),
    node: fn.nodes.map((n) => encodeNode(n)),
    opsetImport: encodeOpsetImports(fn.opsetImports, arrayExtra<[string, number]>(fn, 'rawOpsetImports'), used),
    valueInfo: (arrayExtra<ValueInfo>(fn, 'valueInfo') ?? []).map(encodeValueInfo),
    metadataProps: entryProtos(arrayExtra<[string, string]>(fn, 'metadataProps')),
  };
  if (fn.domain) p.domain = fn.domain;
  if (fn.overload !== undefined) p.overload = fn.overload;
  if (fn.docString !== undefined) p.docString = fn.docString;
  return p;
}

/** IR Model → ModelProto message (plain object for protobufjs). */
export function modelToProto(model: Model, sink?: ExternalDataSink): ModelProto {
  const p: ModelProto = {
    irVersion: model.irVersion,
    opsetImport: encodeOpsetImports(model.opsetImports, model.rawOpsetImports, usedDomains(model)),
    graph: encodeGraph(model.graph, sink),
    metadataProps: entryProtos(model.metadataProps),
    functions: model.functions.map(encodeFunction),
  };
  if (model.producerName !== undefined) p.producerName = model.producerName;
  if (model.producerVersion !== undefined) p.producerVersion = model.producerVersion;
  if (model.domain !== undefined) p.domain = model.domain;
  if (model.modelVersion !== undefined) p.modelVersion = model.modelVersion;
  if (model.docString !== undefined) p.docString = model.docString;
  return p;
}

/** IR Model → ONNX ModelProto bytes. Deterministic: the same model always gives the same bytes. */
export function encodeModel(model: Model, options: EncodeModelOptions = {}): Uint8Array {
  return guarded('model', 'could not encode the model', () => onnx.ModelProto.encode(modelToProto(model, options.externalData)).finish());
}
