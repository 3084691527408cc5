import type { ModelEstimate } from '@scanflow/hls-backend';
import { esc, fmt } from '../escape';
import { badge } from '../provenance';
import { stepLoopText } from '../summary-lines';

/** Per layer: op, folding, cycles per run, runs, delay and resources (ESTIMATES); the bottleneck row marked. */
export function layersTable(est: ModelEstimate): string {
  const rows = est.layers
    .map((l) => `<tr${l.path === est.bottleneck ? ' class="bottleneck"' : ''}><td class="name">${esc(l.path)}${l.path === est.bottleneck ? ' <em>bottleneck</em>' : ''}</td><td>${esc(l.opType)}</td><td>${l.pe}</td><td>${l.simd ?? '–'}</td><td>${fmt(l.cycles)}</td><td>${fmt(l.runs)}</td><td>${fmt(l.delay)}</td><td>${fmt(l.lut)}</td><td>${fmt(l.bram18)}</td><td>${fmt(l.uram)}</td><td>${fmt(l.dsp)}</td></tr>`)
    .join('\n');
  const recs = est.recurrences
    .map((r) => `<li>Recurrence <code>${esc(r.path)}</code>: T = ${fmt(r.steps)}, ${fmt(r.stepCycles)} cycles per step (critical chain ${fmt(r.chainCycles)} + state copy-back ${fmt(r.stateCopyCycles)}; bottleneck <code>${esc(r.bottleneck ?? '–')}</code>), fill ${fmt(r.fillCycles)}, loop ${fmt(r.cycles)} cycles ${badge('ESTIMATE')}${r.sections?.length ? `<br>step loops: ${esc(r.sections.map(stepLoopText).join(' · '))} · ${fmt(r.overheadCycles ?? 0)} loop control` : ''}</li>`)
    .join('\n');
  return `<ul class="recurrences">${recs}</ul>
<table id="layers-table" class="data"><caption>Per-layer cycles and resources ${badge('ESTIMATE')}</caption>
<thead><tr><th>layer</th><th>op</th><th>PE</th><th>SIMD</th><th>cycles / run</th><th>runs</th><th>first-output delay</th><th>LUT</th><th>BRAM18</th><th>URAM</th><th>DSP</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="7">total</td><td>${fmt(est.totals.lut)}</td><td>${fmt(est.totals.bram18)}</td><td>${fmt(est.totals.uram)}</td><td>${fmt(est.totals.dsp)}</td></tr></tfoot></table>`;
}
