import { basename } from 'node:path';
import type { Utilisation } from '@scanflow/board-zcu';
import type { HlsProject, ModelEstimate } from '@scanflow/hls-backend';
import type { Precondition } from '@scanflow/ir';
import type { HardwareFlow } from '../hardware/hardware-flow';
import { dataflowFromModel } from './dataflow/dataflow-from-model';
import type { CsimSummary, ReportData } from './report-data';

/** Assembles the report from what `scanflow compile` computed. */
export function buildReportData(input: {
  modelPath: string;
  flow: HardwareFlow;
  project: HlsProject;
  estimate: ModelEstimate;
  utilisation: Utilisation;
  verification: Pick<ReportData, 'stages' | 'firstDivergence'>;
  preconditions?: readonly Precondition[];
  csim?: CsimSummary;
  notes?: readonly string[];
}): ReportData {
  const { flow, project, estimate } = input;
  const x = flow.exploration;
  return {
    title: `scanflow report: ${basename(input.modelPath)}`,
    hostOps: flow.hostOps.map((h) => ({ node: h.node, opType: h.opType, compute: h.compute, why: h.why })),
    model: input.modelPath,
    ...(flow.openDims.names.length ? { seqLen: { open: flow.openDims.names, assumed: flow.openDims.size, register: 'seq_len' } } : {}),
    preconditions: (input.preconditions ?? []).map((p) => ({ value: p.value, scale: p.scale, lo: p.lo, hi: p.hi, description: p.description })),
    board: { name: flow.board.name, part: flow.board.part, clockPeriodNs: flow.board.clockPeriodNs, resources: flow.board.resources },
    folding: { source: flow.foldingSource },
    stages: input.verification.stages,
    ...(input.verification.firstDivergence ? { firstDivergence: input.verification.firstDivergence } : {}),
    interface: project.interface,
    estimate,
    utilisation: input.utilisation,
    ...(x ? { exploration: { kind: 'ESTIMATE' as const, objective: flow.foldingSource, visited: x.points.length, pareto: x.pareto.map((p) => ({ latencyCycles: p.latencyCycles, resources: p.resources })), chosen: { latencyCycles: x.best.latencyCycles, resources: x.best.resources } } } : {}),
    ...(input.csim ? { csim: input.csim } : {}),
    dataflow: dataflowFromModel(flow.hardware, project, estimate, flow.registry),
    notes: [...(input.notes ?? [])],
  };
}

/** report.json: the report's data as JSON (bigints as strings). */
export function reportJson(data: ReportData): string {
  return `${JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
