import { integerElemRange, isIntegerElemType, type Node, Tensor, toNumbers, allocData } from '@scanflow/ir';
import type { Kernel } from '../kernel';

const TWO52 = 4503599627370496;
const ROUNDER = 6755399441055744;

/** The parts of a plan step the fusion needs. */
export interface FusableStep {
  node: Node;
  kernel: Kernel;
  inputSlots: Int32Array;
  outputSlots: Int32Array;
  release: Int32Array;
}

function scalar(t: Tensor | undefined): number | undefined {
  return t && t.size === 1 && t.elemType !== 'string' ? toNumbers(t)[0] : undefined;
}

/**
 * Replaces QuantizeLinear → (Clip) → DequantizeLinear chains (the QCDQ "fake quantisers" of a Brevitas
 * export) by one step computing y = (clamp(round_half_even(x / s) + z, lo, hi) − z) · s in float32 —
 * the same arithmetic, without the two intermediate tensors. Only per-tensor float32 chains with
 * constant scale / zero point / bounds and single-reader intermediates are fused. The model is not
 * changed; traced runs use an unfused plan so every value stays visible.
 */
export function fuseFakeQuant(steps: FusableStep[], constant: (slot: number) => Tensor | undefined, keep: Set<number>): FusableStep[] {
  const readers = new Map<number, number>();
  for (const s of steps) for (const i of s.inputSlots) if (i >= 0) readers.set(i, (readers.get(i) ?? 0) + 1);
  const producer = new Map<number, FusableStep>();
  for (const s of steps) for (const o of s.outputSlots) if (o >= 0) producer.set(o, s);
  const private1 = (slot: number): boolean => readers.get(slot) === 1 && !keep.has(slot);
  const removed = new Set<FusableStep>();
  const replaced = new Map<FusableStep, FusableStep>();

  for (const dq of steps) {
    const n = dq.node;
    if (n.opType !== 'DequantizeLinear' || n.domain !== '' || n.attributes.size > 0 && !(n.attributes.size === 1 && n.attributes.has('axis'))) continue;
    const s = constant(dq.inputSlots[1]);
    const z = dq.inputSlots.length > 2 && dq.inputSlots[2] >= 0 ? constant(dq.inputSlots[2]) : undefined;
    if (!s || s.elemType !== 'float32' || s.size !== 1) continue;
    if (dq.inputSlots.length > 2 && dq.inputSlots[2] >= 0 && !z) continue;
    let src = producer.get(dq.inputSlots[0]);
    if (!src || !private1(dq.inputSlots[0])) continue;
    let clip: FusableStep | undefined;
    if (src.node.opType === 'Clip' && src.node.domain === '' && src.node.attributes.size === 0) {
      clip = src;
      src = producer.get(clip.inputSlots[0]);
      if (!src || !private1(clip.inputSlots[0])) continue;
    }
    const ql = src;
    if (ql.node.opType !== 'QuantizeLinear' || ql.node.domain !== '' || [...ql.node.attributes.keys()].some((k) => k !== 'axis')) continue;
    if (ql.inputSlots[1] !== dq.inputSlots[1] && scalar(constant(ql.inputSlots[1])) !== scalar(s)) continue;
    const qz = ql.inputSlots.length > 2 && ql.inputSlots[2] >= 0 ? constant(ql.inputSlots[2]) : undefined;
    if ((ql.inputSlots.length > 2 && ql.inputSlots[2] >= 0 && !qz) || (qz?.elemType ?? 'uint8') !== (z?.elemType ?? 'uint8')) continue;
    if (scalar(qz) !== scalar(z)) continue;
    const zType = z?.elemType ?? 'uint8';
    if (!isIntegerElemType(zType) || zType === 'int64' || zType === 'uint64') continue;
    let [lo, hi] = integerElemRange(zType);
    if (clip) {
      const cmin = clip.inputSlots.length > 1 && clip.inputSlots[1] >= 0 ? scalar(constant(clip.inputSlots[1])) : undefined;
      const cmax = clip.inputSlots.length > 2 && clip.inputSlots[2] >= 0 ? scalar(constant(clip.inputSlots[2])) : undefined;
      if ((clip.inputSlots[1] >= 0 && cmin === undefined) || (clip.inputSlots.length > 2 && clip.inputSlots[2] >= 0 && cmax === undefined)) continue;
      if (cmin !== undefined && cmax !== undefined && cmin > cmax) continue; // Clip's min > max rule: leave it to the kernels
      if (cmin !== undefined) lo = Math.max(lo, cmin);
      if (cmax !== undefined) hi = Math.min(hi, cmax);
    }
    const sv = scalar(s)!;
    const zv = scalar(z) ?? 0;
    const consts = (st: FusableStep): (Tensor | undefined)[] => Array.from(st.inputSlots, (slot) => (slot >= 0 ? constant(slot) : undefined));
    const qlIn = consts(ql);
    const clipIn = clip ? consts(clip) : [];
    const dqIn = consts(dq);
    const kernel: Kernel = (inputs, run) => {
      const X = inputs[0]!;
      if (X.elemType !== 'float32') {
        // Not the float32 case the fast path is for: run the original kernels one after another.
        let q = ql.kernel([X, ...qlIn.slice(1)], run)[0]!;
        if (clip) q = clip.kernel([q, ...clipIn.slice(1)], run)[0]!;
        return dq.kernel([q, ...dqIn.slice(1)], run);
      }
      const x = X.data as Float32Array;
      const n = x.length;
      const y = allocData('float32', n) as Float32Array;
      for (let i = 0; i < n; i++) {
        const v = Math.fround(x[i] / sv);
        // round half to even: adding and removing 1.5·2^52 rounds a double to an integer in the
        // current (nearest-even) mode; larger magnitudes are integers already.
        let q = (v < TWO52 && v > -TWO52 ? v + ROUNDER - ROUNDER : v) + zv;
        if (q < lo) q = lo;
        else if (q > hi) q = hi;
        else if (q !== q) q = Math.min(Math.max(0, lo), hi);
        y[i] = (q - zv) * sv;
      }
      return [new Tensor('float32', X.dims, y)];
    };
    const fused: FusableStep = {
      node: dq.node,
      kernel,
      inputSlots: Int32Array.from([ql.inputSlots[0]]),
      outputSlots: dq.outputSlots,
      release: Int32Array.from(new Set([...ql.release, ...(clip?.release ?? []), ...dq.release].filter((r) => r !== dq.inputSlots[0] && (!clip || r !== clip.inputSlots[0])))),
    };
    removed.add(ql);
    if (clip) removed.add(clip);
    replaced.set(dq, fused);
  }
  if (!replaced.size) return steps;
  return steps.filter((s) => !removed.has(s)).map((s) => replaced.get(s) ?? s);
}
