import { buildUseDef, definedNames, type Graph, isGraphOutput, type Model, subgraphsOf } from '@scanflow/ir';
import { NameSource } from '../graph/names';
import { upgradeOpset } from '../graph/upgrade-opset';
import type { PassContext, PassResult } from '../pass';
import { PassError } from '../pass-manager';
import { type CellWriter, lowerRecurrent } from './lower-recurrent';

import { readRecurrentSpec, type RecurrentOp, type RecurrentSpec } from './recurrent-spec';

function forEachNodeGraph(graph: Graph, visit: (g: Graph) => void): void {
  visit(graph);
  for (const n of graph.nodes) for (const { graph: sub } of subgraphsOf(n)) forEachNodeGraph(sub, visit);
}

/**
 * Scan-9 needs opset 9: raises an older model's opset through the op schemas' version adapters
 * (`upgradeOpset`), refusing when a node's meaning would change (Scan-8, BatchNormalization with
 * spatial=0 ...).
 */
function ensureScanOpset(model: Model, op: RecurrentOp, ctx: PassContext): number {
  const opset = model.opsetVersion('');
  if (opset >= 9) return opset;
  const { refused } = upgradeOpset(model, ctx.registry, 9);
  if (refused.length) {
    const what = [...new Map(refused.map((r) => [r.node.opType, `${r.node.opType} (${r.reason})`])).values()];
    throw new PassError(`the model imports ONNX opset ${opset}, and the Scan a ${op.opType} is lowered to needs opset 9; raising it would change the meaning of ${what.join(', ')}`);
  }
  ctx.note(`raised the ONNX opset from ${opset} to 9 (Scan-9)`);
  return 9;
}

/** Drops the constant operands (initializers of the node's graph or an enclosing one) that only the lowered node read. */
function dropUnusedConstants(scopes: readonly Graph[], spec: RecurrentSpec): void {
  for (const name of spec.constants.keys()) {
    const owner = scopes.find((g) => definedNames(g).has(name));
    if (!owner || !owner.initializers.has(name) || owner.inputs.some((i) => i.name === name) || isGraphOutput(owner, name)) continue;
    if (buildUseDef(owner).consumers.has(name)) continue;
    owner.initializers.delete(name);
    owner.valueInfo.delete(name);
  }
}

function describe(spec: RecurrentSpec): string {
  const parts = [spec.D === 2 ? 'bidirectional' : spec.reverse[0] ? 'reverse' : 'forward', `hidden ${spec.H}`];
  if (spec.layout === 1) parts.push('layout 1');
  if (spec.clip !== undefined) parts.push(`clip ${spec.clip}`);
  if (spec.inputs.P) parts.push('peepholes');
  if (spec.inputForget) parts.push('input_forget');
  const acts = spec.activations.map((a) => a.name).join('/');
  if (acts !== spec.op.defaultActivations.concat(spec.D === 2 ? spec.op.defaultActivations : []).join('/')) parts.push(`activations ${acts}`);
  if (spec.masked) parts.push('sequence_lens masked');
  const weights = [spec.inputs.W, spec.inputs.R].every((n) => spec.constants.has(n)) ? 'per-gate initializers' : 'weights sliced in the graph';
  parts.push(weights);
  return parts.join(', ');
}

/** Lowers every `op.opType` node of the default domain, in every graph, to Scans whose body `cell` writes. */
export function lowerAllRecurrent(model: Model, ctx: PassContext, op: RecurrentOp, cell: CellWriter): PassResult {
  let any = false;
  forEachNodeGraph(model.graph, (g) => {
    any ||= g.nodes.some((n) => n.opType === op.opType && n.domain === '');
  });
  if (!any) return { changed: false };
  const opset = ensureScanOpset(model, op, ctx);
  const names = new NameSource(model);
  let count = 0;
  const walk = (graph: Graph, scopes: Graph[]): void => {
    for (const node of [...graph.nodes]) {
      if (node.opType !== op.opType || node.domain !== '') continue;
      const spec = readRecurrentSpec(op, node, scopes, opset);
      const scans = lowerRecurrent(spec, graph, opset, names, cell);
      dropUnusedConstants(scopes, spec);
      ctx.note(`lowered ${node.label} to ${scans} Scan(s): ${describe(spec)}`);
      count++;
    }
    for (const n of graph.nodes) for (const { graph: sub } of subgraphsOf(n)) walk(sub, [sub, ...scopes]);
  };
  walk(model.graph, [model.graph]);
  return { changed: count > 0 };
}
