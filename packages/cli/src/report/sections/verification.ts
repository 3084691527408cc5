import { esc, fmt } from '../escape';
import { badge } from '../provenance';
import type { ReportData } from '../report-data';

/** Every stage with its passes and how its simulated outputs agree; the first divergence; the C-simulation. */
export function verificationSection(r: ReportData): string {
  const rows = r.stages
    .map((s) => {
      const v = s.verification;
      const cell = (x: string | undefined) => `<td class="verdict verdict-${(x ?? 'not-run').replace(/\s+/g, '-')}">${esc(x ?? 'not run')}</td>`;
      if (v?.quantisation) return `<tr class="quantisation"><td>${esc(s.stage)}</td><td>${fmt(s.passes)}</td><td colspan="2">quantisation stage (results change on purpose): max |Δ| ${v.quantisation.maxAbs.toExponential(2)}, mean |Δ| ${v.quantisation.meanAbs.toExponential(2)} against the float model; later stages are checked against it</td><td>–</td><td></td></tr>`;
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
      : `<p id="csim" class="${c.passed ? 'good' : 'bad'}">C-simulation of the generated HLS C++ (g++): accelerator ports against the simulated hardware stage ${c.mismatches === 0 ? 'bit-exact' : 'DIFFER'}, ${fmt(c.checked)} output elements, ${fmt(c.mismatches)} mismatches${c.first ? ` (first: ${esc(c.first)})` : ''} ${badge('SIMULATION')}</p>
${(c.cases ?? [])
  .map((k) => `<p class="csim-case ${k.vsReference.withinTolerance ? 'good' : 'bad'}">Completed by the host part${k.seqLen !== undefined ? ` at sequence length ${fmt(k.seqLen)}` : ''}, against the ${c.reference === 'cell-quant' ? 'cell-quantised' : 'original'} model: ${k.vsReference.exact ? 'bit-exact' : k.vsReference.withinTolerance ? 'within tolerance' : 'DIFFERS'} (${fmt(k.vsReference.total)} elements${k.vsReference.first ? `; first: ${esc(k.vsReference.first)}` : ''}) ${badge('SIMULATION')}</p>`)
  .join('\n')}`;
  const pre = r.preconditions.length
    ? `<ul id="preconditions">${r.preconditions.map((p) => `<li><code>${esc(p.value)}</code> on the grid n × ${p.scale.length === 1 ? fmt(p.scale[0]!) : `${p.scale.length} per-channel scales`}, n in [${fmt(p.lo)}, ${fmt(p.hi)}]: ${esc(p.description)}</li>`).join('')}</ul>`
    : '<p id="preconditions">Preconditions: none (the flow assumes nothing about the inputs).</p>';
  return `<h3>Preconditions (the stages are checked on inputs that meet them)</h3>
${pre}
<table id="verification-table" class="data"><caption>Stages, simulated on the same inputs ${badge('SIMULATION')}</caption>
<thead><tr><th>stage</th><th>passes</th><th>vs previous stage</th><th>vs reference (original / cell-quantised)</th><th>max |Δ| vs previous</th><th>first element outside tolerance</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${divergence}
${csim}`;
}
