import { buildUseDef, definedNames, type Graph, isGraphOutput, type Model, type Node, subgraphsOf } from '@scanflow/ir';
import { NameSource } from '../graph/names';
import { upgradeOpset } from '../graph/upgrade-opset';
import type { PassContext, PassResult } from '../pass';
import { PassError } from '../pass-manager';
import { type CellContext, type CellWriter, lowerRecurrent } from './lower-recurrent';

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
  if (spec.op.describe) parts.push(...spec.op.describe(spec));
  const acts = spec.activations.map((a) => a.name).join('/');
  if (acts !== spec.op.defaultActivations.concat(spec.D === 2 ? spec.op.defaultActivations : []).join('/')) parts.push(`activations ${acts}`);
  if (spec.masked) parts.push('sequence_lens masked');
  const weights = [spec.inputs.W, spec.inputs.R].every((n) => spec.constants.has(n)) ? 'per-gate initializers' : 'weights sliced in the graph';
  parts.push(weights);
  return parts.join(', ');
}

/**
 * The generic recurrent lowering: replaces every node of `op` (its `opType` in its `domain`, the ONNX
 * default domain when absent), in every graph including Scan bodies, by one ONNX Scan per direction
 * whose body `cell` writes, with the graph around it (transposes to the column layout, initial states,
 * per-gate weight slices, sequence_lens masking, Y and the final states reassembled under the node's
 * output names). Notes one line per lowered node on `ctx`; raises the model's opset to 9 when it is
 * older (refusing with a PassError when that would change a node's meaning).
 *
 * Call it from a pass's `run`; see `lower-lstm` / `lower-rnn` in this package, and the GRU plugin
 * example (`examples/plugin-gru`), for cells written against {@link CellContext}.
 *
 * @example
 * ```ts
 * definePass({ name: 'lower-gru', description: '...', placement: { stage: 'import', after: ['cleanup'] },
 *   run: (model, ctx) => lowerAllRecurrent(model, ctx, GRU_OP, gruCell) });
 * ```
 */
export function lowerAllRecurrent(model: Model, ctx: PassContext, op: RecurrentOp, cell: CellWriter): PassResult {
  const domain = op.domain ?? '';
  const matches = (n: Node): boolean => n.opType === op.opType && n.domain === domain;
  let any = false;
  forEachNodeGraph(model.graph, (g) => {
    any ||= g.nodes.some(matches);
  });
  if (!any) return { changed: false };
  const opset = ensureScanOpset(model, op, ctx);
  const names = new NameSource(model);
  let count = 0;
  const walk = (graph: Graph, scopes: Graph[]): void => {
    for (const node of [...graph.nodes]) {
      if (!matches(node)) continue;
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
