import type { Attribute, Graph, ValueType } from '@scanflow/ir';
import { type AttributeKindName, attributeKindOfCode } from './attribute-type';
import type { DecodeContext } from './context';
import { decodeTensorProto } from './decode-tensor';
import { OnnxFormatError } from './errors';
import { int64ToBigInt, type Int64Like } from './int64';
import { type AttributeProto, type GraphProto, has, type TypeProto } from './proto';
import { decodeTypeProto } from './type-proto';

const utf8 = new TextDecoder('utf-8');

export type GraphDecoder = (g: GraphProto, where: string) => Graph;

/** For attributes written without a type (IR version 1): the kind is whichever value field is set. */
function inferKind(p: AttributeProto): AttributeKindName | undefined {
  if (has(p, 'f')) return 'float';
  if (has(p, 'i')) return 'int';
  if (has(p, 's')) return 'string';
  if (p.t) return 'tensor';
  if (p.g) return 'graph';
  if (p.sparseTensor) return 'sparseTensor';
  if (p.tp) return 'typeProto';
  if (p.floats?.length) return 'floats';
  if (p.ints?.length) return 'ints';
  if (p.strings?.length) return 'strings';
  if (p.tensors?.length) return 'tensors';
  if (p.graphs?.length) return 'graphs';
  if (p.sparseTensors?.length) return 'sparseTensors';
  if (p.typeProtos?.length) return 'typeProtos';
  return undefined;
}

function typeOf(tp: TypeProto, where: string): ValueType {
  const t = decodeTypeProto(tp, where);
  if (!t) throw new OnnxFormatError(`${where}: empty TypeProto; expected a tensor, sequence, optional, map or sparse tensor type`);
  return t;
}

/**
 * AttributeProto → IR Attribute, every kind including subgraphs (decoded with `decodeGraph`),
 * tensors, type protos and function attribute references. `where` names the owning node.
 */
export function decodeAttribute(p: AttributeProto, where: string, ctx: DecodeContext, decodeGraph: GraphDecoder): Attribute {
  const name = p.name ?? '';
  const at = `${where}: attribute '${name}'`;
  const code = p.type ?? 0;
  const kind = code === 0 ? inferKind(p) : attributeKindOfCode(code);
  if (p.refAttrName) {
    if (!kind) throw new OnnxFormatError(`${at} refers to '${p.refAttrName}' but has no valid type`);
    return { type: 'ref', value: p.refAttrName, refType: kind };
  }
  if (!kind) {
    throw new OnnxFormatError(code === 0 ? `${at} has no type and no value` : `${at} has unknown attribute type ${code}; expected an AttributeProto.AttributeType code`);
  }
  switch (kind) {
    case 'float':
      return { type: 'float', value: p.f ?? 0 };
    case 'int':
      return { type: 'int', value: int64ToBigInt((p.i ?? 0) as Int64Like) };
    case 'string':
      return { type: 'string', value: utf8.decode(p.s ?? new Uint8Array()) };
    case 'tensor':
      if (!p.t) throw new OnnxFormatError(`${at} is a tensor attribute without a tensor (field t)`);
      return { type: 'tensor', value: decodeTensorProto(p.t, `${at} (tensor)`, ctx) };
    case 'graph':
      if (!p.g) throw new OnnxFormatError(`${at} is a graph attribute without a graph (field g)`);
      return { type: 'graph', value: decodeGraph(p.g, `${at} > graph`) };
    case 'typeProto':
      if (!p.tp) throw new OnnxFormatError(`${at} is a type-proto attribute without a type (field tp)`);
      return { type: 'typeProto', value: typeOf(p.tp, at) };
    case 'floats':
      return { type: 'floats', value: [...(p.floats ?? [])] };
    case 'ints':
      return { type: 'ints', value: (p.ints ?? []).map((v) => int64ToBigInt(v as Int64Like)) };
    case 'strings':
      return { type: 'strings', value: (p.strings ?? []).map((b) => utf8.decode(b)) };
    case 'tensors':
      return { type: 'tensors', value: (p.tensors ?? []).map((t, i) => decodeTensorProto(t, `${at} (tensor #${i})`, ctx)) };
    case 'graphs':
      return { type: 'graphs', value: (p.graphs ?? []).map((g, i) => decodeGraph(g, `${at} > graph #${i}`)) };
    case 'typeProtos':
      return { type: 'typeProtos', value: (p.typeProtos ?? []).map((t, i) => typeOf(t, `${at} (type #${i})`)) };
    case 'sparseTensor':
    case 'sparseTensors':
      throw new OnnxFormatError(`${at} holds a sparse tensor; scanflow does not support sparse tensor attributes (densify the constant first)`);
  }
}
