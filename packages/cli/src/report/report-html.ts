import { cyclesChartSpec } from './charts/cycles-chart';
import { paretoChartSpec } from './charts/pareto-chart';
import { utilisationChartSpec } from './charts/utilisation-chart';
import { vegaLiteToSvg } from './charts/vega-svg';
import { layoutDataflow } from './dataflow/dataflow-layout';
import { dataflowSvg } from './dataflow/dataflow-svg';
import { esc, fmt } from './escape';
import { badge } from './provenance';
import type { ReportData } from './report-data';
import { hostOpsSection } from './sections/host-side';
import { interfaceTable } from './sections/interface-table';
import { layersTable } from './sections/layers-table';
import { summarySection } from './sections/summary';
import { utilisationTable } from './sections/utilisation-table';
import { verificationSection } from './sections/verification';
import { REPORT_CSS } from './styles';

function figure(id: string, svg: string, caption: string): string {
  return `<figure id="${id}" class="chart">${svg}<figcaption>${caption}</figcaption></figure>`;
}

/**
 * report.html: one self-contained page (no script, no network, no external assets) with the
 * accelerator's dataflow graph (ELK layout drawn as SVG), per-layer cycles, utilisation and the
 * exploration's Pareto front (Vega-Lite rendered to SVG at build time), verification per stage,
 * host-side nodes and the interface. Every figure says ESTIMATE / SIMULATION / MEASUREMENT; every
 * name from the model is escaped. Deterministic: the same data gives the same bytes.
 */
export async function reportHtml(r: ReportData): Promise<string> {
  const [graph, cycles, util, pareto] = await Promise.all([
    layoutDataflow(r.dataflow).then(dataflowSvg),
    vegaLiteToSvg(cyclesChartSpec(r.estimate)),
    vegaLiteToSvg(utilisationChartSpec(r.utilisation)),
    r.exploration ? vegaLiteToSvg(paretoChartSpec(r.exploration)) : Promise.resolve(undefined),
  ]);
  const notes = [...r.notes, ...r.estimate.notes];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(r.title)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<h1>${esc(r.title)}</h1>
<p class="meta">Model <code>${esc(r.model)}</code> · board ${esc(r.board.name)} (<code>${esc(r.board.part)}</code>) at ${fmt(r.board.clockPeriodNs, 2)} ns · folding: ${esc(r.folding.source)}</p>
<p class="meta">Labels: ${badge('ESTIMATE')} analytical models (not synthesis, not hardware) · ${badge('SIMULATION')} scanflow simulator / g++ C-simulation · ${badge('MEASUREMENT')} measured on the board (none in this report).</p>
${hostComputeWarning(r)}${seqLenNote(r)}${summarySection(r)}
<h2>Dataflow graph of the accelerator ${badge('ESTIMATE')}</h2>
${figure('chart-dataflow', graph, 'Input ports (green) → hardware layers (op, name, folding · output datatype, busy cycles per run or per step; ESTIMATE) → output ports. A Recurrence is a dashed box holding its body; the dashed orange edge feeds the next state back to the next step. The bottleneck layer has a thick orange border.')}
<h2>Cycles per layer ${badge('ESTIMATE')}</h2>
${figure('chart-cycles', cycles, `Layers stream, so a stage's cost to the latency is the longest path through it: the first-output delays of the stages before it, its own busy cycles, its delay and the delays after it (the streaming model of the estimator). Bars compare stages of one level: the top level for one inference (a Recurrence is one stage of fill + T·step cycles) and each Recurrence's body for one step. The longest bar of a level sets its latency (on a tie the estimator names the first): the bottleneck <code>${esc(r.estimate.bottleneck ?? '–')}</code> (dark orange) and the Recurrence holding it (light orange). Each stage's own busy cycles are printed beside its bar.`)}
${layersTable(r.estimate)}
<h2>Utilisation ${badge('ESTIMATE')}</h2>
${figure('chart-utilisation', util, `Estimated use of each resource in % of the ${esc(r.board.part)} (dashed line: 100 %).`)}
${utilisationTable(r.utilisation)}
<h2>Design-space exploration ${badge('ESTIMATE')}</h2>
${pareto && r.exploration ? figure('chart-pareto', pareto, `The Pareto-optimal foldings (no other visited folding is as fast and as small in every resource) among ${fmt(r.exploration.visited)} visited, placed by latency and LUTs; objective: ${esc(r.exploration.objective)}; the chosen design is dark orange.`) : '<p id="chart-pareto">No exploration: the folding came from the defaults or a file.</p>'}
<h2>Verification per stage ${badge('SIMULATION')}</h2>
${verificationSection(r)}
<h2>Host side</h2>
${hostOpsSection(r.interface)}
<h2>Interface</h2>
${interfaceTable(r.interface)}
<h2>Notes</h2>
<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>
`;
}

/** Compute left on the host comes first: a partial accelerator must be seen at once. */
function hostComputeWarning(r: ReportData): string {
  const c = r.hostOps.filter((h) => h.compute);
  if (!c.length) return '';
  return `<section id="host-compute" class="bad"><h2>Compute left on the host (allowed by --allow-host-ops)</h2><ul>${c.map((h) => `<li><code>${esc(h.opType)}</code> <code>${esc(h.node)}</code>: ${esc(h.why)}</li>`).join('')}</ul><p>These ops are NOT in the accelerator: its figures leave them out.</p></section>\n`;
}

function seqLenNote(r: ReportData): string {
  if (!r.seqLen) return '';
  return `<p id="seq-len">The model leaves its sequence length open (${r.seqLen.open.map((n) => `<code>${esc(n)}</code>`).join(', ')}): the accelerator takes it at run time in the AXI-Lite register <code>${esc(r.seqLen.register)}</code>; every figure assumes ${r.seqLen.assumed}.</p>\n`;
}
