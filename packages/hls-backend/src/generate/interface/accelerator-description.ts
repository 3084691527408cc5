import { type Attribute, type Graph, type Node, normalizeDomain, type Tensor, toNumbers, topologicalOrder } from '@scanflow/ir';
import { HlsCodegenError } from '../../codegen/errors';
import type { AcceleratorPartition } from '../partition';
import type { HlsPort } from '../ports';
import type { ModelNames } from './model-names';

/** Format tag and version of accelerator.json. */
export const ACCELERATOR_FORMAT = 'scanflow-accelerator';
export const ACCELERATOR_VERSION = 1;

/** A constant: shape and row-major values (integers for everything the hardware reads). */
export interface ConstantDescription {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

export type AttributeDescription = number | string | readonly number[] | readonly string[] | ConstantDescription | GraphDescription;

export interface NodeDescription {
  /** `scanflow.hw` for hardware layers, '' for ONNX (Reshape). */
  readonly domain: string;
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeDescription>>;
}

/** A dataflow graph: its inputs and outputs (value names), nodes in execution order, constants by name. */
export interface GraphDescription {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly nodes: readonly NodeDescription[];
  readonly constants: Readonly<Record<string, ConstantDescription>>;
}

/**
 * accelerator.json: the integer computation of the accelerator (hardware layers with their
 * attributes, integer weights and thresholds, Recurrence bodies), for the driver's NumPy reference
 * path. `ports` maps every AXI-Stream port to the value it carries. Every node and value name is
 * sanitised (one consistent mapping, so the graph's wiring is kept).
 */
export interface AcceleratorDescription {
  readonly format: typeof ACCELERATOR_FORMAT;
  readonly version: typeof ACCELERATOR_VERSION;
  readonly top: string;
  readonly ports: { readonly inputs: readonly { name: string; value: string }[]; readonly outputs: readonly { name: string; value: string }[] };
  readonly graph: GraphDescription;
}

function describeConstant(t: Tensor, what: string): ConstantDescription {
  if (t.elemType === 'string' || t.elemType === 'bool') throw new HlsCodegenError(`${what}: ${t.elemType} constants are not supported by the accelerator description`);
  return { shape: [...t.dims], values: toNumbers(t) };
}

function describeAttribute(a: Attribute, what: string, name: ModelNames): AttributeDescription | undefined {
  switch (a.type) {
    case 'int':
      return Number(a.value);
    case 'float':
    case 'string':
      return a.value;
    case 'ints':
      return a.value.map(Number);
    case 'floats':
    case 'strings':
      return a.value;
    case 'tensor':
      return describeConstant(a.value, what);
    case 'graph':
      return describeGraph(a.value, topologicalOrder(a.value), [], what, name);
    default:
      return undefined;
  }
}

const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function describeNode(n: Node, name: ModelNames): NodeDescription {
  const node = name(n.name || `${n.opType}_${n.outputs[0] ?? ''}`);
  const attributes: Record<string, AttributeDescription> = {};
  for (const [k, a] of [...n.attributes].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!ATTRIBUTE_NAME.test(k)) throw new HlsCodegenError(`node ${node}: attribute name is not an identifier`);
    const d = describeAttribute(a, `node ${node} attribute ${k}`, name);
    if (d !== undefined) attributes[k] = d;
  }
  return { domain: normalizeDomain(n.domain).replace(/[^A-Za-z0-9_.]/g, '_'), op: n.opType.replace(/[^A-Za-z0-9_]/g, '_'), name: node, inputs: n.inputs.map(name), outputs: n.outputs.map(name), attributes };
}

function describeGraph(g: Graph, nodes: readonly Node[], extraConstants: readonly string[], what: string, name: ModelNames): GraphDescription {
  const used = new Set(nodes.flatMap((n) => n.inputs));
  for (const c of extraConstants) used.add(c);
  const constants: Record<string, ConstantDescription> = {};
  for (const [key, t] of [...g.initializers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (used.has(key)) constants[name(key)] = describeConstant(t, `${what}: initializer ${name(key)}`);
  }
  const inputs = g.inputs.filter((i) => !g.initializers.has(i.name)).map((i) => name(i.name));
  return { inputs, outputs: g.outputs.map((o) => name(o.name)), nodes: nodes.map((n) => describeNode(n, name)), constants };
}

/** The accelerator part of a hardware-stage graph as accelerator.json (deterministic). */
export function describeAccelerator(
  graph: Graph,
  partition: AcceleratorPartition,
  ports: { readonly inputs: readonly HlsPort[]; readonly outputs: readonly HlsPort[] },
  top: string,
  name: ModelNames,
): AcceleratorDescription {
  const body = describeGraph(graph, partition.nodes, partition.constants, 'the accelerator', name);
  return {
    format: ACCELERATOR_FORMAT,
    version: ACCELERATOR_VERSION,
    top,
    ports: { inputs: ports.inputs.map((p) => ({ name: p.name, value: name(p.value) })), outputs: ports.outputs.map((p) => ({ name: p.name, value: name(p.value) })) },
    graph: { ...body, inputs: partition.inputs.map(name), outputs: partition.outputs.map(name) },
  };
}
