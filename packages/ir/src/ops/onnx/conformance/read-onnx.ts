import { Graph } from '../../../graph/graph';
import { Model } from '../../../graph/model';
import { Node } from '../../../graph/node';
import type { Attribute } from '../../../graph/attribute';
import type { Dim, ValueInfo, ValueType } from '../../../graph/value-type';
import { elemTypeFromCode, type ElemType } from '../../../tensor/elem-type';
import { shapeSize, Tensor } from '../../../tensor/tensor';

/**
 * A minimal ONNX protobuf reader for the op-schema conformance test only: it decodes just the
 * fields shape inference needs (nodes, attributes, value types, initializer values). The real
 * reader lives in @scanflow/onnx-io, which @scanflow/ir cannot depend on.
 */

type Field = { no: number; wire: number; varint?: bigint; bytes?: Uint8Array; fixed?: DataView };

function varint(buf: Uint8Array, pos: { p: number }): bigint {
  let shift = 0n;
  let v = 0n;
  for (;;) {
    const b = buf[pos.p++];
    v |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return v;
    shift += 7n;
  }
}

function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  const pos = { p: 0 };
  while (pos.p < buf.length) {
    const key = Number(varint(buf, pos));
    const no = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, varint: varint(buf, pos) });
    else if (wire === 2) {
      const len = Number(varint(buf, pos));
      out.push({ no, wire, bytes: buf.subarray(pos.p, pos.p + len) });
      pos.p += len;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      out.push({ no, wire, fixed: new DataView(buf.buffer, buf.byteOffset + pos.p, n) });
      pos.p += n;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b ?? new Uint8Array());
const signed64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Repeated varints, packed or not. */
function varints(fs: Field[], no: number): bigint[] {
  const out: bigint[] = [];
  for (const f of fs) {
    if (f.no !== no) continue;
    if (f.wire === 0) out.push(f.varint!);
    else if (f.wire === 2) {
      const pos = { p: 0 };
      while (pos.p < f.bytes!.length) out.push(varint(f.bytes!, pos));
    }
  }
  return out;
}

/** Repeated fixed-width numbers (floats / doubles), packed or not. */
function fixeds(fs: Field[], no: number, width: 4 | 8): number[] {
  const out: number[] = [];
  for (const f of fs) {
    if (f.no !== no) continue;
    if (f.wire === 2) {
      const dv = new DataView(f.bytes!.buffer, f.bytes!.byteOffset, f.bytes!.length);
      for (let o = 0; o + width <= f.bytes!.length; o += width) out.push(width === 4 ? dv.getFloat32(o, true) : dv.getFloat64(o, true));
    } else if (f.fixed) out.push(width === 4 ? f.fixed.getFloat32(0, true) : f.fixed.getFloat64(0, true));
  }
  return out;
}

const RAW_VIEW: Partial<Record<ElemType, (dv: DataView, o: number) => number | bigint>> = {
  float32: (d, o) => d.getFloat32(o, true),
  float64: (d, o) => d.getFloat64(o, true),
  int8: (d, o) => d.getInt8(o),
  uint8: (d, o) => d.getUint8(o),
  bool: (d, o) => d.getUint8(o),
  int16: (d, o) => d.getInt16(o, true),
  uint16: (d, o) => d.getUint16(o, true),
  float16: (d, o) => d.getUint16(o, true),
  bfloat16: (d, o) => d.getUint16(o, true),
  int32: (d, o) => d.getInt32(o, true),
  uint32: (d, o) => d.getUint32(o, true),
  int64: (d, o) => d.getBigInt64(o, true),
  uint64: (d, o) => d.getBigUint64(o, true),
};
const WIDTH: Partial<Record<ElemType, number>> = { float32: 4, float64: 8, int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2, float16: 2, bfloat16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8 };

export function readTensor(buf: Uint8Array): { name: string; tensor: Tensor } {
  const fs = fields(buf);
  const dims = varints(fs, 1).map((v) => Number(signed64(v)));
  const elemType = elemTypeFromCode(Number(varints(fs, 2)[0] ?? 1n)) ?? 'float32';
  const name = text(fs.find((f) => f.no === 8)?.bytes);
  const n = shapeSize(dims);
  const t = Tensor.zeros(elemType, dims);
  const data = t.data as unknown as (number | bigint | string)[];
  const raw = fs.find((f) => f.no === 9)?.bytes;
  const view = RAW_VIEW[elemType];
  if (elemType === 'string') {
    fs.filter((f) => f.no === 6).forEach((f, i) => (data[i] = text(f.bytes)));
  } else if (raw && view) {
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.length);
    for (let i = 0; i < n; i++) data[i] = view(dv, i * WIDTH[elemType]!);
  } else if (!raw) {
    let values: (number | bigint)[] = [];
    if (elemType === 'float32') values = fixeds(fs, 4, 4);
    else if (elemType === 'float64') values = fixeds(fs, 10, 8);
    else if (elemType === 'int64') values = varints(fs, 7).map(signed64);
    else if (elemType === 'uint64' || elemType === 'uint32') values = varints(fs, 11);
    else values = varints(fs, 5).map((v) => Number(BigInt.asIntN(32, v)));
    const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
    for (let i = 0; i < Math.min(n, values.length); i++) data[i] = big ? BigInt(values[i]) : Number(values[i]);
  }
  return { name, tensor: t };
}

