import { GraphBuilder, Model, Node, Tensor } from '@scanflow/ir';

/**
 * Small models that break one rule each, built directly in the IR (the encoder writes whatever it
 * is given), for the CLI's hardening tests. Each is valid except for the one thing named.
 */

/** x → Relu → y, the valid base (opset 17). */
export function reluChain(): GraphBuilder {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [2]);
  b.op('Relu', [x], {}, { outputs: ['a'], name: 'r' });
  b.op('Neg', ['a'], {}, { outputs: ['y'], name: 'n' });
  b.output('y', 'float32', [2]);
  return b;
}

/** Value 'a' produced by two nodes. */
export function twoProducers(): Model {
  const b = reluChain();
  b.graph.nodes.splice(1, 0, new Node({ opType: 'Abs', name: 'again', inputs: ['x'], outputs: ['a'] }));
  return b.model({ opset: 17 });
}

/** Graph output 'y' listed twice. */
export function duplicateOutputs(): Model {
  const b = reluChain();
  b.graph.outputs.push({ ...b.graph.outputs[0]! });
  return b.model({ opset: 17 });
}

/** Relu reads Neg's output, Neg reads Relu's. */
export function cyclic(): Model {
  const b = reluChain();
  b.graph.nodes[0]!.inputs = ['y'];
  return b.model({ opset: 17 });
}

/** Neg reads a value nothing produces. */
export function dangling(): Model {
  const b = reluChain();
  b.graph.nodes[1]!.inputs = ['nowhere'];
  return b.model({ opset: 17 });
}

/** A node and a value whose names hold a newline, CR and ANSI escapes that forge a line / clear the screen. */
export function hostileNames(): Model {
  const b = reluChain();
  b.graph.nodes[0]!.name = 'r\nscanflow: everything fine, exit 0\x1b[2J';
  b.graph.nodes[0]!.outputs = ['a\r\x1b[31mred'];
  b.graph.nodes[1]!.inputs = ['a\r\x1b[31mred'];
  b.graph.nodes[1]!.outputs = ['y\nscanflow: forged\u202e'];
  b.graph.outputs[0]!.name = 'y\nscanflow: forged\u202e';
  return b.model({ opset: 17 });
}

/** About a hundred bytes that ask for a [32768, 32768] float32 tensor (4 GiB). */
export function constantOfShapeBomb(): Model {
  const b = new GraphBuilder('bomb');
  const shape = b.initializer('shape', new Tensor('int64', [2], BigInt64Array.of(32768n, 32768n)));
  b.output(b.op('ConstantOfShape', [shape], {}, { outputs: ['big'], name: 'fill' }));
  return b.model({ opset: 17 });
}

/** Expand of a one-element input to [32768, 32768]. */
export function expandBomb(): Model {
  const b = new GraphBuilder('bomb');
  const x = b.input('x', 'float32', [1]);
  const shape = b.initializer('shape', new Tensor('int64', [2], BigInt64Array.of(32768n, 32768n)));
  b.output(b.op('Expand', [x, shape], {}, { outputs: ['big'], name: 'grow' }));
  return b.model({ opset: 17 });
}

/** `model` with the op type of its first node matching `from` (in any graph) renamed to `to`. */
export function renameOp(model: Model, from: string, to: string): Model {
  const visit = (nodes: Node[]): boolean => {
    for (const n of nodes) {
      if (n.opType === from) {
        n.opType = to;
        return true;
      }
      for (const a of n.attributes.values()) if (a.type === 'graph' && visit(a.value.nodes)) return true;
    }
    return false;
  };
  if (!visit(model.graph.nodes)) throw new Error(`no ${from} node`);
  return model;
}
