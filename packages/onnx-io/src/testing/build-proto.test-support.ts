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

/** Model bytes whose graph nests `depth` If-node subgraphs, built by hand (protobufjs itself would recurse). */
export function deeplyNested(depth: number): Uint8Array {
  const varint = (n: number) => {
    const b: number[] = [];
    while (n > 0x7f) {
      b.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    b.push(n);
    return b;
  };
  // Per level, outside in: node (graph field 1) > op_type 'If' (4), attribute (5) > name 'g' (1), type GRAPH (20), g (6) > inner graph.
  const attrHead = [0x0a, 0x01, 0x67, 0xa0, 0x01, 0x05, 0x32];
  const opType = [0x22, 0x02, 0x49, 0x66];
  const prefixes: number[][] = [];
  let size = 0; // the innermost graph is empty
  for (let k = 0; k < depth; k++) {
    const attr = attrHead.length + varint(size).length + size;
    const node = opType.length + 1 + varint(attr).length + attr;
    prefixes.push([0x0a, ...varint(node), ...opType, 0x2a, ...varint(attr), ...attrHead, ...varint(size)]);
    size = 1 + varint(node).length + node;
  }
  const head = [0x08, 0x08, 0x3a, ...varint(size)];
  const out = new Uint8Array(head.length + size);
  out.set(head);
  let at = head.length;
  for (let k = depth - 1; k >= 0; k--) {
    out.set(prefixes[k], at);
    at += prefixes[k].length;
  }
  return out;
}
