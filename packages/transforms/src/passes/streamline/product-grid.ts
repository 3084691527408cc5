import type { Graph, OpLookup } from '@scanflow/ir';
import { constantOperand, scaleMul, usesOf, valuesOf } from './graph-tools';
import type { LevelFunction, Steps } from './quantiser';
import { analyseGraph, type Interval } from './ranges';

/**
 * A quantiser reading the element-wise product of two quantised values, Quant(a ⊙ b) with
 * a = n_a·s_a and b = n_b·s_b (n integer, s per tensor), is a function of the integer product
 * P = n_a·n_b only in exact arithmetic: the reference computes fl32(fl32(n_a·s_a)·fl32(n_b·s_b)),
 * and where P·s_a·s_b/s is a rounding tie, different factorisations of the same P can round
 * differently. Enumerating every pair (n_a, n_b) through the reference's own arithmetic gives, for
 * each achievable P, the level the reference computes — the same for all factorisations except at a
 * few ties, which are resolved by the tie rule (the even level). If the levels are non-decreasing in
 * P, the quantiser becomes a MultiThreshold on P with integer thresholds.
 */

/** A value known to be n · s with n integer-valued in `range` and a single positive scale s. */
export interface Grid {
  integer: string;
  range: Interval;
  scale: number;
}

export function gridOf(ops: OpLookup, graph: Graph, name: string): Grid | undefined {
  const ranges = analyseGraph(ops, graph, new Map());
  const direct = ranges.get(name);
  if (direct) return { integer: name, range: direct, scale: 1 };
  const m = scaleMul(graph, usesOf(graph).producer.get(name));
  if (!m || m.scale.size !== 1) return undefined;
  const r = ranges.get(m.input);
  const s = valuesOf(m.scale)[0];
  return r && s > 0 ? { integer: m.input, range: r, scale: Math.fround(s) } : undefined;
}

/** The two grid factors of `name` when it is Mul(a, b) of two dynamic values on integer grids. */
export function productFactors(ops: OpLookup, graph: Graph, name: string): [Grid, Grid] | undefined {
  const p = usesOf(graph).producer.get(name);
  if (!p || p.opType !== 'Mul' || p.domain !== '' || p.inputs.length !== 2 || constantOperand(graph, p)) return undefined;
  if (p.inputs.some((i) => graph.initializers.has(i))) return undefined;
  const a = gridOf(ops, graph, p.inputs[0]);
  const b = gridOf(ops, graph, p.inputs[1]);
  return a && b ? [a, b] : undefined;
}

const PAIR_LIMIT = 1 << 20;

/**
 * Steps of `level` over the achievable products P, or a reason. `ties` counts the products whose
 * factorisations the reference rounds to different levels.
 */
export function productSteps(level: LevelFunction, a: Grid, b: Grid): { steps: Steps; ties: number } | string {
  const na = a.range.hi - a.range.lo + 1;
  const nb = b.range.hi - b.range.lo + 1;
  if (na * nb > PAIR_LIMIT) return `${na}×${nb} factor pairs are too many to enumerate`;
  const xs = new Float32Array(na * nb);
  const ps = new Array<number>(na * nb);
  let k = 0;
  for (let i = a.range.lo; i <= a.range.hi; i++) {
    const xa = Math.fround(i * a.scale);
    for (let j = b.range.lo; j <= b.range.hi; j++) {
      xs[k] = Math.fround(xa * Math.fround(j * b.scale));
      ps[k++] = i * j + 0;
    }
  }
  const lv = level(xs);
  const byP = new Map<number, Set<number>>();
  ps.forEach((p, i) => {
    const s = byP.get(p);
    if (s) s.add(lv[i]);
    else byP.set(p, new Set([lv[i]]));
  });
  const sorted = [...byP.keys()].sort((x, y) => x - y);
  let ties = 0;
  const levelAt = sorted.map((p) => {
    const set = [...byP.get(p)!];
    if (set.length === 1) return set[0];
    ties++;
    if (set.length > 2 || Math.abs(set[0] - set[1]) !== 1) return NaN;
    return set[0] % 2 === 0 ? set[0] : set[1];
  });
  for (let i = 0; i < levelAt.length; i++) {
    if (Number.isNaN(levelAt[i])) return `the product ${sorted[i]} maps to levels more than one apart`;
    if (i && levelAt[i] < levelAt[i - 1]) return 'the quantised product is not monotone in n_a·n_b';
  }
  const base = levelAt[0];
  const thresholds: number[] = [];
  for (let L = base + 1, i = 0; L <= levelAt[levelAt.length - 1]; L++) {
    while (levelAt[i] < L) i++;
    thresholds.push(sorted[i]);
  }
  return { steps: { base, thresholds }, ties };
}
