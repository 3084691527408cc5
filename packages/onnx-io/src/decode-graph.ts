import { type Attributes, Graph, Node, normalizeDomain, type SparseInitializer, type Tensor, type ValueInfo } from '@scanflow/ir';
import { decodeAnnotations } from './annotations';
import { type DecodeContext, label } from './context';
import { decodeAttribute } from './decode-attribute';
import { decodeDims, decodeTensorProto } from './decode-tensor';
import { OnnxFormatError } from './errors';
import { entriesOf, type GraphProto, has, type NodeProto, type SparseTensorProto, type ValueInfoProto } from './proto';
import { decodeTypeProto } from './type-proto';

export function decodeValueInfo(p: ValueInfoProto, where: string): ValueInfo {
  const v: ValueInfo = { name: p.name ?? '' };
  const at = `${where} > ${label('value', p.name)}`;
  const type = p.type ? decodeTypeProto(p.type, at) : undefined;
  if (type) v.type = type;
  if (has(p, 'docString')) v.docString = p.docString as string;
  if (p.metadataProps?.length) v.metadataProps = entriesOf(p.metadataProps);
  return v;
}

/** NodeProto → IR Node; the domain is normalised (ai.onnx → '', QONNX aliases → qonnx.custom_op.general). */
export function decodeNode(p: NodeProto, index: number, where: string, ctx: DecodeContext): Node {
  const at = `${where} > ${p.name ? `node '${p.name}'` : `node #${index}`} (${p.opType || '?'})`;
  if (!p.opType) throw new OnnxFormatError(`${at}: op_type is missing`);
  const attributes: Attributes = new Map();
  for (const a of p.attribute ?? []) {
    const name = a.name ?? '';
    if (!name) throw new OnnxFormatError(`${at}: an attribute has no name`);
    if (attributes.has(name)) throw new OnnxFormatError(`${at}: attribute '${name}' appears twice`);
    attributes.set(name, decodeAttribute(a, at, ctx, (g, w) => decodeGraph(g, w, ctx)));
  }
  const node = new Node({
    opType: p.opType,
    domain: normalizeDomain(p.domain),
    name: p.name ?? '',
    inputs: p.input ?? [],
    outputs: p.output ?? [],
    attributes,
  });
  if (has(p, 'docString')) node.docString = p.docString as string;
  if (has(p, 'overload')) node.overload = p.overload as string;
  if (p.metadataProps?.length) node.metadataProps = entriesOf(p.metadataProps);
  return node;
}

function decodeSparse(p: SparseTensorProto, index: number, where: string, ctx: DecodeContext): [string, SparseInitializer] {
  const name = p.values?.name ?? '';
  const at = `${where} > sparse ${label('initializer', name, index)}`;
  if (!name) throw new OnnxFormatError(`${at}: the values tensor of a sparse initializer must be named`);
  if (!p.values || !p.indices) throw new OnnxFormatError(`${at}: values and indices are both required`);
  const values = decodeTensorProto(p.values, `${at} (values)`, ctx);
  const indices = decodeTensorProto(p.indices, `${at} (indices)`, ctx);
  return [name, { values, indices, dims: decodeDims(p.dims, at, ctx.maxTensorElements).dims }];
}

function uniqueMap<T>(entries: [string, T][], what: string, where: string): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of entries) {
    if (m.has(k)) throw new OnnxFormatError(`${where}: ${what} '${k}' appears twice`);
    m.set(k, v);
  }
  return m;
}

/**
 * GraphProto → IR Graph: nodes in order, initializers (dense and sparse), inputs, outputs,
 * value_info, QONNX quantization annotations, doc string and metadata. `prefix` locates the graph
 * for messages (e.g. "model.onnx: graph" or "... attribute 'body' > graph").
 */
export function decodeGraph(p: GraphProto, prefix: string, ctx: DecodeContext): Graph {
  const where = `${prefix} '${p.name ?? ''}'`;
  const initializers: [string, Tensor][] = (p.initializer ?? []).map((t, i) => {
    const at = `${where} > ${label('initializer', t.name, i)}`;
    if (!t.name) throw new OnnxFormatError(`${at}: initializers must be named`);
    return [t.name, decodeTensorProto(t, at, ctx)];
  });
  const sparse = (p.sparseInitializer ?? []).map((s, i) => decodeSparse(s, i, where, ctx));
  for (const [name] of sparse) {
    if (initializers.some(([n]) => n === name)) throw new OnnxFormatError(`${where}: '${name}' is both a dense and a sparse initializer`);
  }
  const valueInfo = (p.valueInfo ?? []).map((v) => decodeValueInfo(v, where));
  const graph = new Graph({
    name: p.name ?? '',
    nodes: (p.node ?? []).map((n, i) => decodeNode(n, i, where, ctx)),
    inputs: (p.input ?? []).map((v) => decodeValueInfo(v, where)),
    outputs: (p.output ?? []).map((v) => decodeValueInfo(v, where)),
    initializers: uniqueMap(initializers, 'initializer', where),
    sparseInitializers: uniqueMap(sparse, 'sparse initializer', where),
    valueInfo: uniqueMap(valueInfo.map((v) => [v.name, v]), 'value_info entry', where),
    annotations: decodeAnnotations(p.quantizationAnnotation, where),
  });
  if (has(p, 'docString')) graph.docString = p.docString as string;
  if (p.metadataProps?.length) graph.metadataProps = entriesOf(p.metadataProps);
  return graph;
}
