import type { Attribute } from './attribute';
import { Graph } from './graph';
import { Model } from './model';
import { Node } from './node';
import { cloneValueType, type ValueInfo } from './value-type';

function cloneValueInfo(v: ValueInfo): ValueInfo {
  const c: ValueInfo = { name: v.name };
  if (v.type) c.type = cloneValueType(v.type);
  if (v.docString !== undefined) c.docString = v.docString;
  if (v.metadataProps) c.metadataProps = v.metadataProps.map(([a, b]) => [a, b]);
  return c;
}

function cloneAttribute(a: Attribute): Attribute {
  switch (a.type) {
    case 'graph':
      return { type: 'graph', value: cloneGraph(a.value) };
    case 'graphs':
      return { type: 'graphs', value: a.value.map(cloneGraph) };
    case 'tensor':
      return { type: 'tensor', value: a.value.clone() };
    case 'tensors':
      return { type: 'tensors', value: a.value.map((t) => t.clone()) };
    case 'floats':
    case 'ints':
    case 'strings':
      return { ...a, value: [...a.value] } as Attribute;
    case 'typeProto':
      return { type: 'typeProto', value: cloneValueType(a.value) };
    case 'typeProtos':
      return { type: 'typeProtos', value: a.value.map(cloneValueType) };
    default:
      return { ...a };
  }
}

export function cloneNode(n: Node): Node {
  const c = new Node({ opType: n.opType, domain: n.domain, name: n.name, inputs: n.inputs, outputs: n.outputs });
  for (const [k, a] of n.attributes) c.attributes.set(k, cloneAttribute(a));
  if (n.docString !== undefined) c.docString = n.docString;
  if (n.overload !== undefined) c.overload = n.overload;
  if (n.metadataProps) c.metadataProps = n.metadataProps.map(([a, b]) => [a, b]);
  return c;
}

/** A deep copy: nodes, subgraphs, tensors (data copied), value infos and annotations. */
export function cloneGraph(g: Graph): Graph {
  return new Graph({
    name: g.name,
    nodes: g.nodes.map(cloneNode),
    inputs: g.inputs.map(cloneValueInfo),
    outputs: g.outputs.map(cloneValueInfo),
    initializers: new Map([...g.initializers].map(([k, t]) => [k, t.clone()])),
    valueInfo: new Map([...g.valueInfo].map(([k, v]) => [k, cloneValueInfo(v)])),
    annotations: new Map([...g.annotations].map(([k, a]) => [k, { ...a, extra: a.extra?.map(([x, y]) => [x, y] as [string, string]) }])),
    sparseInitializers: new Map([...g.sparseInitializers].map(([k, s]) => [k, { values: s.values.clone(), indices: s.indices.clone(), dims: [...s.dims] }])),
    ...(g.docString !== undefined ? { docString: g.docString } : {}),
    ...(g.metadataProps ? { metadataProps: g.metadataProps.map(([a, b]) => [a, b] as [string, string]) } : {}),
  });
}

export function cloneModel(m: Model): Model {
  return new Model(cloneGraph(m.graph), {
    irVersion: m.irVersion,
    opsetImports: new Map(m.opsetImports),
    metadataProps: m.metadataProps.map(([a, b]) => [a, b]),
    functions: m.functions.map((f) => ({ ...f, nodes: f.nodes.map(cloneNode), opsetImports: new Map(f.opsetImports) })),
    ...(m.producerName !== undefined ? { producerName: m.producerName } : {}),
    ...(m.producerVersion !== undefined ? { producerVersion: m.producerVersion } : {}),
    ...(m.domain !== undefined ? { domain: m.domain } : {}),
    ...(m.modelVersion !== undefined ? { modelVersion: m.modelVersion } : {}),
    ...(m.docString !== undefined ? { docString: m.docString } : {}),
    ...(m.rawOpsetImports ? { rawOpsetImports: m.rawOpsetImports.map(([a, b]) => [a, b]) } : {}),
  });
}
