import {
  type Attribute,
  cloneModel,
  type ElemType,
  forEachGraph,
  type Graph,
  type Model,
  Node,
  Tensor,
  toNumbers,
} from '@scanflow/ir';
import { Rng } from './random';

/**
 * Hostile variations of a valid model, for fuzzing: each mutation damages one thing the way a
 * broken exporter, a bit flip or an attacker would — attribute values and kinds, wiring, op types,
 * initializer shapes, types and values (huge shape values included), declared input types, value
 * names with control characters. The model stays encodable (every tensor is consistent); whether
 * it is still valid is for the reader, the model checker and the passes to decide.
 */
export type MutationKind =
  | 'attribute-value'
  | 'attribute-kind'
  | 'drop-attribute'
  | 'add-attribute'
  | 'rewire-input'
  | 'drop-input'
  | 'extra-input'
  | 'op-type'
  | 'initializer-shape'
  | 'initializer-type'
  | 'huge-shape-values'
  | 'input-type'
  | 'hostile-name'
  | 'remove-node'
  | 'duplicate-node'
  | 'reorder-outputs';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'attribute-value',
  'attribute-kind',
  'drop-attribute',
  'add-attribute',
  'rewire-input',
  'drop-input',
  'extra-input',
  'op-type',
  'initializer-shape',
  'initializer-type',
  'huge-shape-values',
  'input-type',
  'hostile-name',
  'remove-node',
  'duplicate-node',
  'reorder-outputs',
];

const OP_TYPES = ['Add', 'Mul', 'MatMul', 'Relu', 'Sigmoid', 'Tanh', 'Reshape', 'Transpose', 'Concat', 'Gather', 'Slice', 'Expand', 'ConstantOfShape', 'QuantizeLinear', 'DequantizeLinear', 'Clip', 'Scan', 'LSTM', 'Identity', 'DequantkzeLinear', ''];
const HOSTILE = ['a\nscanflow: everything fine, exit 0', '\x1b[2J\x1b[H', 'x\ry', "it's", '../../etc/passwd', 'a\u202eb', '\u0000', 'ü\u2028v', '', '__proto__', 'constructor'];
const NUMBERS = [0, 1, -1, 2, 3, 7, 64, 2 ** 31, -(2 ** 31), 2 ** 40, Number.NaN, Infinity, -Infinity, 0.5, 1e-30];
const TYPES: ElemType[] = ['float32', 'float64', 'int8', 'uint8', 'int32', 'int64', 'bool', 'float16'];

function randomTensor(rng: Rng, type: ElemType = rng.pick(TYPES)): Tensor {
  const rank = rng.int(0, 3);
  const dims = Array.from({ length: rank }, () => rng.pick([0, 1, 1, 2, 3, 5]));
  const t = Tensor.zeros(type, dims);
  const data = t.data as unknown as { length: number; [i: number]: number | bigint };
  for (let i = 0; i < data.length; i++) {
    const v = rng.pick(NUMBERS);
    if (type === 'int64') data[i] = BigInt(Number.isFinite(v) ? Math.trunc(Math.max(-(2 ** 62), Math.min(2 ** 62, v))) : 0);
    else data[i] = v;
  }
  return t;
}

function randomAttribute(rng: Rng, kind: Attribute['type'] = rng.pick(['int', 'float', 'string', 'ints', 'floats', 'strings', 'tensor'] as const)): Attribute {
  switch (kind) {
    case 'int':
      return { type: 'int', value: BigInt(Math.trunc(rng.pick([0, 1, -1, 2, 3, 100, 2 ** 31, -(2 ** 40)]))) };
    case 'float':
      return { type: 'float', value: rng.pick(NUMBERS) };
    case 'string':
      return { type: 'string', value: rng.pick([...HOSTILE, 'NOTSET', 'ROUND', 'sigmoid', 'Tanh']) };
    case 'ints':
      return { type: 'ints', value: Array.from({ length: rng.int(0, 4) }, () => BigInt(rng.pick([0, 1, -1, 2, 5, 2 ** 31]))) };
    case 'floats':
      return { type: 'floats', value: Array.from({ length: rng.int(0, 4) }, () => rng.pick(NUMBERS)) };
    case 'strings':
      return { type: 'strings', value: Array.from({ length: rng.int(0, 3) }, () => rng.pick(HOSTILE)) };
    default:
      return { type: 'tensor', value: randomTensor(rng) };
  }
}

interface Site {
  graph: Graph;
  node: Node;
}

function sites(model: Model): Site[] {
  const out: Site[] = [];
  forEachGraph(model.graph, (graph) => graph.nodes.forEach((node) => out.push({ graph, node })));
  return out;
}

function graphs(model: Model): Graph[] {
  const out: Graph[] = [];
  forEachGraph(model.graph, (g) => out.push(g));
  return out;
}

/** Names a node of `graph` may read: its inputs, initializers, node outputs. */
function valuesOf(graph: Graph): string[] {
  return [...graph.inputs.map((i) => i.name), ...graph.initializers.keys(), ...graph.nodes.flatMap((n) => n.outputs.filter((o) => o))];
}

/** Renames a value of one graph everywhere in that graph (not in its subgraphs). */
function rename(graph: Graph, from: string, to: string): void {
  for (const n of graph.nodes) {
    n.inputs = n.inputs.map((i) => (i === from ? to : i));
    n.outputs = n.outputs.map((o) => (o === from ? to : o));
  }
  for (const v of [...graph.inputs, ...graph.outputs]) if (v.name === from) v.name = to;
  const t = graph.initializers.get(from);
  if (t) {
    graph.initializers.delete(from);
    graph.initializers.set(to, t);
  }
}

