import { definePass, type PassContext } from '../../pass';
import { fixpointMembers } from '../../stages';

/**
 * Streamline: the move / collapse / absorb passes repeated to a fixpoint (FINN's Streamline,
 * extended for Scan bodies) — every registered pass with `fixpoint: { of: 'streamline' }`, in their
 * order: Subs become Adds of a Neg, scales are split at forks, moved past data movement, MatMul,
 * Conv, element-wise Mul and Add / Sub joins, collapsed when exact, absorbed into MultiThresholds,
 * moved into Scans through scan inputs and out of them through integer states.
 */
export default definePass({
  name: 'streamline',
  description: 'repeat the scale move / collapse / absorb passes and Scan state integerisation until nothing changes',
  stage: 'streamlined',
  placement: { stage: 'streamlined', after: ['quant-to-multithreshold'] },
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
    const members = fixpointMembers(ctx.registry, 'streamline');
    for (let round = 0; round < rounds; round++) {
      let any = false;
      for (const name of members) {
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
