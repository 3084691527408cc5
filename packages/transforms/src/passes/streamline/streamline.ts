import { definePass, type PassContext } from '../../pass';

/**
 * The passes `streamline` runs, in order, until none changes the model: scales are split at forks,
 * moved past data movement, MatMul, Conv, element-wise Mul and Add joins, collapsed when exact,
 * absorbed into MultiThresholds, moved into Scans through scan inputs and out of them through
 * integer states.
 */
export const STREAMLINE_PASSES = [
  'sub-to-add',
  'move-mul-past-fork',
  'move-mul-past-invariants',
  'grid-product-into-multithreshold',
  'move-mul-past-matmul',
  'move-mul-past-conv',
  'move-mul-past-mul',
  'move-mul-past-add',
  'collapse-repeated-mul',
  'collapse-repeated-add',
  'absorb-add-into-multithreshold',
  'absorb-mul-into-multithreshold',
  'move-mul-into-scan',
  'integerize-scan-state',
] as const;

/** Streamline: the move / collapse / absorb passes repeated to a fixpoint (FINN's Streamline, extended for Scan bodies). */
export default definePass({
  name: 'streamline',
  description: 'repeat the scale move / collapse / absorb passes and Scan state integerisation until nothing changes',
  stage: 'streamlined',
  options: { 'max-rounds': { default: 50, description: 'give up after this many rounds' } },
  run(model, ctx, options) {
    const seen = new Set<string>();
    const inner: PassContext = {
      ...ctx,
      note: (m) => {
        if (!seen.has(m)) {
          seen.add(m);
          ctx.note(m);
        }
      },
    };
    let changed = false;
    const rounds = options['max-rounds'] as number;
    for (let round = 0; round < rounds; round++) {
      let any = false;
      for (const name of STREAMLINE_PASSES) {
        const pass = ctx.registry.get('passes', name);
        if (!pass?.run) throw new Error(`streamline needs the pass '${name}'`);
        const defaults = Object.fromEntries(Object.entries(pass.options ?? {}).map(([k, v]) => [k, v.default]));
        if (pass.run(model, inner, defaults).changed) any = true;
      }
      if (!any) return { changed };
      changed = true;
    }
    ctx.note(`no fixpoint after ${rounds} rounds`);
    return { changed };
  },
});
