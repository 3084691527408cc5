import { onnx } from '../gen/onnx.js';

/**
 * A canonical JSON text of a ModelProto, written independently of the code under test, that
 * erases only the two differences the IR does not keep: an explicitly written empty domain
 * ("" vs absent, on nodes and opset imports), and how tensor values are spelled (typed fields vs
 * raw_data, and the optional name of a tensor held in an attribute). Tensor values are compared
 * by their little-endian bytes, decoded here with plain typed arrays.
 */
export function canonicalModelJson(bytes: Uint8Array): string {
  const obj = onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: String, bytes: String });
  return JSON.stringify(canon(obj, false));
}

const DATA_FIELDS = ['floatData', 'int32Data', 'int64Data', 'doubleData', 'uint64Data', 'rawData'];

function hex(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

/** Little-endian bytes of a TensorProto's values, for the encodings the conformance models use. */
function tensorBytes(t: Record<string, unknown>): string | undefined {
  const code = t.dataType as number;
  if (typeof t.rawData === 'string') return Buffer.from(t.rawData, 'base64').toString('hex');
  if (Array.isArray(t.floatData) && t.floatData.length) return hex(Float32Array.from(t.floatData as number[]));
  if (Array.isArray(t.doubleData) && t.doubleData.length) return hex(Float64Array.from(t.doubleData as number[]));
  if (Array.isArray(t.int64Data) && t.int64Data.length) return hex(BigInt64Array.from((t.int64Data as string[]).map((v) => BigInt(v))));
  if (Array.isArray(t.int32Data) && t.int32Data.length) {
    const v = t.int32Data as number[];
    if (code === 6) return hex(Int32Array.from(v));
    if (code === 3) return hex(Int8Array.from(v));
    if (code === 2 || code === 9) return hex(Uint8Array.from(v));
    if (code === 5) return hex(Int16Array.from(v));
    if (code === 4 || code === 10 || code === 16) return hex(Uint16Array.from(v));
  }
  return undefined;
}

function canon(v: unknown, inAttribute: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => canon(x, inAttribute));
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k === 'domain' && x === '') continue;
    // AttributeProto.t / .tensors hold tensors whose name the IR does not keep.
    out[k] = canon(x, k === 't' || k === 'tensors');
  }
  if ('dataType' in o) {
    const bytes = tensorBytes(o);
    if (bytes !== undefined) {
      for (const f of DATA_FIELDS) delete out[f];
      out.values = bytes;
      if (inAttribute) delete out.name;
    }
  }
  return out;
}
