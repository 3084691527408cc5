import { IrError } from '../errors';
import { Tensor } from '../tensor/tensor';
import type { Graph } from './graph';
import type { ValueType } from './value-type';

/**
 * A node attribute, tagged by its ONNX kind. Integers are bigints so that int64 values survive a
 * round trip exactly; use the accessors below (attrInt ...) to read them as numbers.
 */
export type Attribute =
  | { type: 'float'; value: number }
  | { type: 'int'; value: bigint }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: Tensor }
  | { type: 'graph'; value: Graph }
  | { type: 'typeProto'; value: ValueType }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: bigint[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: Tensor[] }
  | { type: 'graphs'; value: Graph[] }
  | { type: 'typeProtos'; value: ValueType[] }
  /** Inside a function body: takes the caller's attribute `name`. */
  | { type: 'ref'; value: string; refType: string };

export type AttributeType = Attribute['type'];
export type Attributes = Map<string, Attribute>;

/** Explicit constructors, for values whose kind cannot be guessed (1 as a float, [] as ints ...). */
export const attr = {
  float: (value: number): Attribute => ({ type: 'float', value }),
  int: (value: number | bigint): Attribute => ({ type: 'int', value: BigInt(value) }),
  string: (value: string): Attribute => ({ type: 'string', value }),
  tensor: (value: Tensor): Attribute => ({ type: 'tensor', value }),
  graph: (value: Graph): Attribute => ({ type: 'graph', value }),
  floats: (value: number[]): Attribute => ({ type: 'floats', value: [...value] }),
  ints: (value: (number | bigint)[]): Attribute => ({ type: 'ints', value: value.map((v) => BigInt(v)) }),
  strings: (value: string[]): Attribute => ({ type: 'strings', value: [...value] }),
};

/** Anything `toAttribute` accepts: an Attribute, or a plain value whose kind it infers. */
export type AttributeInput = Attribute | number | bigint | string | Tensor | Graph | number[] | bigint[] | string[] | Tensor[] | Graph[];

function isAttribute(v: unknown): v is Attribute {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'type' in v && 'value' in v && !(v instanceof Tensor);
}

/** Converts a plain value: integer → int, other number → float, string, Tensor, Graph, arrays of those. */
export function toAttribute(v: AttributeInput): Attribute {
  if (isAttribute(v)) return v;
  if (typeof v === 'bigint') return { type: 'int', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'int', value: BigInt(v) } : { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (v instanceof Tensor) return { type: 'tensor', value: v };
  if (Array.isArray(v)) {
    const a = v as unknown[];
    if (a.length === 0) return { type: 'ints', value: [] };
    if (a.every((x) => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) return { type: 'ints', value: a.map((x) => BigInt(x as number)) };
    if (a.every((x) => typeof x === 'number')) return { type: 'floats', value: a as number[] };
    if (a.every((x) => typeof x === 'string')) return { type: 'strings', value: a as string[] };
    if (a.every((x) => x instanceof Tensor)) return { type: 'tensors', value: a as Tensor[] };
    return { type: 'graphs', value: a as Graph[] };
  }
  return { type: 'graph', value: v as Graph };
}

export function toAttributes(record: Record<string, AttributeInput | undefined> = {}): Attributes {
  const m: Attributes = new Map();
  for (const [k, v] of Object.entries(record)) if (v !== undefined) m.set(k, toAttribute(v));
  return m;
}

/** Where an attribute is read from, for error messages. */
interface AttrOwner {
  readonly name: string;
  readonly opType: string;
  readonly attributes: Attributes;
}

function get<T extends AttributeType>(owner: AttrOwner, name: string, type: T): Extract<Attribute, { type: T }> | undefined {
  const a = owner.attributes.get(name);
  if (a === undefined) return undefined;
  if (a.type !== type) throw new IrError(`node '${owner.name}' (${owner.opType}): attribute '${name}' is ${a.type}, expected ${type}`);
  return a as Extract<Attribute, { type: T }>;
}

function missing(owner: AttrOwner, name: string): never {
  throw new IrError(`node '${owner.name}' (${owner.opType}): required attribute '${name}' is missing`);
}

function safe(owner: AttrOwner, name: string, v: bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new IrError(`node '${owner.name}' (${owner.opType}): attribute '${name}' = ${v} is out of the safe integer range`);
  return n;
}

export function attrInt(owner: AttrOwner, name: string, dflt?: number): number {
  const a = get(owner, name, 'int');
  if (a) return safe(owner, name, a.value);
  return dflt ?? missing(owner, name);
}

export function attrFloat(owner: AttrOwner, name: string, dflt?: number): number {
  const a = get(owner, name, 'float');
  if (a) return a.value;
  return dflt ?? missing(owner, name);
}

export function attrString(owner: AttrOwner, name: string, dflt?: string): string {
  const a = get(owner, name, 'string');
  if (a) return a.value;
  return dflt ?? missing(owner, name);
}

export function attrInts(owner: AttrOwner, name: string, dflt?: number[]): number[] {
  const a = get(owner, name, 'ints');
  if (a) return a.value.map((v) => safe(owner, name, v));
  return dflt ?? missing(owner, name);
}

export function attrFloats(owner: AttrOwner, name: string, dflt?: number[]): number[] {
  const a = get(owner, name, 'floats');
  if (a) return a.value;
  return dflt ?? missing(owner, name);
}

export function attrStrings(owner: AttrOwner, name: string, dflt?: string[]): string[] {
  const a = get(owner, name, 'strings');
  if (a) return a.value;
  return dflt ?? missing(owner, name);
}

export function attrTensor(owner: AttrOwner, name: string): Tensor | undefined {
  return get(owner, name, 'tensor')?.value;
}

export function attrGraph(owner: AttrOwner, name: string): Graph {
  return get(owner, name, 'graph')?.value ?? missing(owner, name);
}

export function hasAttr(owner: AttrOwner, name: string): boolean {
  return owner.attributes.has(name);
}
