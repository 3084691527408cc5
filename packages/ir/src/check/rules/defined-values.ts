import { quoteName } from '../../text/escape';
import { nodeLabel } from '../node-label';
import type { GraphCheck } from '../scope';

/** No dangling names: every node input and graph output is defined in the graph or an enclosing one. */
export function checkDefinedValues(check: GraphCheck): void {
  const { graph, scope, where } = check;
  const rule = 'defined-values';
  graph.nodes.forEach((n, k) => {
    for (const i of n.inputs) {
      if (i && !scope.visible(i)) check.report(rule, `${where}: ${nodeLabel(n, k)} reads ${quoteName(i)}, which no node, graph input or initializer provides`);
    }
  });
  for (const o of graph.outputs) {
    if (!scope.visible(o.name)) check.report(rule, `${where}: graph output ${quoteName(o.name)} is produced by no node, graph input or initializer`);
  }
}
