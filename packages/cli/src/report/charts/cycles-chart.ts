import type { TopLevelSpec } from 'vega-lite';
import type { ModelEstimate } from '@scanflow/hls-backend';

/** One bar: a layer's busy cycles in its context. */
export interface CycleBar {
  readonly context: string;
  readonly layer: string;
  readonly cycles: number;
  readonly role: 'bottleneck' | 'holds the bottleneck' | 'other';
}

const COLORS = { domain: ['bottleneck', 'holds the bottleneck', 'other'], range: ['#d9480f', '#f59f00', '#4c78a8'] };

/**
 * The bars of the per-layer cycles chart, one group per context, so that bars only compare what
 * runs side by side: the top level per inference (each layer's cycles, each Recurrence as one bar
 * of fill + T·step), and each Recurrence per step (its body's layers and the state copy-back).
 * The estimator's bottleneck is marked, and the Recurrence that holds it.
 */
export function cycleBars(est: ModelEstimate): CycleBar[] {
  const bars: CycleBar[] = [];
  const recurrencePaths = est.recurrences.map((r) => r.path);
  const contextOf = (path: string): string | undefined => recurrencePaths.filter((r) => path.startsWith(`${r}/`)).sort((a, b) => b.length - a.length)[0];
  const role = (path: string): CycleBar['role'] => (path === est.bottleneck ? 'bottleneck' : est.bottleneck?.startsWith(`${path}/`) ? 'holds the bottleneck' : 'other');
  const top = 'top level: cycles per inference';
  for (const l of est.layers) if (!contextOf(l.path)) bars.push({ context: top, layer: l.path, cycles: l.cycles, role: role(l.path) });
  for (const r of est.recurrences) {
    const parent = contextOf(r.path);
    bars.push({ context: parent ? `Recurrence ${parent}: cycles per step` : top, layer: `${r.path} (Recurrence: ${r.steps} steps)`, cycles: r.cycles, role: role(r.path) });
  }
  for (const r of est.recurrences) {
    const context = `Recurrence ${r.path}: cycles per step`;
    for (const l of est.layers) if (contextOf(l.path) === r.path) bars.push({ context, layer: l.path, cycles: l.cycles, role: role(l.path) });
    bars.push({ context, layer: `${r.path} (state copy-back)`, cycles: r.stateCopyCycles, role: 'other' });
  }
  return bars;
}

/** Vega-Lite spec of the cycles chart: one horizontal bar chart per context, stacked vertically. */
export function cyclesChartSpec(est: ModelEstimate): TopLevelSpec {
  const bars = cycleBars(est);
  const contexts = [...new Set(bars.map((b) => b.context))];
  return {
    title: 'Busy cycles per layer (ESTIMATE)',
    vconcat: contexts.map((context) => {
      const values = bars.filter((b) => b.context === context);
      return {
        title: { text: context, fontSize: 12 },
        data: { values },
        width: 520,
        height: { step: 16 },
        encoding: {
          y: { field: 'layer', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
          x: { field: 'cycles', type: 'quantitative', title: 'cycles (ESTIMATE)' },
        },
        layer: [
          { mark: { type: 'bar' }, encoding: { color: { field: 'role', type: 'nominal', scale: COLORS, title: null, legend: { orient: 'bottom' } } } },
          { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'cycles', type: 'quantitative', format: ',' } } },
        ],
      };
    }),
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}
