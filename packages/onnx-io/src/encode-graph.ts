import type { Graph, Node, ValueInfo } from '@scanflow/ir';
import { encodeAnnotations } from './annotations';
import type { ExternalDataSink } from './context';
import { encodeAttribute } from './encode-attribute';
import { encodeTensorProto } from './encode-tensor';
import { entryProtos, type GraphProto, type NodeProto, type ValueInfoProto } from './proto';
import { encodeTypeProto } from './type-proto';

export function encodeValueInfo(v: ValueInfo): ValueInfoProto {
  const p: ValueInfoProto = { name: v.name };
  if (v.type) p.type = encodeTypeProto(v.type);
  if (v.docString !== undefined) p.docString = v.docString;
  if (v.metadataProps?.length) p.metadataProps = entryProtos(v.metadataProps);
  return p;
}

/** IR Node → NodeProto (domain written as stored, i.e. normalised; '' is written for ONNX ops). */
export function encodeNode(n: Node, sink?: ExternalDataSink): NodeProto {
  const p: NodeProto = {
    input: [...n.inputs],
    output: [...n.outputs],
    opType: n.opType,
    attribute: [...n.attributes].map(([name, a]) => encodeAttribute(name, a, (g) => encodeGraph(g, sink))),
  };
  if (n.name) p.name = n.name;
  if (n.domain) p.domain = n.domain;
  if (n.overload !== undefined) p.overload = n.overload;
  if (n.docString !== undefined) p.docString = n.docString;
  if (n.metadataProps?.length) p.metadataProps = entryProtos(n.metadataProps);
  return p;
}

/**
 * IR Graph → GraphProto. Initializers of this graph and of every subgraph may go to external
 * data through `sink`; tensors held in attributes always stay inline (as ONNX does by default).
 */
export function encodeGraph(g: Graph, sink?: ExternalDataSink): GraphProto {
  // Initializers first, so that this graph's tensors precede its subgraphs' in the external file.
  const initializer = [...g.initializers].map(([name, t]) => encodeTensorProto(t, name, sink));
  const p: GraphProto = {
    node: g.nodes.map((n) => encodeNode(n, sink)),
    initializer,
    sparseInitializer: [...g.sparseInitializers].map(([name, s]) => ({
      values: encodeTensorProto(s.values, name),
      indices: encodeTensorProto(s.indices),
      dims: [...s.dims],
    })),
    input: g.inputs.map(encodeValueInfo),
    output: g.outputs.map(encodeValueInfo),
    valueInfo: [...g.valueInfo.values()].map(encodeValueInfo),
    quantizationAnnotation: encodeAnnotations(g.annotations),
  };
  if (g.name) p.name = g.name;
  if (g.docString !== undefined) p.docString = g.docString;
  if (g.metadataProps?.length) p.metadataProps = entryProtos(g.metadataProps);
  return p;
}
