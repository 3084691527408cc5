import { utilisation } from '@scanflow/board-zcu';
import { saveFoldingFile } from '../flow/folding-file';
import { quietProgress } from '../progress';
import { FlowError } from '../flow/model-error';
import { type InputChoice, stageInputs } from '../flow/stage-inputs';
import { type HardwareFlowOptions, runHardwareFlow } from '../hardware/hardware-flow';
import { estimateSummaryLines, estimateTableLines, fmt, seqLenLine } from '../report/summary-lines';
import type { CliIO } from '../io';
import { loadCheckedModel, type LoadOptions } from '../load-model';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../compose/full-registry';

export interface EstimateOptions extends HardwareFlowOptions, Partial<InputChoice>, LoadOptions, CommandContext {
  /** `--save-folding FILE`: write the chosen folding as a folding file. */
  saveFolding?: string;
  board: string;
  json: boolean;
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
