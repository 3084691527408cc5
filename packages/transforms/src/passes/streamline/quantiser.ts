import { attrInt, attrString, type Graph, type Model, Node, QONNX_DOMAIN, quantIntRange, Tensor } from '@scanflow/ir';
import type { PassContext } from '../../pass';
import { constantOf, valuesOf } from '../../graph/graph-tools';
import { F32_MAX, firstReaching, KEY_MAX, KEY_MIN, valueOfKey } from './float32';

/**
 * A QONNX Quant's parameters and its semantics as the reference evaluates float32 tensors:
 *
 *     level(x) = R(clamp(fl32(x / s), lo, hi))       y = fl32(level · s)
 *
 * (zero point 0; R = round half to even for rounding_mode ROUND / HALF_EVEN).
 */
export interface Quantiser {
  bits: number;
  signed: boolean;
  narrow: boolean;
  rounding: string;
  lo: number;
  hi: number;
  /** Scale values: one, or one per channel. */
  scale: number[];
  scaleTensor: Tensor;
}

/** Reads a Quant / IntQuant node whose scale, zero point and bit width are constants, zero point 0. */
export function readQuantiser(graph: Graph, node: Node): Quantiser | string {
  if (node.domain !== QONNX_DOMAIN || (node.opType !== 'Quant' && node.opType !== 'IntQuant')) return 'not a Quant';
  const s = constantOf(graph, node.inputs[1]);
  const z = constantOf(graph, node.inputs[2]);
  const b = constantOf(graph, node.inputs[3]);
  if (!s || !z || !b) return 'scale, zero point or bit width is not a constant';
  if (valuesOf(z).some((v) => v !== 0)) return 'the zero point is not 0';
  const bv = valuesOf(b);
  if (bv.length !== 1 || !Number.isInteger(bv[0]) || bv[0] < 1) return 'the bit width is not a single positive integer';
  const bits = bv[0];
  const signed = attrInt(node, 'signed', 1) !== 0;
  const narrow = attrInt(node, 'narrow', 0) !== 0;
  if (bits === 1 && signed) return 'bipolar (1-bit signed) quantisers are not converted';
  const [lo, hi] = quantIntRange(bits, signed, narrow);
  return { bits, signed, narrow, rounding: attrString(node, 'rounding_mode', 'ROUND').toUpperCase(), lo, hi, scale: valuesOf(s), scaleTensor: s };
}

/** Round half to even (numpy rint). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The level a ROUND quantiser with scale s and range [lo, hi] gives a float32 input x (float32 arithmetic as the reference). */
export function quantLevel(x: number, s: number, lo: number, hi: number): number {
  const q = Math.fround(x / s);
  const c = q > lo ? (q < hi ? q : hi) : lo;
  return roundHalfEven(c) + 0;
}

/**
 * float32 emulations of the core activations, for level functions computed without the simulator's
 * evaluator (which activations a quantiser may absorb is the `monotone` op trait's call).
 */
const FLOAT32_ACTIVATIONS: Record<string, (x: number) => number> = {
  Sigmoid: (x) => Math.fround(1 / (1 + Math.exp(-x))),
  Tanh: (x) => Math.fround(Math.tanh(x)),
  Relu: (x) => (x > 0 ? x : 0),
};

/** Computes quantiser levels of a batch of float32 inputs, through an optional activation. */
export type LevelFunction = (xs: Float32Array) => number[];

/**
 * The level function of `act` (optional) followed by `quant` with the single scale `s`: through the
 * simulator's kernels when the pass context has an evaluator (so that thresholds reproduce the
 * reference bit for bit), else by the float32 emulation above (ROUND only).
 */
