import type { Attribute, Graph } from '@scanflow/ir';
import { ATTRIBUTE_TYPE_CODES, attributeCodeOfKind } from './attribute-type';
import { encodeTensorProto } from './encode-tensor';
import { OnnxFormatError } from './errors';
import { bigIntToLong } from './int64';
import type { AttributeProto, GraphProto } from './proto';
import { encodeTypeProto } from './type-proto';

const utf8 = new TextEncoder();

export type GraphEncoder = (g: Graph) => GraphProto;

/** IR Attribute → AttributeProto with its type discriminator (the inverse of decodeAttribute). */
export function encodeAttribute(name: string, a: Attribute, encodeGraph: GraphEncoder): AttributeProto {
  const C = ATTRIBUTE_TYPE_CODES;
  switch (a.type) {
    case 'float':
      return { name, type: C.float, f: a.value };
    case 'int':
      return { name, type: C.int, i: bigIntToLong(a.value) };
    case 'string':
      return { name, type: C.string, s: utf8.encode(a.value) };
    case 'tensor':
      return { name, type: C.tensor, t: encodeTensorProto(a.value) };
    case 'graph':
      return { name, type: C.graph, g: encodeGraph(a.value) };
    case 'typeProto':
      return { name, type: C.typeProto, tp: encodeTypeProto(a.value) };
    case 'floats':
      return { name, type: C.floats, floats: [...a.value] };
    case 'ints':
      return { name, type: C.ints, ints: a.value.map(bigIntToLong) };
    case 'strings':
      return { name, type: C.strings, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensors':
      return { name, type: C.tensors, tensors: a.value.map((t) => encodeTensorProto(t)) };
    case 'graphs':
      return { name, type: C.graphs, graphs: a.value.map(encodeGraph) };
    case 'typeProtos':
      return { name, type: C.typeProtos, typeProtos: a.value.map(encodeTypeProto) };
    case 'ref': {
      const code = attributeCodeOfKind(a.refType);
      if (code === undefined) throw new OnnxFormatError(`attribute '${name}' refers to '${a.value}' with unknown type '${a.refType}'`);
      return { name, refAttrName: a.value, type: code };
    }
  }
}
