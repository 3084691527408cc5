import { inferTypes } from '@scanflow/ir';
import { upgradeOpset } from '../graph/upgrade-opset';
import { definePass } from '../pass';

/**
 * Raises the default-domain opset of a model to `target` (13 to 17), rewriting the ops whose
 * signature changed on the way so that every later pass sees one form. The rewrites are the op
 * schemas' version adapters (their `upgrade` hooks): attribute operands become inputs (Clip
 * min/max < 11, Pad pads/value < 11, Slice starts/ends/axes < 10, Squeeze / Unsqueeze / ReduceSum
 * axes < 13, Split split < 13, Dropout ratio < 12), Softmax / LogSoftmax before 13 (which flatten to
 * 2-D at `axis`) get the explicit single-axis form, and BatchNormalization loses `spatial=1`. Models
 * already at or above `target` are left alone; constructs whose meaning would change (Scan-8,
 * BatchNormalization spatial=0, Add/Mul/... with `broadcast` before opset 7) are refused with the
 * node named.
 */
export default definePass({
  name: 'normalize-opset',
  description: 'raise the default-domain opset to a target, rewriting ops whose signature changed',
  stage: 'import',
  placement: { stage: 'import', order: 'pre' },
  options: { target: { default: 14, description: 'the opset to raise to (13 to 17)' } },
  run(model, ctx, options) {
    const target = options.target as number;
    if (!Number.isInteger(target) || target < 13 || target > 17) throw new Error(`target ${target}: choose an opset from 13 to 17`);
    const from = model.opsetVersion('');
    if (from >= target) {
      ctx.note(`opset ${from} is already at or above ${target}`);
      return { changed: false };
    }
    try {
      inferTypes(model, ctx.registry, ctx.evaluate ? { evaluate: ctx.evaluate } : {});
    } catch {
      // ranks are only needed by Softmax-like ops, which say so when they lack them
    }
    const { rewritten, refused } = upgradeOpset(model, ctx.registry, target);
    if (refused.length) throw new Error(`node ${refused[0]!.node.label}: ${refused[0]!.reason}`);
    ctx.note(`opset ${from} → ${target}: ${rewritten} node(s) rewritten`);
    return { changed: true };
  },
});
