import { type Tensor, toNumbers } from '@scanflow/ir';

/** How far results may be apart: |a − b| ≤ atol + rtol·|b|. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * The first output element of `got` outside the tolerance of `want` (outputs in order), described:
 * `output 'Y' element 3: 0.25, expected 0.5`; undefined when every element is close.
 */
export function firstDifference(got: readonly Tensor[], want: readonly Tensor[], names: readonly string[], tol: Tolerance): string | undefined {
  for (let k = 0; k < want.length; k++) {
    const name = `output '${names[k] ?? k}'`;
    const g = got[k];
    const w = want[k]!;
    if (!g) return `${name} is missing`;
    if (JSON.stringify(g.dims) !== JSON.stringify(w.dims)) return `${name} has shape [${g.dims.join(', ')}], expected [${w.dims.join(', ')}]`;
    const a = toNumbers(g);
    const b = toNumbers(w);
    for (let i = 0; i < b.length; i++) {
      if (!(Math.abs(a[i]! - b[i]!) <= tol.atol + tol.rtol * Math.abs(b[i]!))) return `${name} element ${i}: ${a[i]}, expected ${b[i]}`;
    }
  }
  return undefined;
}
