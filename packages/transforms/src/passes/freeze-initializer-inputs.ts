import { forEachGraph } from '@scanflow/ir';
import { definePass } from '../pass';

/**
 * Graph inputs that also have an initializer (the pre-IR-4 convention: the initializer is a default
 * the caller may override; Brevitas lists LSTM biases this way) become plain constants: hardware
 * bakes them in, and the streamlining may only fold and absorb constants. The model's callers feed
 * the same values as before when they leave these inputs out, which is how they are run here.
 */
export default definePass({
  name: 'freeze-initializer-inputs',
  description: 'graph inputs with an initializer become constants (their default value)',
  stage: 'import',
  placement: { stage: 'import', order: 'pre', after: ['normalize-opset'] },
  run(model, ctx) {
    let n = 0;
    forEachGraph(model.graph, (g, depth) => {
      if (depth > 0) return; // a body's inputs are its loop-carried values, never defaults
      const frozen = g.inputs.filter((i) => g.initializers.has(i.name));
      if (!frozen.length) return;
      g.inputs = g.inputs.filter((i) => !g.initializers.has(i.name));
      n += frozen.length;
      ctx.note(`graph '${g.name}': input(s) ${frozen.map((i) => `'${i.name}'`).join(', ')} have initializers; frozen to those constants`);
    });
    return { changed: n > 0 };
  },
});
