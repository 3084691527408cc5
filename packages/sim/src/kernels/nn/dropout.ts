import { type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * Dropout in inference: the output is the input, and the optional mask is all true (bool since
 * opset 10; before that a tensor of the input's type filled with ones). Before opset 12 the op is
 * always treated as inference (as runtimes do). From opset 12 the optional `training_mode` input may
 * ask for training: allowed only with ratio 0 (a random mask cannot be simulated bit-accurately).
 */
function create(node: Node, ctx: KernelContext) {
  const wantMask = !!node.outputs[1];
  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    if (ctx.opset >= 12 && inputs[2] && readNumbers(inputs[2])[0]) {
      const ratio = inputs[1] ? readNumbers(inputs[1])[0] : 0.5;
      if (ratio !== 0) ctx.fail(`training_mode is true with ratio ${ratio}: random dropout cannot be simulated; export the model for inference`);
    }
    if (!wantMask) return [X];
    if (ctx.opset < 10) return [X, fromNumbers(X.elemType, X.dims, new Float64Array(X.size).fill(1))];
    return [X, new Tensor('bool', X.dims, new Uint8Array(X.size).fill(1))];
  };
}

export default defineKernelVersions({ domain: '', opType: 'Dropout', create }, [1, 6, 7, 10, 12, 13, 22]);
