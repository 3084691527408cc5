import { normalizeDomain } from './node';
import type { Graph } from './graph';
import type { Node } from './node';

/** A model-local function (FunctionProto), kept so that models using them load and save intact. */
export interface ModelFunction {
  name: string;
  domain: string;
  overload?: string;
  inputs: string[];
  outputs: string[];
  attributeNames: string[];
  nodes: Node[];
  opsetImports: Map<string, number>;
  docString?: string;
  /** Raw FunctionProto fields the IR does not interpret (attribute_proto, value_info, metadata_props). */
  extra?: Record<string, unknown>;
}

/** A whole model: the main graph plus the opset versions it was written against. */
export class Model {
  graph: Graph;
  irVersion: number;
  /** Domain ('' for ONNX) → opset version. */
  opsetImports: Map<string, number>;
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  metadataProps: [string, string][];
  functions: ModelFunction[];
  /** opset_import entries as written in the file (domain spelling kept), for faithful saving. */
  rawOpsetImports?: [string, number][];

  constructor(graph: Graph, init: Partial<Omit<Model, 'graph' | 'opsetVersion'>> = {}) {
    this.graph = graph;
    this.irVersion = init.irVersion ?? 8;
    this.opsetImports = init.opsetImports ?? new Map([['', 17]]);
    this.metadataProps = init.metadataProps ?? [];
    this.functions = init.functions ?? [];
    for (const k of ['producerName', 'producerVersion', 'domain', 'modelVersion', 'docString', 'rawOpsetImports'] as const) {
      if (init[k] !== undefined) (this as Record<string, unknown>)[k] = init[k];
    }
  }

  /** The opset version in force for `domain` (aliases normalised); custom domains not imported default to 1. */
  opsetVersion(domain: string): number {
    const d = normalizeDomain(domain);
    for (const [k, v] of this.opsetImports) if (normalizeDomain(k) === d) return v;
    return d === '' ? 1 : 1;
  }
}
