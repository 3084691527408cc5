import type { ModelEstimate } from '@scanflow/hls-backend';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface ReportLike {
  model: string;
  board: string;
  part: string;
  clockPeriodNs: number;
  folding: string;
  estimate: ModelEstimate;
  utilisation: Record<string, unknown>;
  csim?: { passed: boolean; checked: number; mismatches: number };
}

/**
 * A self-contained HTML report (no scripts, no external assets): per-layer cycles as inline SVG
 * bars, resources, the Recurrence step and the C-simulation verdict. Names from the model are
 * escaped. Every hardware number is labelled as an estimate or a simulation.
 */
export function reportHtml(r: ReportLike): string {
  const est = r.estimate;
  const max = Math.max(1, ...est.layers.map((l) => l.cycles * l.runs));
  const rows = est.layers
    .map((l) => {
      const total = l.cycles * l.runs;
      const w = Math.max(1, Math.round((300 * total) / max));
      return `<tr><td>${esc(l.path)}</td><td>${esc(l.opType)}</td><td>${l.pe}</td><td>${l.simd ?? '-'}</td><td>${l.cycles}</td><td>${l.runs}</td><td><svg width="300" height="10"><rect width="${w}" height="10" fill="#4a7"/></svg> ${total}</td><td>${l.lut}</td><td>${l.bram18}</td><td>${l.uram}</td><td>${l.dsp}</td></tr>`;
    })
    .join('\n');
  const recs = est.recurrences.map((x) => `<li>${esc(x.path)}: T = ${x.steps}, ${x.stepCycles} cycles per step (chain ${x.chainCycles} + state copy ${x.stateCopyCycles}), loop ${x.cycles} cycles</li>`).join('\n');
  const csim = r.csim ? `<p>C-simulation (g++, SIMULATION): ${r.csim.passed ? 'bit-exact with the scanflow simulator' : 'DIFFERS'} — ${r.csim.checked} elements, ${r.csim.mismatches} mismatches.</p>` : '<p>C-simulation: not run.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scanflow report</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;text-align:right}td:first-child,td:nth-child(2){text-align:left}</style></head>
<body>
<h1>scanflow report: ${esc(r.model)}</h1>
<p>Board ${esc(r.board)} (${esc(r.part)}), clock ${r.clockPeriodNs} ns. Folding: ${esc(r.folding)}.</p>
<h2>Estimates (analytical models, not synthesis or measurement)</h2>
<p>Latency ${est.latencyCycles} cycles (${((est.latencyCycles * r.clockPeriodNs) / 1000).toFixed(2)} µs); initiation interval ${est.initiationIntervalCycles} cycles. Totals: ${est.totals.lut} LUT, ${est.totals.bram18} BRAM18, ${est.totals.uram} URAM, ${est.totals.dsp} DSP.</p>
<ul>${recs}</ul>
<table><tr><th>layer</th><th>op</th><th>PE</th><th>SIMD</th><th>cycles/run</th><th>runs</th><th>total cycles</th><th>LUT</th><th>BRAM18</th><th>URAM</th><th>DSP</th></tr>
${rows}
</table>
${csim}
</body></html>
`;
}