function readType(buf: Uint8Array): ValueType | undefined {
  const fs = fields(buf);
  for (const f of fs) {
    if (f.no === 1 || f.no === 8) {
      const tf = fields(f.bytes!);
      const elemType = elemTypeFromCode(Number(varints(tf, 1)[0] ?? 0n)) ?? 'float32';
      const shapeField = tf.find((x) => x.no === 2);
      const shape = shapeField
        ? fields(shapeField.bytes!)
            .filter((d) => d.no === 1)
            .map((d): Dim => {
              const df = fields(d.bytes!);
              const v = df.find((x) => x.no === 1);
              const p = df.find((x) => x.no === 2);
              return v ? Number(signed64(v.varint!)) : p ? text(p.bytes) : null;
            })
        : undefined;
      return { kind: f.no === 1 ? 'tensor' : 'sparseTensor', elemType, ...(shape ? { shape } : {}) };
    }
    if (f.no === 4 || f.no === 9) {
      const inner = fields(f.bytes!).find((x) => x.no === 1);
      const elem = inner ? readType(inner.bytes!) : undefined;
      return { kind: f.no === 4 ? 'sequence' : 'optional', ...(elem ? { elem } : {}) };
    }
  }
  return undefined;
}

function readValueInfo(buf: Uint8Array): ValueInfo {
  const fs = fields(buf);
  const t = fs.find((f) => f.no === 2);
  const type = t ? readType(t.bytes!) : undefined;
  return { name: text(fs.find((f) => f.no === 1)?.bytes), ...(type ? { type } : {}) };
}

function readAttribute(buf: Uint8Array): [string, Attribute] | undefined {
  const fs = fields(buf);
  const name = text(fs.find((f) => f.no === 1)?.bytes);
  const type = Number(varints(fs, 20)[0] ?? 0n);
  const one = (no: number) => fs.find((f) => f.no === no);
  switch (type) {
    case 1:
      return [name, { type: 'float', value: one(2)?.fixed?.getFloat32(0, true) ?? 0 }];
    case 2:
      return [name, { type: 'int', value: signed64(one(3)?.varint ?? 0n) }];
    case 3:
      return [name, { type: 'string', value: text(one(4)?.bytes) }];
    case 4:
      return [name, { type: 'tensor', value: readTensor(one(5)!.bytes!).tensor }];
    case 5:
      return [name, { type: 'graph', value: readGraph(one(6)!.bytes!) }];
    case 6:
      return [name, { type: 'floats', value: fixeds(fs, 7, 4) }];
    case 7:
      return [name, { type: 'ints', value: varints(fs, 8).map(signed64) }];
    case 8:
      return [name, { type: 'strings', value: fs.filter((f) => f.no === 9).map((f) => text(f.bytes)) }];
    case 10:
      return [name, { type: 'graphs', value: fs.filter((f) => f.no === 11).map((f) => readGraph(f.bytes!)) }];
    default:
      return undefined;
  }
}

function readNode(buf: Uint8Array): Node {
  const fs = fields(buf);
  const attributes = new Map<string, Attribute>();
  for (const f of fs.filter((x) => x.no === 5)) {
    const a = readAttribute(f.bytes!);
    if (a) attributes.set(a[0], a[1]);
  }
  return new Node({
    opType: text(fs.find((f) => f.no === 4)?.bytes),
    domain: text(fs.find((f) => f.no === 7)?.bytes),
    name: text(fs.find((f) => f.no === 3)?.bytes),
    inputs: fs.filter((f) => f.no === 1).map((f) => text(f.bytes)),
    outputs: fs.filter((f) => f.no === 2).map((f) => text(f.bytes)),
    attributes,
  });
}

export function readGraph(buf: Uint8Array): Graph {
  const fs = fields(buf);
  return new Graph({
    name: text(fs.find((f) => f.no === 2)?.bytes),
    nodes: fs.filter((f) => f.no === 1).map((f) => readNode(f.bytes!)),
    initializers: fs.filter((f) => f.no === 5).map((f) => {
      const { name, tensor } = readTensor(f.bytes!);
      return [name, tensor] as [string, Tensor];
    }),
    inputs: fs.filter((f) => f.no === 11).map((f) => readValueInfo(f.bytes!)),
    outputs: fs.filter((f) => f.no === 12).map((f) => readValueInfo(f.bytes!)),
    valueInfo: fs.filter((f) => f.no === 13).map((f) => readValueInfo(f.bytes!)),
  });
}

export function readModel(buf: Uint8Array): Model {
  const fs = fields(buf);
  const opsetImports = new Map<string, number>();
  for (const f of fs.filter((x) => x.no === 8)) {
    const of = fields(f.bytes!);
    opsetImports.set(text(of.find((x) => x.no === 1)?.bytes), Number(varints(of, 2)[0] ?? 0n));
  }
  return new Model(readGraph(fs.find((f) => f.no === 7)!.bytes!), { opsetImports, irVersion: Number(varints(fs, 1)[0] ?? 0n) });
}
