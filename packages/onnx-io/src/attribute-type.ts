/**
 * AttributeProto.AttributeType codes ↔ the IR's attribute kind names. Sparse tensor kinds have no
 * IR attribute; they appear here only so that function attribute references (`ref`) keep their type.
 */
export const ATTRIBUTE_TYPE_CODES = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  graph: 5,
  floats: 6,
  ints: 7,
  strings: 8,
  tensors: 9,
  graphs: 10,
  sparseTensor: 11,
  sparseTensors: 12,
  typeProto: 13,
  typeProtos: 14,
} as const;

export type AttributeKindName = keyof typeof ATTRIBUTE_TYPE_CODES;

const BY_CODE = new Map<number, AttributeKindName>(Object.entries(ATTRIBUTE_TYPE_CODES).map(([k, v]) => [v, k as AttributeKindName]));

export function attributeKindOfCode(code: number): AttributeKindName | undefined {
  return BY_CODE.get(code);
}

export function attributeCodeOfKind(kind: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(ATTRIBUTE_TYPE_CODES, kind) ? ATTRIBUTE_TYPE_CODES[kind as AttributeKindName] : undefined;
}
