import type { TopLevelSpec } from 'vega-lite';
import type { ExplorationSummary } from '../report-data';

/**
 * Vega-Lite spec: the exploration's Pareto-optimal designs (over latency and all five resources)
 * placed by latency and LUTs, the chosen design marked. Points only: a line would suggest a
 * two-dimensional front, which a projection of a six-dimensional one is not.
 */
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
    mark: { type: 'point', filled: true, opacity: 0.85 },
    encoding: {
      x: { field: 'latency', type: 'quantitative', title: 'latency, cycles (ESTIMATE)', scale: { zero: false } },
      y: { field: 'lut', type: 'quantitative', title: 'LUT (ESTIMATE)', scale: { zero: false } },
      color: { field: 'design', type: 'nominal', scale: { domain: ['Pareto front', 'chosen'], range: ['#4c78a8', '#d9480f'] }, title: null, legend: { orient: 'bottom' } },
      size: { condition: { test: "datum.design === 'chosen'", value: 160 }, value: 50 },
    },
  } as TopLevelSpec;
}
