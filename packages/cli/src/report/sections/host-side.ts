import type { AcceleratorInterface } from '@scanflow/hls-backend';
import { esc } from '../escape';

/** The nodes that stay on the host, what they do, and whether the driver replays them. */
export function hostOpsSection(i: AcceleratorInterface): string {
  if (i.hostOps.length === 0) return '<p id="host-ops">Nothing runs on the host: the graph inputs and outputs are the accelerator ports.</p>';
  const unsupported = i.hostOps.filter((o) => !o.supported);
  const rows = i.hostOps
    .map((o) => `<tr${o.supported ? '' : ' class="over"'}><td class="name">${esc(o.node)}</td><td>${esc(o.opType)}</td><td>${esc(o.role)}</td><td>${o.supported ? 'yes' : `no — ${esc(o.reason ?? '')}`}</td></tr>`)
    .join('\n');
  return `${unsupported.length ? `<p class="bad">${unsupported.length} host node(s) are not replayed by the driver; their paths need integers at the ports.</p>` : ''}
<table id="host-ops" class="data"><caption>Host-side nodes (outside the accelerator)</caption>
<thead><tr><th>node</th><th>op</th><th>role</th><th>replayed by the driver</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}
