import type { AcceleratorInterface, InterfacePort } from '@scanflow/hls-backend';
import { esc, fmt } from '../escape';

const list = (xs: readonly number[]): string => (xs.length === 1 ? String(xs[0]) : `[${xs.map(String).join(', ')}]`);

function hostText(p: InterfacePort): string {
  const h = p.host;
  if (!h.supported) return `not replayed: ${esc(h.reason)}`;
  if ('quantiser' in h) {
    const q = h.quantiser;
    if (q.kind === 'none') return 'integers as given';
    if (q.kind === 'uniform') return `quantise: round(x / ${list(q.scale)})${q.zeroPoint ? ` + ${q.zeroPoint}` : ''}, ${q.signed ? 'INT' : 'UINT'}${q.bits}${q.narrow ? ' narrow' : ''}, ${q.rounding}`;
    return `quantise by thresholds (non-uniform), ${q.signed ? 'INT' : 'UINT'}${q.bits}`;
  }
  const d = h.dequantiser;
  if (!d) return `${h.steps.length} host steps`;
  const zp = d.zeroPoint.some((z) => z !== 0) ? `(q − ${list(d.zeroPoint)})` : 'q';
  const bias = d.bias.some((b) => b !== 0) ? ` + ${list(d.bias)}` : '';
  return `de-quantise: ${zp} · ${list(d.scale)}${bias}`;
}

/** The AXI-Stream ports with their stream layout (v2) and host-side conversion. */
export function interfaceTable(i: AcceleratorInterface): string {
  const rows = [...i.ports.inputs, ...i.ports.outputs]
    .map((p) => `<tr><td class="name">${esc(p.name)}</td><td>${p.direction}</td><td>[${p.shape.join(', ')}]</td><td>${esc(p.datatype)}</td><td>${p.lanes}</td><td>${fmt(p.beats)}${p.sequence ? ` (${fmt(p.sequence.beatsPerStep)} / step)` : ''}</td><td>${p.containerBits}</td><td>${p.axiBits}</td><td>${fmt(p.transferBytes)}</td><td class="name">${hostText(p)}</td></tr>`)
    .join('\n');
  const seq = i.control.seqLen;
  return `<table id="interface-table" class="data"><caption>Accelerator ports (stream layout v${i.streamLayout.version}: ${esc(i.streamLayout.containers)}, ${esc(i.streamLayout.byteOrder)})</caption>
<thead><tr><th>port</th><th>dir</th><th>shape</th><th>datatype</th><th>lanes</th><th>beats</th><th>container bits</th><th>TDATA bits</th><th>bytes / inference</th><th>host side</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Control: <code>${i.control.bus}</code> (${i.control.protocol}, ap_start at offset ${i.control.apCtrlOffset}).${seq ? ` Sequence length: run-time register <code>${seq.register}</code> at offset 0x${seq.offset.toString(16)}, ${seq.maxSteps === null ? 'any T ≥ 1' : `1 ≤ T ≤ ${fmt(seq.maxSteps)} (reverse-direction buffers)`}; generated and estimated for T = ${fmt(seq.nominalSteps)}.` : ''}</p>`;
}
