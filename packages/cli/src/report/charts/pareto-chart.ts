import type { TopLevelSpec } from 'vega-lite';
import type { ExplorationSummary } from '../report-data';

/** Vega-Lite spec: the exploration's Pareto front (latency vs LUTs), the chosen design marked. */
export function paretoChartSpec(x: ExplorationSummary): TopLevelSpec {
  const key = (p: { latencyCycles: number; resources: { lut: number } }) => `${p.latencyCycles}/${p.resources.lut}`;
  const chosen = key(x.chosen);
  const values = [...x.pareto]
    .sort((a, b) => a.latencyCycles - b.latencyCycles)
    .map((p) => ({ latency: p.latencyCycles, lut: p.resources.lut, dsp: p.resources.dsp, bram18: p.resources.bram18, design: key(p) === chosen ? 'chosen' : 'Pareto front' }));
  return {
    title: `Design-space exploration: Pareto front of ${x.visited} designs visited (ESTIMATE)`,
    width: 520,
    height: 260,
    data: { values },
    encoding: {
      x: { field: 'latency', type: 'quantitative', title: 'latency, cycles (ESTIMATE)', scale: { zero: false } },
      y: { field: 'lut', type: 'quantitative', title: 'LUT (ESTIMATE)', scale: { zero: false } },
    },
    layer: [
      { mark: { type: 'line', color: '#9ca3af', interpolate: 'step-after' } },
      {
        mark: { type: 'point', filled: true },
        encoding: {
          color: { field: 'design', type: 'nominal', scale: { domain: ['Pareto front', 'chosen'], range: ['#4c78a8', '#d9480f'] }, title: null, legend: { orient: 'bottom' } },
          size: { condition: { test: "datum.design === 'chosen'", value: 160 }, value: 50 },
        },
      },
    ],
  } as TopLevelSpec;
}
