import { onnx } from '../gen/onnx.js';

/**
 * Hand-built protobuf bytes for tests, written straight through the generated protobufjs module
 * (not through the converter under test), so that hostile and unusual encodings can be produced.
 */
export function modelBytes(parts: {
  initializers?: onnx.TensorProto.$Properties[];
  nodes?: onnx.NodeProto.$Properties[];
  opsets?: [string, number][];
  graphName?: string;
}): Uint8Array {
  const init = parts.initializers ?? [];
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'test',
    opsetImport: (parts.opsets ?? [['', 17]]).map(([domain, version]) => ({ domain, version })),
    graph: {
      name: parts.graphName ?? 'g',
      node: parts.nodes ?? init.map((t, i) => ({ opType: 'Identity', input: [t.name ?? ''], output: [`y${i}`] })),
      initializer: init,
      output: (parts.nodes ? [] : init).map((_, i) => ({ name: `y${i}` })),
    },
  }).finish();
}

export function tensorBytes(t: onnx.TensorProto.$Properties): Uint8Array {
  return onnx.TensorProto.encode(t).finish();
}

/** A TensorProto whose data lives in an external file. */
export function externalTensor(name: string, dims: number[], entries: [string, string][]): onnx.TensorProto.$Properties {
  return { name, dims, dataType: 1, dataLocation: 1, externalData: entries.map(([key, value]) => ({ key, value })) };
}

/** A small deterministic pseudo-random byte generator (xorshift32). */
export function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}
