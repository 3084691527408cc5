import { BOARD_RESOURCE_KINDS, RESOURCE_LABELS } from '@scanflow/board-zcu';
import { esc, fmt } from '../escape';
import { badge } from '../provenance';
import type { ReportData } from '../report-data';

/** The headline figures: latency, initiation interval, the fullest resource, verification, C-simulation. */
export function summarySection(r: ReportData): string {
  const est = r.estimate;
  const us = (est.latencyCycles * r.board.clockPeriodNs) / 1000;
  const fullest = [...BOARD_RESOURCE_KINDS].sort((a, b) => r.utilisation[b].percent - r.utilisation[a].percent)[0]!;
  const verified = r.stages.filter((s) => s.verification);
  const stagesText = verified.length === 0 ? 'not run' : r.firstDivergence ? `differs at ${esc(r.firstDivergence.stage)}` : `all ${verified.length} stages agree`;
  const csim = !r.csim ? 'not run' : 'skipped' in r.csim ? `skipped (${esc(r.csim.skipped)})` : r.csim.passed ? `bit-exact (${fmt(r.csim.checked)} elements)` : `DIFFERS (${fmt(r.csim.mismatches)} of ${fmt(r.csim.checked)})`;
  const card = (title: string, value: string, kind: Parameters<typeof badge>[0], id: string) => `<div class="card" id="${id}"><div class="card-title">${title} ${badge(kind)}</div><div class="card-value">${value}</div></div>`;
  return `<section id="summary" class="cards">
${card('Latency', `${fmt(est.latencyCycles)} cycles = ${fmt(us, 2)} µs at ${fmt(1000 / r.board.clockPeriodNs)} MHz`, 'ESTIMATE', 'card-latency')}
${card('Initiation interval', `${fmt(est.initiationIntervalCycles)} cycles`, 'ESTIMATE', 'card-ii')}
${card('Bottleneck', esc(est.bottleneck ?? '—'), 'ESTIMATE', 'card-bottleneck')}
${card('Fullest resource', `${RESOURCE_LABELS[fullest]} ${fmt(r.utilisation[fullest].percent, 1)} %`, 'ESTIMATE', 'card-utilisation')}
${card('Stages', stagesText, 'SIMULATION', 'card-stages')}
${card('C-simulation (g++)', csim, 'SIMULATION', 'card-csim')}
</section>`;
}
