import { forEachGraph } from '@scanflow/ir';
import { pruneDead } from '../graph/graph-tools';
import { definePass } from '../pass';

/** Removes nodes (and initializers) that no graph output depends on, in every subgraph. */
export default definePass({
  name: 'remove-dead-nodes',
  description: 'remove nodes and initializers no graph output depends on (nodes are assumed free of side effects)',
  stage: 'import',
  run(model, ctx) {
    let removed = 0;
    // Parents first: a dead parent's subgraph references are gone before its body is looked at.
    forEachGraph(model.graph, (g) => {
      removed += pruneDead(g);
    });
    if (removed) ctx.note(`removed ${removed} dead node(s)`);
    return { changed: removed > 0 };
  },
});
