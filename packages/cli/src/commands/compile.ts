import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { utilisation } from '@scanflow/board-zcu';
import { estimateModel, hasCppCompiler, runCsim, writeHlsProject } from '@scanflow/hls-backend';
import { readPreconditions, type Tensor } from '@scanflow/ir';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { UsageError } from '../cli-error';
import { acceleratorProject } from '../hardware/accelerator-vectors';
import { DEFAULT_FIGURE_SEQ_LEN, type HardwareFlowOptions, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { estimateSummaryLines, seqLenLine } from './estimate';
import { fullRegistry } from '../verify/full-registry';
import { reportHtml } from '../hardware/report-html';
import { type InputChoice, stageInputs } from '../flow/stage-inputs';
import { conditionInputs } from '../flow/condition-inputs';

export interface CompileOptions extends HardwareFlowOptions, InputChoice {
  board: string;
  out: string;
  force: boolean;
  csim: boolean;
}

/**
 * `scanflow compile MODEL --board zcu104 --out DIR`: the whole flow. Writes every stage's ONNX
 * (stages/), the Vitis HLS project with a testbench on simulator data (hls/), report.json and
 * report.html (ESTIMATES), then runs the g++ C-simulation of the project and compares it with the
 * simulator bit for bit (unless --no-csim, or no C++ compiler is installed).
 */
export function compileCommand(modelPath: string, options: CompileOptions, io: CliIO): number {
  const out = resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !options.force) {
    throw new UsageError(`--out ${options.out} exists and is not empty; pass --force to overwrite the files scanflow writes there`);
  }
  const registry = fullRegistry();
  const model = loadModel(modelPath);
  const raw = stageInputs(model, { ...options, seqLen: options.seqLen ?? DEFAULT_FIGURE_SEQ_LEN });
  const flow = runHardwareFlow(model, registry, options.board, { ...options, calibration: [raw.tensors] });
  // the testbench runs on inputs meeting the flow's preconditions (e.g. initial states on the state grid)
  const inputs: Tensor[] = conditionInputs(model, raw.tensors, readPreconditions(flow.snapshots[flow.snapshots.length - 1]!.model)).tensors;

  mkdirSync(join(out, 'stages'), { recursive: true });
  const written: string[] = [];
  flow.snapshots.forEach((s, k) => {
    const file = join('stages', `${k + 1}-${s.stage}.onnx`);
    saveModel(k === flow.snapshots.length - 1 ? flow.hardware : s.model, join(out, file));
    written.push(file);
  });

  const project = acceleratorProject(flow.hardware, registry, inputs, { part: flow.board.part, clockNs: flow.board.clockPeriodNs });
  written.push(...writeHlsProject(project, join(out, 'hls')).map((f) => join('hls', f)));

  const est = estimateModel(flow.hardware);
  const report = {
    model: modelPath,
    board: flow.board.name,
    part: flow.board.part,
    clockPeriodNs: flow.board.clockPeriodNs,
    folding: flow.foldingSource,
    hostOps: flow.hostOps,
    seqLen: flow.openDims.names.length ? { open: flow.openDims.names, assumed: flow.openDims.size } : undefined,
    preconditions: readPreconditions(flow.snapshots[flow.snapshots.length - 1]!.model),
    stages: flow.snapshots.map((s) => ({ stage: s.stage, pipeline: s.pipeline, passes: s.records.length })),
    accelerator: project.accelerator,
    ports: project.ports,
    estimate: est,
    utilisation: utilisation(est, flow.board),
    pareto: flow.exploration?.pareto,
    csim: undefined as undefined | { kind: 'SIMULATION'; passed: boolean; checked: number; mismatches: number },
  };

  io.out(`compile ${modelPath} → ${out}`);
  io.out(`stages: ${flow.snapshots.map((s) => s.stage).join(' → ')}; folding: ${flow.foldingSource}`);
  const seq = seqLenLine(flow);
  if (seq) io.out(seq);
  const hostCompute = flow.hostOps.filter((h) => h.compute);
  if (hostCompute.length) io.out(`HOST-SIDE COMPUTE (allowed by --allow-host-ops; NOT in the accelerator): ${hostCompute.map((h) => `${h.opType} '${h.node}'`).join(', ')}`);
  io.out(`accelerator: ${project.accelerator.nodes.length} top-level nodes, ports in ${project.ports.inputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}, out ${project.ports.outputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}`);
  for (const line of estimateSummaryLines(est, flow.board)) io.out(`  ${line}`);
  let code = 0;
  if (options.csim) {
    if (!hasCppCompiler()) {
      io.out('C-simulation skipped: no C++ compiler (g++ or $CXX) found');
    } else {
      const r = runCsim(join(out, 'hls'));
      report.csim = { kind: 'SIMULATION', passed: r.passed, checked: r.checked, mismatches: r.mismatchCount };
      io.out(`C-simulation (g++): ${r.passed ? 'bit-exact' : 'DIFFERS'} — ${r.checked} output elements compared with the simulator, ${r.mismatchCount} mismatches${r.mismatches[0] ? ` (first: ${r.mismatches[0].port}[${r.mismatches[0].index}] got ${r.mismatches[0].got}, expected ${r.mismatches[0].expected})` : ''}`);
      if (!r.passed) code = 1;
    }
  }
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  writeFileSync(join(out, 'report.html'), reportHtml(report));
  io.out(`wrote ${written.length + 2} files (stages/, hls/, report.json, report.html)`);
  return code;
}
