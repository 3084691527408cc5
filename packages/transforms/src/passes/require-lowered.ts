import { type ContributionKind, forEachGraph, normalizeDomain, OpLookup } from '@scanflow/ir';
import { definePass } from '../pass';
import { PassError } from '../pass-manager';

/**
 * The last step of the import stage: no node of an op whose schema says `needsLowering` (the ONNX
 * RNN family) may be left — one is there only when no registered pass lowers its op (e.g. a GRU
 * without a plugin contributing a GRU lowering). Fails with a one-line PassError naming the first
 * such node and its op, instead of leaving it to the later stages as an unexplained host op —
 * unless a plugin registers a hardware layer for the op itself.
 */

// Hardware layers are @scanflow/hls-backend's contribution kind (declaration merging): looked up by
// name here, without importing that package.
const HW_LAYERS = 'hwLayers' as unknown as ContributionKind;
export default definePass({
  name: 'require-lowered',
  description: 'fail when a node of an op that must be lowered (needsLowering: the ONNX RNN family) is left after the import stage, naming it',
  stage: 'import',
  placement: { stage: 'import', order: 'post', after: ['cleanup-lowered'] },
  run(model, ctx) {
    const ops = new OpLookup(ctx.registry, model);
    forEachGraph(model.graph, (g) => {
      for (const n of g.nodes) {
        if (!ops.traits(n).needsLowering || ctx.registry.find(HW_LAYERS, normalizeDomain(n.domain), n.opType)) continue;
        const op = n.domain ? `${n.domain}::${n.opType}` : n.opType;
        throw new PassError(`node ${n.label}: no registered pass lowers ${op} (its schema is known, but nothing of the import stage rewrites it and no hardware layer implements it); load a plugin that lowers ${op} (--plugin MODULE or scanflow.config)`);
      }
    });
    return { changed: false };
  },
});
