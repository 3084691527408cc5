import { type Graph, type Model, type Node, OpLookup } from '@scanflow/ir';
import type { FixpointMembership, PassContext, PassDefinition, PassPlacement, PassResult, Stage } from '../../pass';
import { forEachGraphTidy, Names, rankOf, refreshTypes, shapeOf, type Uses, usesOf } from './graph-tools';

/** What a local rewrite sees: the graph it works in, fresh use-def, a name source and the pass context. */
export interface RewriteContext {
  model: Model;
  graph: Graph;
  uses: Uses;
  names: Names;
  ctx: PassContext;
  /** Op schemas and traits of the model's nodes. */
  ops: OpLookup;
}

/** Tries to rewrite the pattern rooted at `node`; returns true when the graph changed. */
export type Rewriter = (r: RewriteContext, node: Node) => boolean;

/**
 * Applies a local rewrite everywhere, in every graph (Scan bodies included), until it no longer
 * matches: after each rewrite the use-def is rebuilt and the scan restarts. Returns the count.
 */
export function rewriteAll(model: Model, ctx: PassContext, rewriter: Rewriter, limit = 100_000): number {
  const names = new Names(model);
  const ops = new OpLookup(ctx.registry, model);
  return forEachGraphTidy(model, (graph) => {
    let count = 0;
    for (let guard = 0; guard < limit; guard++) {
      const uses = usesOf(graph);
      let hit = false;
      // Nothing changes before the first hit (a rewriter that returns false leaves the graph alone),
      // so the scan needs no per-node membership check; it stops at the hit.
      for (const node of [...graph.nodes]) {
        if (rewriter({ model, graph, uses, names, ctx, ops }, node)) {
          hit = true;
          count++;
          break;
        }
      }
      if (!hit) break;
    }
    return count;
  });
}

/**
 * A pass made of one local rewrite applied to a fixpoint (shapes refreshed before, as rewrites read
 * ranks). `finish` runs after the fixpoint with the number of rewrites (e.g. to declare a domain the
 * rewrites introduced, or to note what was left alone and why).
 */
export function rewritePass(spec: {
  name: string;
  description: string;
  rewriter: Rewriter;
  what: string;
  stage?: Stage;
  placement?: PassPlacement | readonly PassPlacement[];
  fixpoint?: FixpointMembership;
  finish?: (model: Model, ctx: PassContext, rewrites: number) => void;
}): PassDefinition {
  return {
    name: spec.name,
    description: spec.description,
    stage: spec.stage ?? 'streamlined',
    ...(spec.placement ? { placement: spec.placement } : {}),
    ...(spec.fixpoint ? { fixpoint: spec.fixpoint } : {}),
    run(model, ctx): PassResult {
      refreshTypes(model, ctx);
      const n = rewriteAll(model, ctx, spec.rewriter);
      if (n) ctx.note(`${n} ${spec.what}`);
      spec.finish?.(model, ctx, n);
      return { changed: n > 0 };
    },
  };
}

/** The rank of a value, re-running shape inference once when a rewrite created it without a type. */
export function rankIn(r: RewriteContext, name: string): number | undefined {
  const have = rankOf(r.graph, name);
  if (have !== undefined) return have;
  refreshTypes(r.model, r.ctx);
  return rankOf(r.graph, name);
}

/** Whether two values have the same known shape (re-running shape inference once if needed). */
export function sameShapeIn(r: RewriteContext, a: string, b: string): boolean {
  const get = (n: string) => shapeOf(r.graph, n);
  if (!get(a) || !get(b)) refreshTypes(r.model, r.ctx);
  const x = get(a);
  const y = get(b);
  return x !== undefined && y !== undefined && JSON.stringify(x) === JSON.stringify(y);
}

/** A fresh name for the unscaled value behind `y` (`y_unscaled`, numbered rather than repeated when y already is one). */
export function unscaledName(names: Names, y: string): string {
  return names.fresh(/_unscaled(_\d+)?$/.test(y) ? y.replace(/(_\d+)$/, '') : `${y}_unscaled`);
}