export function levelFunction(ctx: PassContext, model: Model, act: Node | undefined, quant: Node, q: Quantiser, s: number): LevelFunction | string {
  if (ctx.evaluate) {
    const evaluate = ctx.evaluate;
    const a = act ? new Node({ opType: act.opType, domain: act.domain, inputs: ['x'], outputs: ['y'], attributes: act.attributes }) : undefined;
    const qn = new Node({ opType: quant.opType, domain: quant.domain, inputs: ['y', 's', 'z', 'b'], outputs: ['q'], attributes: quant.attributes });
    const sT = Tensor.scalar('float32', s);
    const zT = Tensor.scalar('float32', 0);
    const bT = Tensor.scalar('float32', q.bits);
    return (xs) => {
      let y: Tensor = new Tensor('float32', [xs.length], xs);
      if (a) {
        const r = evaluate(a, [y], model.opsetVersion(a.domain));
        if (!r) throw new Error(`no kernel evaluates ${a.opType}`);
        y = r[0];
      }
      const r = evaluate(qn, [y, sT, zT, bT], model.opsetVersion(qn.domain));
      if (!r) throw new Error(`no kernel evaluates ${qn.opType}`);
      return valuesOf(r[0]).map((v) => Math.round(v / s) + 0);
    };
  }
  if (q.rounding !== 'ROUND' && q.rounding !== 'HALF_EVEN') return `rounding_mode ${q.rounding} needs the simulator's evaluator`;
  const f = act && act.domain === '' ? FLOAT32_ACTIVATIONS[act.opType] : undefined;
  if (act && !f) return `${act.opType} needs the simulator's evaluator to be absorbed`;
  return (xs) => Array.from(xs, (x) => quantLevel(f ? f(x) : x, s, q.lo, q.hi));
}

/** A step function: y = base + #{thresholds t : x >= t} (thresholds ascending). */
export interface Steps {
  base: number;
  thresholds: number[];
}

/**
 * The step function of a level function over every finite float32 input: `base` is the level of
 * -FLT_MAX, and each threshold is the smallest float32 reaching the next level (a level reached only
 * at +FLT_MAX or never is not a threshold: levels beyond the activation's range drop out).
 */
export function float32Steps(level: LevelFunction): Steps {
  const [base, top] = level(Float32Array.from([-F32_MAX, F32_MAX]));
  const targets: number[] = [];
  for (let L = base + 1; L <= top; L++) targets.push(L);
  const keys = firstReaching((ks) => level(Float32Array.from(ks, valueOfKey)), targets, KEY_MIN, KEY_MAX);
  return { base, thresholds: keys.map(valueOfKey) };
}

/**
 * The step function of a level function over the integers n in [lo, hi] fed as fl32(n · scale):
 * base = level at lo, thresholds = the smallest n reaching each further level.
 */
export function integerSteps(level: LevelFunction, lo: number, hi: number, scale: number): Steps {
  const at = (ns: number[]) => level(Float32Array.from(ns, (n) => Math.fround(n * scale)));
  const [base, top] = at([lo, hi]);
  const targets: number[] = [];
  for (let L = base + 1; L <= top; L++) targets.push(L);
  return { base, thresholds: firstReaching(at, targets, lo, hi) };
}

/**
 * The tie rule, in exact arithmetic. A quantiser whose pre-rounding value v(n) is increasing in an
 * integer input n steps from level L-1 to L where v(n) = L - 1/2, i.e. at n = d. MultiThreshold
 * fires when n >= t, so t = ceil(d) — unless d is an integer: there v(d) is exactly a tie, and round
 * half to even sends it to the even one of L-1 and L. The step fires at the tie (t = d) when L is
 * even, one integer later (t = d + 1) when L is odd.
 */
export function tieRuleThreshold(d: number, level: number): number {
  const c = Math.ceil(d);
  return (c === d && Math.abs(level % 2) === 1 ? c + 1 : c) + 0;
}

/**
 * Thresholds of an identity quantiser (range [lo, hi]) applied to ratio · n for integers n in
 * [nLo, nHi] (ratio = input scale / quantiser scale > 0), by the tie rule in exact arithmetic.
 */
export function affineGridSteps(ratio: number, lo: number, hi: number, nLo: number, nHi: number): Steps {
  const clampLevel = (n: number) => Math.min(hi, Math.max(lo, roundHalfEven(n * ratio)));
  const base = clampLevel(nLo);
  const top = clampLevel(nHi);
  const thresholds: number[] = [];
  for (let L = base + 1; L <= top; L++) thresholds.push(Math.min(nHi + 1, Math.max(nLo, tieRuleThreshold((L - 0.5) / ratio, L))));
  return { base, thresholds };
}
