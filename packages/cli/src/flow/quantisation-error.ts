import type { Tensor } from '@scanflow/ir';

/** How a quantised model's outputs differ from the float model's on the same inputs (a quantisation, not a check). */
export interface QuantisationError {
  maxAbs: number;
  meanAbs: number;
  elements: number;
  /** Per output that looks like a classifier ([rows, classes], classes ≥ 2): the fraction of rows whose arg-max agrees. */
  argmax: { output: string; rows: number; agreement: number }[];
}

function argmax(v: ArrayLike<number>, from: number, n: number): number {
  let best = from;
  for (let i = from + 1; i < from + n; i++) if (v[i]! > v[best]!) best = i;
  return best - from;
}

export function quantisationError(quantised: readonly Tensor[], float: readonly Tensor[], names: readonly string[]): QuantisationError {
  let maxAbs = 0;
  let sum = 0;
  let elements = 0;
  const out: QuantisationError['argmax'] = [];
  float.forEach((f, k) => {
    const q = quantised[k];
    if (!q) return;
    const a = Array.from(q.data as ArrayLike<number>, Number);
    const b = Array.from(f.data as ArrayLike<number>, Number);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = Math.abs(a[i]! - b[i]!);
      maxAbs = Math.max(maxAbs, d);
      sum += d;
      elements++;
    }
    const classes = f.dims[f.dims.length - 1] ?? 0;
    if (f.rank >= 1 && f.rank <= 2 && classes >= 2 && a.length === b.length) {
      const rows = b.length / classes;
      let agree = 0;
      for (let r = 0; r < rows; r++) if (argmax(a, r * classes, classes) === argmax(b, r * classes, classes)) agree++;
      out.push({ output: names[k] ?? `output ${k}`, rows, agreement: agree / rows });
    }
  });
  return { maxAbs, meanAbs: elements ? sum / elements : 0, elements, argmax: out };
}
