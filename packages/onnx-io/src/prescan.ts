import { LimitError } from '@scanflow/ir';

/** Message kinds the prescan descends into, and which fields hold which kinds. */
type Kind = 'model' | 'graph' | 'node' | 'attribute' | 'function' | 'training';
const CHILDREN: Record<Kind, Record<number, Kind>> = {
  model: { 7: 'graph', 25: 'function', 20: 'training' }, // ModelProto.graph, functions, training_info
  training: { 1: 'graph', 2: 'graph' }, // TrainingInfoProto.initialization, algorithm
  function: { 7: 'node' }, // FunctionProto.node
  graph: { 1: 'node' }, // GraphProto.node
  node: { 5: 'attribute' }, // NodeProto.attribute
  attribute: { 6: 'graph', 11: 'graph' }, // AttributeProto.g, graphs
};

export interface PrescanLimits {
  maxNodes: number;
  maxNesting: number;
}

/**
 * Walks the protobuf wire format of a ModelProto without decoding it — only the fields that lead
 * to nodes and subgraphs, with an explicit stack — and throws a LimitError when the model holds
 * more nodes or deeper subgraphs than allowed, before protobufjs builds (or recurses through) them.
 * Malformed bytes end the walk silently: reporting them is the decoder's job.
 */
export function prescanModel(bytes: Uint8Array, limits: PrescanLimits, file: string): void {
  let nodes = 0;
  // [start, end, kind, graph depth]
  const stack: [number, number, Kind, number][] = [[0, bytes.length, 'model', 0]];
  while (stack.length) {
    const [start, end, kind, depth] = stack.pop()!;
    let p = start;
    while (p < end) {
      // tag
      let tag = 0;
      let shift = 0;
      let b: number;
      do {
        if (p >= end || shift > 28) return;
        b = bytes[p++]!;
        tag += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (wire === 0) {
        let k = 0;
        while (p < end && bytes[p++]! & 0x80) if (++k > 10) return;
      } else if (wire === 1) p += 8;
      else if (wire === 5) p += 4;
      else if (wire === 2) {
        let len = 0;
        shift = 0;
        do {
          if (p >= end || shift > 49) return;
          b = bytes[p++]!;
          len += (b & 0x7f) * 2 ** shift;
          shift += 7;
        } while (b & 0x80);
        if (p + len > end) return;
        const child = CHILDREN[kind][field];
        if (child) {
          const childDepth = child === 'graph' && kind === 'attribute' ? depth + 1 : depth;
          if (child === 'node' && ++nodes > limits.maxNodes) {
            throw new LimitError('maxNodes', `${file}: the model has more than ${limits.maxNodes} nodes, over the limit maxNodes = ${limits.maxNodes} (raise it in the load options)`);
          }
          if (childDepth > limits.maxNesting) {
            throw new LimitError('maxNesting', `${file}: subgraphs are nested more than ${limits.maxNesting} deep, over the limit maxNesting = ${limits.maxNesting} (raise it in the load options)`);
          }
          stack.push([p, p + len, child, childDepth]);
        }
        p += len;
      } else return; // groups (3, 4) and invalid wire types: left to the decoder
    }
  }
}
