import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Shared look of every chart (fonts and colours fixed so the SVG bytes only depend on the data). */
export const CHART_CONFIG = {
  font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#e5e7eb' },
  title: { fontSize: 13, anchor: 'start' as const },
  background: 'white',
};

/**
 * Renders a Vega-Lite spec to an SVG string at build time (Vega's headless view, no DOM, no
 * canvas: text widths are estimated), so the report carries the chart inline with no script.
 * Deterministic: the same spec gives the same bytes.
 */
export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
