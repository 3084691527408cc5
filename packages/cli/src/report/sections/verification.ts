import { esc, fmt } from '../escape';
import { badge } from '../provenance';
import type { ReportData } from '../report-data';

/** Every stage with its passes and how its simulated outputs agree; the first divergence; the C-simulation. */
export function verificationSection(r: ReportData): string {
  const rows = r.stages
    .map((s) => {
      const v = s.verification;
      const cell = (x: string | undefined) => `<td class="verdict verdict-${(x ?? 'not-run').replace(/\s+/g, '-')}">${esc(x ?? 'not run')}</td>`;
      return `<tr${r.firstDivergence?.stage === s.stage ? ' class="divergent"' : ''}><td>${esc(s.stage)}</td><td>${fmt(s.passes)}</td>${cell(v?.vsPrevious)}${cell(v?.vsOriginal)}<td>${v ? v.maxAbsDiff.toExponential(2) : '–'}</td><td class="name">${esc(v?.first ?? '')}</td></tr>`;
    })
    .join('\n');
  const d = r.firstDivergence;
  const divergence = d
    ? `<p id="first-divergence" class="bad">First divergence: stage <code>${esc(d.stage)}</code>${d.pass ? `, pass <code>${esc(d.pass)}</code>` : ''}${d.detail ? ` — ${esc(d.detail)}` : ''} ${badge('SIMULATION')}</p>`
    : `<p id="first-divergence" class="good">First divergence: none — every verified stage agrees with the one before ${badge('SIMULATION')}</p>`;
  const c = r.csim;
  const csim = !c
    ? '<p id="csim">C-simulation: not run.</p>'
    : 'skipped' in c
      ? `<p id="csim">C-simulation skipped: ${esc(c.skipped)}</p>`
      : `<p id="csim" class="${c.passed ? 'good' : 'bad'}">C-simulation of the generated HLS C++ (g++) against the simulated hardware stage: ${c.passed ? 'bit-exact' : 'DIFFERS'}, ${fmt(c.checked)} output elements, ${fmt(c.mismatches)} mismatches${c.first ? ` (first: ${esc(c.first)})` : ''} ${badge('SIMULATION')}</p>`;
  return `<table id="verification-table" class="data"><caption>Stages, simulated on the same inputs ${badge('SIMULATION')}</caption>
<thead><tr><th>stage</th><th>passes</th><th>vs previous stage</th><th>vs original model</th><th>max |Δ| vs previous</th><th>first element outside tolerance</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${divergence}
${csim}`;
}
