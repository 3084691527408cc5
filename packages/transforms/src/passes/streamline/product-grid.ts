import { Node } from '@scanflow/ir';
import type { RewriteContext } from '../../graph/rewrite-driver';
import { NameSource } from '../../graph/names';
import { addConstant, constantOf, constantOperand, f32Tensor, scaleMul, usesOf, valuesOf } from '../../graph/graph-tools';
import type { LevelFunction, Steps } from './quantiser';
import type { Interval } from './ranges';

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

/**
 * A value known to be n · s with n integer-valued in `range` and a single positive scale s. `value`
 * gives the float32 value the reference computes at integer n when that is not simply fl(n · s)
 * (a constant minus a grid value); `define` names n and makes the node computing it (with its
 * constant) when n does not exist yet — called only when the grid is used, before `integer` is read.
 */
export interface Grid {
  integer: string;
  range: Interval;
  scale: number;
  value?: (n: number) => number;
  define?: () => Node;
}

/** Relative distance below which a constant counts as lying on a grid (c / s within float32 rounding of an integer). */
const ON_GRID = 1e-6;

export function gridOf(rc: RewriteContext, name: string): Grid | undefined {
  const { graph, uses, names } = rc;
  const direct = rc.range(name);
  if (direct) return { integer: name, range: direct, scale: 1 };
  const p = uses.producer.get(name);
  const m = scaleMul(graph, p);
  if (m) {
    if (m.scale.size !== 1) return undefined;
    const r = rc.range(m.input);
    const s = valuesOf(m.scale)[0];
    return r && s > 0 ? { integer: m.input, range: r, scale: Math.fround(s) } : undefined;
  }
  // c − n·s or n·s − c, with c on the grid of s in exact arithmetic: the integer K − n (or n − K)
  if (!p || p.opType !== 'Sub' || p.domain !== '' || p.inputs.length !== 2) return undefined;
  const c0 = constantOf(graph, p.inputs[0]);
  const c1 = constantOf(graph, p.inputs[1]);
  const constantFirst = !!c0 && !c1;
  const c = constantFirst ? c0 : c1;
  const g = constantFirst ? scaleMul(graph, uses.producer.get(p.inputs[1])) : c0 ? undefined : scaleMul(graph, uses.producer.get(p.inputs[0]));
  if (!c || c.size !== 1 || !g || g.scale.size !== 1) return undefined;
  const r = rc.range(g.input);
  const s = Math.fround(valuesOf(g.scale)[0]);
  const cv = Math.fround(valuesOf(c)[0]);
  const K = Math.round(cv / s);
  if (!r || !(s > 0) || Math.abs(cv - K * s) > ON_GRID * Math.max(Math.abs(cv), s)) return undefined;
  const grid: Grid = constantFirst
    ? { integer: '', range: { lo: K - r.hi, hi: K - r.lo }, scale: s, value: (i) => Math.fround(cv - Math.fround((K - i) * s)) }
    : { integer: '', range: { lo: r.lo - K, hi: r.hi - K }, scale: s, value: (i) => Math.fround(Math.fround((i + K) * s) - cv) };
  grid.define = (): Node => {
    grid.integer = names.fresh(`${name}_int`);
    const k = addConstant(graph, names, `${name}_grid_offset`, f32Tensor([], [K]));
    return new Node({ opType: 'Sub', inputs: constantFirst ? [k, g.input] : [g.input, k], outputs: [grid.integer], name: names.fresh(`${p.name || name}_grid`) });
  };
  return grid;
}

/** The two grid factors of `name` when it is Mul(a, b) of two dynamic values on integer grids. */
export function productFactors(rc: RewriteContext, name: string): [Grid, Grid] | undefined {
  const graph = rc.graph;
  const p = rc.uses.producer.get(name);
  if (!p || p.opType !== 'Mul' || p.domain !== '' || p.inputs.length !== 2 || constantOperand(graph, p)) return undefined;
  if (p.inputs.some((i) => graph.initializers.has(i))) return undefined;
  const a = gridOf(rc, p.inputs[0]);
  const b = gridOf(rc, p.inputs[1]);
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
  const va = a.value ?? ((i: number) => Math.fround(i * a.scale));
  const vb = b.value ?? ((j: number) => Math.fround(j * b.scale));
  for (let i = a.range.lo; i <= a.range.hi; i++) {
    const xa = va(i);
    for (let j = b.range.lo; j <= b.range.hi; j++) {
      xs[k] = Math.fround(xa * vb(j));
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
