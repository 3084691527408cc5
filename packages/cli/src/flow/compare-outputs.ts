import type { Tensor } from '@scanflow/ir';

/** How two runs' outputs compare. */
export interface OutputComparison {
  /** Every element bit for bit equal (NaN equal to NaN). */
  exact: boolean;
  /** Within |a − b| ≤ atol + rtol·|b| everywhere. */
  withinTolerance: boolean;
  maxAbsDiff: number;
  /** Elements that differ at all. */
  differing: number;
  total: number;
  /** The first element outside the tolerance, described. */
  first?: string;
}

/** Compares output lists elementwise (outputs in order; shapes must agree). */
export function compareOutputs(a: readonly Tensor[], b: readonly Tensor[], names: readonly string[], rtol: number, atol: number): OutputComparison {
  const r: OutputComparison = { exact: true, withinTolerance: true, maxAbsDiff: 0, differing: 0, total: 0 };
  for (let k = 0; k < b.length; k++) {
    const x = a[k];
    const y = b[k];
    if (!x || x.dims.join() !== y.dims.join() || x.elemType !== y.elemType) {
      r.exact = r.withinTolerance = false;
      r.first ??= `output '${names[k]}': ${x ? `${x.elemType}[${x.dims.join(', ')}]` : 'missing'} vs ${y.elemType}[${y.dims.join(', ')}]`;
      continue;
    }
    const xd = x.data as ArrayLike<number | bigint>;
    const yd = y.data as ArrayLike<number | bigint>;
    r.total += yd.length;
    for (let i = 0; i < yd.length; i++) {
      const u = Number(xd[i]);
      const v = Number(yd[i]);
      if (u === v || (Number.isNaN(u) && Number.isNaN(v))) continue;
      r.exact = false;
      r.differing++;
      const d = Math.abs(u - v);
      if (d > r.maxAbsDiff || Number.isNaN(d)) r.maxAbsDiff = Number.isNaN(d) ? Infinity : d;
      if (!(d <= atol + rtol * Math.abs(v))) {
        if (r.withinTolerance) r.first = `output '${names[k]}' element ${i}: ${u} vs ${v}`;
        r.withinTolerance = false;
      }
    }
  }
  return r;
}
