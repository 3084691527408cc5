import type { Node } from '../../graph/node';
import { quoteName } from '../../text/escape';
import { nodeLabel } from '../node-label';
import type { GraphCheck } from '../scope';

/**
 * ONNX's single static assignment: graph inputs are distinct, every value is produced once —
 * by an input, an initializer or one node output — and a node output never reuses a name of an
 * enclosing graph. Graph outputs are distinct. Fills `check.scope` with the graph's names.
 */
export function checkSingleAssignment(check: GraphCheck): void {
  const { graph, scope, where } = check;
  const rule = 'single-assignment';
  for (const i of graph.inputs) {
    if (scope.names.has(i.name)) check.report(rule, `${where}: graph input ${quoteName(i.name)} is declared twice`);
    scope.names.add(i.name);
  }
  const initializers = [...graph.initializers.keys(), ...graph.sparseInitializers.keys()];
  for (const k of initializers) scope.names.add(k);
  const producedBy = new Map<string, Node>();
  for (const n of graph.nodes) {
    for (const o of n.outputs) {
      if (!o) continue;
      const earlier = producedBy.get(o);
      if (earlier !== undefined) {
        check.report(rule, `${where}: value ${quoteName(o)} is produced by two nodes, ${nodeLabel(earlier)} and ${nodeLabel(n)}; every value must be assigned once`);
      } else if (scope.names.has(o)) {
        check.report(rule, `${where}: ${nodeLabel(n)} produces ${quoteName(o)}, which is already a graph input or initializer; every value must be assigned once`);
      } else if (scope.inAncestors(o)) {
        check.report(rule, `${where}: ${nodeLabel(n)} produces ${quoteName(o)}, which an enclosing graph already defines; a subgraph may not redefine outer values`);
      }
      producedBy.set(o, n);
      scope.names.add(o);
    }
  }
  const outputs = new Set<string>();
  for (const o of graph.outputs) {
    if (outputs.has(o.name)) check.report(rule, `${where}: graph output ${quoteName(o.name)} is listed twice; graph outputs must be distinct`);
    outputs.add(o.name);
  }
}