/** Applies one mutation of `kind` in place; returns a description, or undefined when the model offers no site for it. */
function apply(model: Model, kind: MutationKind, rng: Rng): string | undefined {
  const all = sites(model);
  const site = all.length ? rng.pick(all) : undefined;
  const graph = rng.pick(graphs(model));
  switch (kind) {
    case 'attribute-value':
    case 'attribute-kind':
    case 'drop-attribute': {
      const withAttrs = all.filter((s) => s.node.attributes.size > 0);
      if (!withAttrs.length) return undefined;
      const { node } = rng.pick(withAttrs);
      const name = rng.pick([...node.attributes.keys()]);
      const old = node.attributes.get(name)!;
      if (kind === 'drop-attribute') node.attributes.delete(name);
      else if (old.type === 'graph' || old.type === 'graphs') return undefined;
      else node.attributes.set(name, randomAttribute(rng, kind === 'attribute-value' ? old.type : undefined));
      return `${kind} ${node.opType}.${name}`;
    }
    case 'add-attribute':
      if (!site) return undefined;
      site.node.attributes.set(rng.pick(['axis', 'perm', 'alpha', 'hidden_size', 'direction', 'to', 'x\n']), randomAttribute(rng));
      return `${kind} on ${site.node.opType}`;
    case 'rewire-input':
    case 'extra-input': {
      if (!site) return undefined;
      const values = valuesOf(site.graph);
      if (!values.length) return undefined;
      if (kind === 'extra-input') site.node.inputs.push(rng.pick(values));
      else if (site.node.inputs.length) site.node.inputs[rng.int(0, site.node.inputs.length - 1)] = rng.pick(values);
      else return undefined;
      return `${kind} of ${site.node.opType}`;
    }
    case 'drop-input':
      if (!site || !site.node.inputs.length) return undefined;
      site.node.inputs[rng.int(0, site.node.inputs.length - 1)] = '';
      return `${kind} of ${site.node.opType}`;
    case 'op-type':
      if (!site) return undefined;
      site.node.opType = rng.pick(OP_TYPES);
      return `${kind} → ${site.node.opType}`;
    case 'initializer-shape':
    case 'initializer-type':
    case 'huge-shape-values': {
      // shape values are int64 initializers (Reshape, Expand, ConstantOfShape, Slice ... read them)
      const candidates = graphs(model).flatMap((g) => [...g.initializers].filter(([, t]) => kind !== 'huge-shape-values' || (t.elemType === 'int64' && t.size > 0)).map(([name]) => ({ g, name })));
      if (!candidates.length) return undefined;
      const { g, name } = rng.pick(candidates);
      const old = g.initializers.get(name)!;
      if (kind === 'huge-shape-values') {
        const values = toNumbers(old).map(() => BigInt(rng.pick([32768, 65536, 2 ** 31, 2 ** 40, -1, 0])));
        g.initializers.set(name, new Tensor('int64', old.dims, BigInt64Array.from(values)));
      } else g.initializers.set(name, randomTensor(rng, kind === 'initializer-type' ? rng.pick(TYPES) : old.elemType));
      return `${kind} ${name}`;
    }
    case 'input-type': {
      const inputs = graph.inputs.filter((i) => i.type?.kind === 'tensor');
      if (!inputs.length) return undefined;
      const input = rng.pick(inputs);
      const t = input.type as { kind: 'tensor'; elemType: ElemType; shape?: (number | string | null)[] };
      input.type = rng.next() < 0.5 ? { kind: 'tensor', elemType: rng.pick(TYPES), ...(t.shape ? { shape: t.shape } : {}) } : { kind: 'tensor', elemType: t.elemType, shape: Array.from({ length: rng.int(0, 4) }, () => rng.pick([0, 1, 2, 3, 'T', null])) };
      return `${kind} ${input.name}`;
    }
    case 'hostile-name': {
      const values = valuesOf(graph);
      if (!values.length) return undefined;
      const from = rng.pick(values);
      rename(graph, from, `${from}${rng.pick(HOSTILE)}`);
      if (site && rng.next() < 0.5) site.node.name = rng.pick(HOSTILE);
      return `${kind} ${JSON.stringify(from)}`;
    }
    case 'remove-node':
      if (!site) return undefined;
      site.graph.nodes.splice(site.graph.nodes.indexOf(site.node), 1);
      return `${kind} ${site.node.opType}`;
    case 'duplicate-node':
      if (!site) return undefined;
      site.graph.nodes.push(new Node({ opType: site.node.opType, domain: site.node.domain, name: `${site.node.name}_dup`, inputs: site.node.inputs, outputs: site.node.outputs.map((o) => (o && rng.next() < 0.5 ? `${o}_dup` : o)), attributes: site.node.attributes }));
      return `${kind} ${site.node.opType}`;
    case 'reorder-outputs':
      if (graph.outputs.length < 2) return undefined;
      graph.outputs.reverse();
      return kind;
  }
}

/**
 * A copy of `model` with `count` random mutations (deterministic in `seed`), and their
 * descriptions. Mutations with no site in the model are skipped.
 */
export function mutateModel(model: Model, seed: number, count = 1, kinds: readonly MutationKind[] = MUTATION_KINDS): { model: Model; applied: string[] } {
  const rng = new Rng(seed);
  const copy = cloneModel(model);
  const applied: string[] = [];
  for (let k = 0; k < count; k++) {
    const d = apply(copy, rng.pick(kinds), rng);
    if (d) applied.push(d);
  }
  return { model: copy, applied };
}
