import { BOARD_RESOURCE_KINDS, RESOURCE_LABELS, type Utilisation } from '@scanflow/board-zcu';
import { fmt } from '../escape';
import { badge } from '../provenance';

/** Per resource: used, available on the part, percent (ESTIMATES). */
export function utilisationTable(u: Utilisation): string {
  const rows = BOARD_RESOURCE_KINDS.map((k) => `<tr${u[k].used > u[k].available ? ' class="over"' : ''}><td>${RESOURCE_LABELS[k]}</td><td>${fmt(u[k].used)}</td><td>${fmt(u[k].available)}</td><td>${fmt(u[k].percent, 2)} %</td></tr>`).join('\n');
  return `<table id="utilisation-table" class="data"><caption>Resources against the part ${badge('ESTIMATE')}</caption>
<thead><tr><th>resource</th><th>used</th><th>available</th><th>use</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}
