import { attrString, type Graph, Node, type OpLookup, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { addConstant, alongAxis, constantOf, f32Tensor, valuesOf } from '../../graph/graph-tools';
import { KEY_MAX, KEY_MIN, valueOfKey } from './float32';
import type { RewriteContext } from '../../graph/rewrite-driver';

/**
 * Exact absorption of an element-wise op into a MultiThreshold. MT(f(u), T) with f(u) = fl32(u + b)
 * or fl32(u · s) (s > 0) — non-decreasing in u — equals MT(u, T') with T' the smallest u for which
 * f(u) >= T, searched over u's domain: the integers of its range when u is integer-valued, else every
 * float32. The result is the same for every input as the float32 graph computes it, not only in
 * exact arithmetic (which T - b and T / s alone would give).
 */

/** The channel axis of a MultiThreshold on a value of rank `rank`. */
export function mtChannelAxis(mt: Node, rank: number): number {
  return attrString(mt, 'data_layout', 'NCHW').endsWith('C') ? rank - 1 : Math.min(1, rank - 1);
}

/** Smallest integer in [lo, hi] with pred true (pred non-decreasing); hi + 1 when none. */
function firstInteger(pred: (n: number) => boolean, lo: number, hi: number): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const m = a + Math.floor((b - a) / 2);
    if (pred(m)) b = m;
    else a = m + 1;
  }
  return a;
}

/**
 * New thresholds for MT(f_c(u)), per channel c (`perChannel` values of the constant, one or C),
 * over u's domain. Returns the [C, S] table or undefined when the channel counts do not fit.
 */
export function absorbedThresholds(t: Tensor, perChannel: number[], f: (u: number, c: number) => number, domain: { lo: number; hi: number } | undefined): { dims: number[]; values: number[] } | undefined {
  const [tc, steps] = t.dims;
  const channels = Math.max(tc, perChannel.length);
  if ((tc !== 1 && tc !== channels) || (perChannel.length !== 1 && perChannel.length !== channels)) return undefined;
  const tv = valuesOf(t);
  const out: number[] = [];
  for (let c = 0; c < channels; c++) {
    const row = tc === 1 ? 0 : c;
    const k = perChannel.length === 1 ? 0 : c;
    for (let j = 0; j < steps; j++) {
      const T = tv[row * steps + j];
      if (domain) {
        if (T === -Infinity) out.push(domain.lo);
        else if (T === Infinity || Number.isNaN(T)) out.push(domain.hi + 1);
        else out.push(firstInteger((n) => f(n, k) >= T, domain.lo, domain.hi));
      } else if (T === -Infinity || T === Infinity || Number.isNaN(T)) {
        out.push(Number.isNaN(T) ? Infinity : T);
      } else {
        const key = firstInteger((q) => f(valueOfKey(q), k) >= T, KEY_MIN, KEY_MAX);
        out.push(key > KEY_MAX ? Infinity : key === KEY_MIN ? -Infinity : valueOfKey(key));
      }
    }
  }
  return { dims: [channels, steps], values: out };
}

/**
 * Makes MultiThreshold `mt` read `input` instead of f(input), f = `fn(constant value)` per channel
 * (the float32 op the producer computes). Returns a reason string when it cannot.
 */
export function absorbInto(r: RewriteContext, mt: Node, input: string, constant: Tensor, rank: number | undefined, fn: (value: number) => (u: number) => number): true | string {
  const { graph, names } = r;
  const t = constantOf(graph, mt.inputs[1]);
  if (!t || t.rank !== 2) return 'the thresholds are not a constant [C, S] table';
  let per: number[] | undefined;
  if (constant.size === 1) per = valuesOf(constant);
  else if (rank !== undefined && rank >= 2) per = alongAxis(constant, rank, mtChannelAxis(mt, rank));
  if (!per) return 'the constant is neither per tensor nor per channel along the MultiThreshold channel axis';
  const fns = per.map((value) => fn(Math.fround(value)));
  const domain = r.range(input);
  const t2 = absorbedThresholds(t, per, (u, k) => fns[k](u), domain);
  if (!t2) return `${t.dims[0]} threshold rows do not match ${per.length} constant values`;
  r.setInputs(mt, [input, addConstant(graph, names, `${mt.outputs[0]}_thresholds`, f32Tensor(t2.dims, t2.values))]);
  return true;
}

export function isMultiThreshold(n: Node): boolean {
  return n.opType === 'MultiThreshold' && n.domain === QONNX_DOMAIN;
}

/**
 * MultiThreshold compares along axis 1, which a column vector [C, 1] does not have: a per-row
 * constant in front of it cannot become per-channel thresholds. Outside Scan bodies (where
 * scan-channel-layout does this for the whole body) the pattern MT(op(u, c)) on [C, 1] is rewritten
 * to Reshape(MT(op(Reshape(u, [1, C, 1]), c)), [C, 1]): the op and the MT work on [1, C, 1], where
 * the rows are channels. `producer` is the op (read only by `mt`).
 */
export function reshapeColumnForChannels(r: RewriteContext, mt: Node, producer: Node, dynamicSlot: number, rows: number): void {
  const { graph, names } = r;
  const shape3 = addConstant(graph, names, 'column_to_channels', Int64(rows, true));
  const shape2 = addConstant(graph, names, 'channels_to_column', Int64(rows, false));
  const u = producer.inputs[dynamicSlot];
  const u3 = names.fresh(`${u}_nc`);
  const p3 = names.fresh(`${producer.outputs[0]}_nc`);
  const y = mt.outputs[0];
  const y3 = names.fresh(`${y}_nc`);
  const dt = graph.getDataType(y);
  r.setInput(producer, dynamicSlot, u3);
  r.setOutput(producer, 0, p3);
  r.setInput(mt, 0, p3);
  r.setOutput(mt, 0, y3);
  if (dt) graph.setDataType(y3, dt);
  r.insertBefore(producer, new Node({ opType: 'Reshape', inputs: [u, shape3], outputs: [u3], name: names.fresh(`${u}_to_nc`) }));
  r.insertAfter(mt, new Node({ opType: 'Reshape', inputs: [y3, shape2], outputs: [y], name: names.fresh(`${y}_from_nc`) }));
}

function Int64(rows: number, toChannels: boolean): Tensor {
  const v = toChannels ? [1, rows, 1] : [rows, 1];
  return new Tensor('int64', [v.length], BigInt64Array.from(v.map(BigInt)));
}

/** Whether a constant is per row of a column [rows, 1] value (and not a single value). */
export function perRowOfColumn(c: Tensor, shape: readonly (number | string | null)[] | undefined): number | undefined {
  if (!shape || shape.length !== 2 || shape[1] !== 1 || typeof shape[0] !== 'number' || shape[0] < 2 || c.size !== shape[0]) return undefined;
  if (c.rank === 2 && c.dims[1] !== 1) return undefined;
  if (c.rank > 2) return undefined;
  return shape[0];
}
