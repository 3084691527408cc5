import { basename } from 'node:path';
import type { Utilisation } from '@scanflow/board-zcu';
import type { HlsProject, ModelEstimate } from '@scanflow/hls-backend';
import type { HardwareFlow } from '../hardware/hardware-flow';
import { dataflowFromModel } from './dataflow/dataflow-from-model';
import type { CsimSummary, ReportData } from './report-data';

/** Caveats every report carries until the generated IP follows stream layout v2 (issue 12). */
export const LAYOUT_NOTE =
  'interface.json and the driver use stream layout v2 (byte-aligned, sign-extended containers, power-of-two TDATA); the HLS IP of this version still packs elements tightly (TDATA = lanes·bits rounded up to bytes), so the board path needs the IP to follow v2';

/** Assembles the report from what `scanflow compile` computed. */
export function buildReportData(input: {
  modelPath: string;
  flow: HardwareFlow;
  project: HlsProject;
  estimate: ModelEstimate;
  utilisation: Utilisation;
  verification: Pick<ReportData, 'stages' | 'firstDivergence'>;
  csim?: CsimSummary;
  notes?: readonly string[];
}): ReportData {
  const { flow, project, estimate } = input;
  const x = flow.exploration;
  return {
    title: `scanflow report: ${basename(input.modelPath)}`,
    model: input.modelPath,
    board: { name: flow.board.name, part: flow.board.part, clockPeriodNs: flow.board.clockPeriodNs, resources: flow.board.resources },
    folding: { source: flow.foldingSource },
    stages: input.verification.stages,
    ...(input.verification.firstDivergence ? { firstDivergence: input.verification.firstDivergence } : {}),
    interface: project.interface,
    estimate,
    utilisation: input.utilisation,
    ...(x ? { exploration: { kind: 'ESTIMATE' as const, objective: flow.foldingSource, visited: x.points.length, pareto: x.pareto.map((p) => ({ latencyCycles: p.latencyCycles, resources: p.resources })), chosen: { latencyCycles: x.best.latencyCycles, resources: x.best.resources } } } : {}),
    ...(input.csim ? { csim: input.csim } : {}),
    dataflow: dataflowFromModel(flow.hardware, project, estimate),
    notes: [...(input.notes ?? []), LAYOUT_NOTE],
  };
}

/** report.json: the report's data as JSON (bigints as strings). */
export function reportJson(data: ReportData): string {
  return `${JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}
