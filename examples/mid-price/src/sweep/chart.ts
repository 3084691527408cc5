import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One measured sweep point. */
export interface SweepPoint {
  name: string;
  accuracy: number;
  macroF1: number;
  lut: number;
  dsp: number;
  bram18: number;
  latencyUs: number;
}

/**
 * Accuracy against estimated LUTs and against estimated latency, one labelled point per setting,
 * rendered to SVG with vega-lite → vega in Node (no browser, no canvas).
 */
export async function sweepChart(points: SweepPoint[], title: string): Promise<string> {
  const values = points.map((p) => ({ ...p, accuracyPct: 100 * p.accuracy }));
  const panel = (field: 'lut' | 'latencyUs', axis: string) => ({
    width: 320,
    height: 260,
    layer: [
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { x: { field, type: 'quantitative', title: axis, scale: { zero: false } }, y: { field: 'accuracyPct', type: 'quantitative', title: 'test accuracy, simulator (%)', scale: { zero: false } }, color: { field: 'name', type: 'nominal', legend: null } } },
      { mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10 }, encoding: { x: { field, type: 'quantitative' }, y: { field: 'accuracyPct', type: 'quantitative' }, text: { field: 'name' } } },
    ],
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    hconcat: [panel('lut', 'LUTs (ESTIMATE)'), panel('latencyUs', 'latency per window, µs (ESTIMATE)')],
    config: { font: 'sans-serif' },
  } as unknown as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
