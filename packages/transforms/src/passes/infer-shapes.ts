import { inferTypes } from '@scanflow/ir';
import { definePass } from '../pass';

/** Infers element types and shapes of every value, through Scan bodies, and records them in value_info. */
export default definePass({
  name: 'infer-shapes',
  description: 'infer element types and shapes of every value (through subgraphs) into value_info',
  stage: 'import',
  placement: [
    { stage: 'streamlined', order: 'post' },
    { stage: 'hardware', order: 'post', after: ['insert-duplicate-streams'] },
  ],
  run(model, ctx) {
    const before = JSON.stringify([...model.graph.valueInfo.keys()]);
    inferTypes(model, ctx.registry, ctx.evaluate ? { evaluate: ctx.evaluate } : {});
    return { changed: JSON.stringify([...model.graph.valueInfo.keys()]) !== before };
  },
});
