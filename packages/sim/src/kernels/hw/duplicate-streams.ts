import { HW_DOMAIN, type Node, type Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { positiveIntAttr, readStream } from './hw-common';

/** DuplicateStreams: every output is the input (tensors are never mutated, so no copy). */
function create(node: Node, ctx: KernelContext) {
  const channels = positiveIntAttr(node, ctx, 'channels');
  if (node.outputs.length < 2) ctx.fail(`has ${node.outputs.length} output(s), expected at least 2 copies`);
  return (inputs: readonly (Tensor | undefined)[]) => {
    readStream(inputs[0], channels, `x '${node.inputs[0]}'`, 'channels', ctx);
    return node.outputs.map(() => inputs[0]);
  };
}

const duplicateStreams: KernelDefinition = { domain: HW_DOMAIN, opType: 'DuplicateStreams', create };
export default duplicateStreams;
