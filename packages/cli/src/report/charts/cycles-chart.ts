import type { TopLevelSpec } from 'vega-lite';
import type { ModelEstimate } from '@scanflow/hls-backend';

/** One bar: a stage's longest path through its graph level, and its own busy cycles. */
export interface CycleBar {
  readonly context: string;
  readonly layer: string;
  /** Longest path through the stage in its level (delays before + busy cycles + delays after). ESTIMATE. */
  readonly path: number;
  /** The stage's own busy cycles per run (per step inside a Recurrence). ESTIMATE. */
  readonly busy: number;
  readonly label: string;
  readonly role: 'bottleneck' | 'holds the bottleneck' | 'other';
}

const COLORS = { domain: ['bottleneck', 'holds the bottleneck', 'other'], range: ['#d9480f', '#f59f00', '#4c78a8'] };

/**
 * The bars of the cycles chart, one group per graph level: the top level per inference (each
 * Recurrence is one stage of fill + T·step cycles), and each Recurrence's body per step. A bar is the
 * longest path through the stage (the quantity the streaming model maximises), so within a group the
 * estimator's bottleneck — marked — is the longest bar; the busy cycles are printed beside it.
 */
export function cycleBars(est: ModelEstimate): CycleBar[] {
  const recurrencePaths = est.recurrences.map((r) => r.path);
  const levelOf = (path: string): string | undefined => recurrencePaths.filter((r) => path.startsWith(`${r}/`)).sort((a, b) => b.length - a.length)[0];
  const role = (path: string): CycleBar['role'] => (path === est.bottleneck ? 'bottleneck' : est.bottleneck?.startsWith(`${path}/`) ? 'holds the bottleneck' : 'other');
  const contextOf = (level: string | undefined): string => (level ? `Recurrence ${level}: one step` : 'top level: one inference');
  const bar = (level: string | undefined, layer: string, path: string, busy: number, pathCycles: number | undefined): CycleBar => ({
    context: contextOf(level),
    layer,
    path: pathCycles ?? busy,
    busy,
    label: `busy ${busy.toLocaleString('en-US')}`,
    role: role(path),
  });
  const levels: (string | undefined)[] = [undefined, ...recurrencePaths];
  return levels.flatMap((level) => [
    ...est.layers.filter((l) => levelOf(l.path) === level).map((l) => bar(level, l.path, l.path, l.cycles, l.pathCycles)),
    ...est.recurrences.filter((r) => levelOf(r.path) === level).map((r) => bar(level, `${r.path} (Recurrence, T = ${r.steps})`, r.path, r.cycles, r.pathCycles)),
  ]);
}

/** Vega-Lite spec of the cycles chart: one horizontal bar chart per graph level, stacked vertically. */
export function cyclesChartSpec(est: ModelEstimate): TopLevelSpec {
  const bars = cycleBars(est);
  const contexts = [...new Set(bars.map((b) => b.context))];
  return {
    title: 'Longest path through each stage, in cycles (ESTIMATE)',
    vconcat: contexts.map((context) => ({
      title: { text: context, fontSize: 12 },
      data: { values: bars.filter((b) => b.context === context) },
      width: 480,
      height: { step: 16 },
      encoding: {
        y: { field: 'layer', type: 'nominal', sort: null, title: null, axis: { labelLimit: 300 } },
        x: { field: 'path', type: 'quantitative', title: 'cycles: delays before + busy + delays after (ESTIMATE)' },
      },
      layer: [
        { mark: { type: 'bar' }, encoding: { color: { field: 'role', type: 'nominal', scale: COLORS, title: null, legend: { orient: 'bottom' } } } },
        { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'label', type: 'nominal' } } },
      ],
    })),
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}
