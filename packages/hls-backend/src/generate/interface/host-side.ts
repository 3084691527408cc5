import { attrFloat, attrString, type Graph, type Model, type Node, normalizeDomain, QONNX_DOMAIN, type Tensor, toNumbers } from '@scanflow/ir';
import { staticShape } from '../../codegen/shapes';
import type { HostStep } from './host-steps';
import type { ModelNames } from './model-names';

/** The host chain of one port: the steps in execution order, or why the driver cannot replay it. */
export { rawNodeName };

export type HostChain =
  | { readonly supported: true; readonly graphValue: string; readonly steps: readonly HostStep[] }
  | { readonly supported: false; readonly reason: string; readonly nodes: readonly string[] };

interface Uses {
  producer: Map<string, Node>;
  consumers: Map<string, Node[]>;
}

function usesOf(g: Graph): Uses {
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of g.nodes) {
    for (const v of n.outputs) if (v) producer.set(v, n);
    for (const v of n.inputs) if (v) consumers.set(v, [...(consumers.get(v) ?? []), n]);
  }
  return { producer, consumers };
}

const isOnnx = (n: Node, op: string): boolean => normalizeDomain(n.domain) === '' && n.opType === op;
const isQonnx = (n: Node, op: string): boolean => normalizeDomain(n.domain) === QONNX_DOMAIN && n.opType === op;

/** The op type as a plain identifier (op types come from the model file too). */
function sanitizedOp(n: Node): string {
  return n.opType.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
}

function constant(g: Graph, v: string | undefined): Tensor | undefined {
  return v ? g.initializers.get(v) : undefined;
}

function rawNodeName(n: Node): string {
  return n.name || `${n.opType}_${n.outputs[0] ?? ''}`;
}

/** The MultiThreshold step for `node` (thresholds a constant [C or 1, S]), or why not. */
function multiThresholdStep(g: Graph, node: Node, name: ModelNames): HostStep | string {
  const t = constant(g, node.inputs[1]);
  if (!t || t.rank !== 2) return 'its thresholds are not a constant [C, S] matrix';
  const inputShape = staticShape(g, node.inputs[0]!);
  const layout = attrString(node, 'data_layout', 'NCHW');
  const rank = inputShape.length;
  const channelAxis = rank === 0 ? 0 : layout.endsWith('C') ? rank - 1 : Math.min(1, rank - 1);
  const [rows, steps] = t.dims as [number, number];
  const flat = toNumbers(t);
  const thresholds = Array.from({ length: rows }, (_, r) => flat.slice(r * steps, (r + 1) * steps));
  return { op: 'MultiThreshold', node: name(rawNodeName(node)), inputShape, channelAxis, thresholds, outBias: attrFloat(node, 'out_bias', 0), outScale: attrFloat(node, 'out_scale', 1) };
}

/**
 * The chain that computes an accelerator input port from a graph input: Reshapes and
 * MultiThresholds with constant thresholds, walked back from the port to a graph input.
 */
export function inputChain(model: Model, port: string, name: ModelNames): HostChain {
  const g = model.graph;
  const { producer } = usesOf(g);
  const graphInputs = new Set(g.runtimeInputs.map((i) => i.name));
  const steps: HostStep[] = [];
  const seen: string[] = [];
  let v = port;
  while (!graphInputs.has(v)) {
    const p = producer.get(v);
    if (!p) return { supported: false, reason: `value ${name(v)} is neither a graph input nor computed on the host`, nodes: seen };
    const pn = name(rawNodeName(p));
    seen.push(pn);
    if (isOnnx(p, 'Reshape')) steps.unshift({ op: 'Reshape', node: pn, shape: staticShape(g, v) });
    else if (isQonnx(p, 'MultiThreshold')) {
      const s = multiThresholdStep(g, p, name);
      if (typeof s === 'string') return { supported: false, reason: `host node ${pn} (MultiThreshold): ${s}`, nodes: seen };
      steps.unshift(s);
    } else {
      return { supported: false, reason: `host node ${pn} (${sanitizedOp(p)}) in front of the accelerator is not one the driver replays (Reshape, MultiThreshold)`, nodes: seen };
    }
    v = p.inputs[0]!;
  }
  return { supported: true, graphValue: v, steps };
}

/**
 * The chain that computes a graph output from an accelerator output port: Reshapes and Mul / Add
 * by constants, walked forward from the port, each value read by exactly one node.
 */
export function outputChain(model: Model, port: string, name: ModelNames): HostChain {
  const g = model.graph;
  const { consumers } = usesOf(g);
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  const steps: HostStep[] = [];
  const seen: string[] = [];
  let v = port;
  while (!graphOutputs.has(v)) {
    const cs = consumers.get(v) ?? [];
    if (cs.length !== 1) return { supported: false, reason: `value ${name(v)} after the accelerator is read by ${cs.length} host nodes (the driver replays one chain per output)`, nodes: seen };
    const c = cs[0]!;
    const cn = name(rawNodeName(c));
    seen.push(cn);
    if (isOnnx(c, 'Reshape') && c.inputs[0] === v) steps.push({ op: 'Reshape', node: cn, shape: staticShape(g, c.outputs[0]!) });
    else if ((isOnnx(c, 'Mul') || isOnnx(c, 'Add')) && c.inputs.length === 2) {
      const other = c.inputs[0] === v ? c.inputs[1] : c.inputs[0];
      const k = constant(g, other);
      if (!k || k.elemType !== 'float32') return { supported: false, reason: `host node ${cn} (${c.opType}) does not take a float32 constant`, nodes: seen };
      steps.push({ op: c.opType as 'Mul' | 'Add', node: cn, constant: { shape: [...k.dims], values: toNumbers(k) } });
    } else {
      return { supported: false, reason: `host node ${cn} (${sanitizedOp(c)}) after the accelerator is not one the driver replays (Reshape, Mul, Add by a constant)`, nodes: seen };
    }
    v = c.outputs[0]!;
  }
  return { supported: true, graphValue: v, steps };
}
