import { type BoardDefinition, latencyMicroseconds, utilisation } from '@scanflow/board-zcu';
import type { ModelEstimate } from '@scanflow/hls-backend';
import type { HardwareFlow } from '../hardware/hardware-flow';

/** The line saying which sequence length the figures assume, when the model leaves it open. */
export function seqLenLine(flow: HardwareFlow): string | undefined {
  const o = flow.openDims;
  if (!o.names.length) return undefined;
  return `sequence length: the model leaves ${o.names.map((n) => `'${n}'`).join(', ')} open; figures assume ${o.size}${o.fromFlag ? ' (--seq-len)' : ' (default; set it with --seq-len N)'}`;
}

/** A count with thousands separators (en-US). */
export const fmt = (n: number): string => n.toLocaleString('en-US');

/** The per-layer table of an estimate, as text lines. */
export function estimateTableLines(est: ModelEstimate): string[] {
  const w = Math.max(5, ...est.layers.map((l) => l.path.length));
  const lines = [`${'layer'.padEnd(w)}  ${'op'.padEnd(16)} ${'PE'.padStart(3)} ${'SIMD'.padStart(4)} ${'cycles'.padStart(8)} ${'runs'.padStart(5)} ${'LUT'.padStart(7)} ${'BRAM18'.padStart(6)} ${'URAM'.padStart(4)} ${'DSP'.padStart(4)}`];
  for (const l of est.layers) {
    lines.push(`${l.path.padEnd(w)}  ${l.opType.padEnd(16)} ${String(l.pe).padStart(3)} ${String(l.simd ?? '-').padStart(4)} ${fmt(l.cycles).padStart(8)} ${String(l.runs).padStart(5)} ${fmt(l.lut).padStart(7)} ${String(l.bram18).padStart(6)} ${String(l.uram).padStart(4)} ${String(l.dsp).padStart(4)}`);
  }
  return lines;
}

/** One loop of a fused step: `20 + depth 13 = 33 (chained: elementwise ×4, thresholding, write)`. */
export function stepLoopText(s: NonNullable<ModelEstimate['recurrences'][number]['sections']>[number]): string {
  const kinds = new Map<string, number>();
  for (const op of s.ops) {
    const kind = op.split(' ')[0]!;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const what = [...kinds].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  const time = s.iterations > 1 ? `${fmt(s.iterations)} + depth ${s.depth} = ${fmt(s.cycles)}` : `depth ${s.depth}`;
  return `${time} (${s.chained ? 'chained: ' : ''}${what})`;
}

/** Each Recurrence's step (its loops), the latency at the board clock and the utilisation, as text lines. */
export function estimateSummaryLines(est: ModelEstimate, board: BoardDefinition): string[] {
  const lines = est.recurrences.flatMap((r) => [
    `recurrence ${r.path}: T = ${r.steps}, ${fmt(r.stepCycles)} cycles per step (critical chain ${fmt(r.chainCycles)} + state copy ${r.stateCopyCycles}; bottleneck ${r.bottleneck ?? '-'}), loop ${fmt(r.cycles)} cycles`,
    ...(r.sections?.length ? [`  step loops: ${r.sections.map(stepLoopText).join(' · ')} · ${fmt(r.overheadCycles ?? 0)} loop control`] : []),
  ]);
  const u = utilisation(est, board);
  const us = latencyMicroseconds(est.latencyCycles, board);
  lines.push(`latency: ${fmt(est.latencyCycles)} cycles = ${us.toFixed(2)} µs at ${(1000 / board.clockPeriodNs).toFixed(0)} MHz; initiation interval ${fmt(est.initiationIntervalCycles)} cycles`);
  lines.push(`resources on ${board.name} (${board.part}): ` + (['lut', 'ff', 'bram18', 'uram', 'dsp'] as const).map((k) => `${k.toUpperCase()} ${fmt(u[k].used)} / ${fmt(u[k].available)} (${u[k].percent.toFixed(2)} %)`).join(', '));
  return lines;
}
