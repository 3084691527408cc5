import { type BoardDefinition, latencyMicroseconds, utilisation } from '@scanflow/board-zcu';
import type { ModelEstimate } from '@scanflow/hls-backend';
import { saveFoldingFile } from '../flow/folding-file';
import { quietProgress } from '../progress';
import { FlowError } from '../flow/model-error';
import { type InputChoice, stageInputs } from '../flow/stage-inputs';
import { type HardwareFlow, type HardwareFlowOptions, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { loadCheckedModel, type LoadOptions } from '../load-model';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../verify/full-registry';

export interface EstimateOptions extends HardwareFlowOptions, Partial<InputChoice>, LoadOptions, CommandContext {
  /** `--save-folding FILE`: write the chosen folding as a folding file. */
  saveFolding?: string;
  board: string;
  json: boolean;
}

/** The line saying which sequence length the figures assume, when the model leaves it open. */
export function seqLenLine(flow: HardwareFlow): string | undefined {
  const o = flow.openDims;
  if (!o.names.length) return undefined;
  return `sequence length: the model leaves ${o.names.map((n) => `'${n}'`).join(', ')} open; figures assume ${o.size}${o.fromFlag ? ' (--seq-len)' : ' (default; set it with --seq-len N)'}`;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The per-layer table of an estimate, as text lines. */
export function estimateTableLines(est: ModelEstimate): string[] {
  const w = Math.max(5, ...est.layers.map((l) => l.path.length));
  const lines = [`${'layer'.padEnd(w)}  ${'op'.padEnd(16)} ${'PE'.padStart(3)} ${'SIMD'.padStart(4)} ${'cycles'.padStart(8)} ${'runs'.padStart(5)} ${'LUT'.padStart(7)} ${'BRAM18'.padStart(6)} ${'URAM'.padStart(4)} ${'DSP'.padStart(4)}`];
  for (const l of est.layers) {
    lines.push(`${l.path.padEnd(w)}  ${l.opType.padEnd(16)} ${String(l.pe).padStart(3)} ${String(l.simd ?? '-').padStart(4)} ${fmt(l.cycles).padStart(8)} ${String(l.runs).padStart(5)} ${fmt(l.lut).padStart(7)} ${String(l.bram18).padStart(6)} ${String(l.uram).padStart(4)} ${String(l.dsp).padStart(4)}`);
  }
  return lines;
}

/** Each Recurrence's step, the latency at the board clock and the utilisation, as text lines. */
export function estimateSummaryLines(est: ModelEstimate, board: BoardDefinition): string[] {
  const lines = est.recurrences.map(
    (r) => `recurrence ${r.path}: T = ${r.steps}, ${fmt(r.stepCycles)} cycles per step (critical chain ${fmt(r.chainCycles)} + state copy ${r.stateCopyCycles}; bottleneck ${r.bottleneck ?? '-'}), loop ${fmt(r.cycles)} cycles`,
  );
  const u = utilisation(est, board);
  const us = latencyMicroseconds(est.latencyCycles, board);
  lines.push(`latency: ${fmt(est.latencyCycles)} cycles = ${us.toFixed(2)} µs at ${(1000 / board.clockPeriodNs).toFixed(0)} MHz; initiation interval ${fmt(est.initiationIntervalCycles)} cycles`);
  lines.push(`resources on ${board.name} (${board.part}): ` + (['lut', 'ff', 'bram18', 'uram', 'dsp'] as const).map((k) => `${k.toUpperCase()} ${fmt(u[k].used)} / ${fmt(u[k].available)} (${u[k].percent.toFixed(2)} %)`).join(', '));
  return lines;
}

/**
 * `scanflow estimate MODEL --board zcu104`: runs the flow to the hardware stage, picks the folding
 * (defaults, a file, or an exploration) and prints cycles and resources per layer, the latency and
 * the utilisation of the board. Every number is an ESTIMATE of the analytical models.
 */
export function estimateCommand(modelPath: string, options: EstimateOptions, io: CliIO): number {
  const registry = options.registry ?? fullRegistry();
  const model = loadCheckedModel(modelPath, registry, options);
  const calibration = options.cellQuant !== undefined ? [stageInputs(model, { seed: options.seed ?? 1, dim: options.dim ?? [], ...(options.inputs ? { inputs: options.inputs } : {}), ...(options.seqLen ? { seqLen: options.seqLen } : {}) }).tensors] : undefined;
  const flow = (options.progress ?? quietProgress).step(`stages${options.explore ? ' and design-space exploration' : ''}`, (doing) => runHardwareFlow(model, registry, options.board, { ...options, ...(calibration ? { calibration } : {}), onStep: doing }));
  const est = flow.estimate;
  if (!(est.latencyCycles > 0)) throw new FlowError('NO_CYCLES', `the estimate has ${est.latencyCycles} cycles of latency: the accelerator does no work (hardware layers: ${est.layers.length})`);
  const seq = seqLenLine(flow);
  if (options.saveFolding) saveFoldingFile(options.saveFolding, flow.hardware, flow.registry);
  if (options.json) {
    io.out(JSON.stringify({ kind: 'ESTIMATE', model: modelPath, board: flow.board.name, part: flow.board.part, clockPeriodNs: flow.board.clockPeriodNs, folding: flow.foldingSource, seqLen: flow.openDims.names.length ? { open: flow.openDims.names, assumed: flow.openDims.size } : undefined, hostOps: flow.hostOps, estimate: est, utilisation: utilisation(est, flow.board), pareto: flow.exploration?.pareto }, null, 2));
    return 0;
  }
  io.out(`estimate ${modelPath} — ESTIMATES from analytical models (not synthesis, not measurement)`);
  if (seq) io.out(seq);
  const hostCompute = flow.hostOps.filter((h) => h.compute);
  if (hostCompute.length) io.out(`HOST-SIDE COMPUTE (allowed by --allow-host-ops, not estimated): ${hostCompute.map((h) => `${h.opType} '${h.node}'`).join(', ')}`);
  io.out(`folding: ${flow.foldingSource}`);
  for (const line of [...estimateTableLines(est), ...estimateSummaryLines(est, flow.board)]) io.out(line);
  if (flow.exploration) {
    io.out(`pareto front (${flow.exploration.pareto.length} of ${flow.exploration.points.length} designs visited): ` + flow.exploration.pareto.map((p) => `${fmt(p.latencyCycles)} cycles / ${fmt(p.resources.lut)} LUT`).join('; '));
  }
  return 0;
}
