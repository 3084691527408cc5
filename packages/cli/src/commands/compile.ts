import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { utilisation } from '@scanflow/board-zcu';
import { hasCppCompiler, writeHlsProject } from '@scanflow/hls-backend';
import { readPreconditions, type Tensor } from '@scanflow/ir';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { UsageError } from '../cli-error';
import { csimAgainstReference, type CsimInputs } from '../flow/csim-check';
import { FlowError } from '../flow/model-error';
import type { OutputComparison } from '../verify/compare-outputs';
import { DEFAULT_FIGURE_SEQ_LEN, type HardwareFlowOptions, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { estimateSummaryLines, seqLenLine } from './estimate';
import { fullRegistry } from '../verify/full-registry';
import { reportHtml } from '../hardware/report-html';
import { type InputChoice, seqLenOf, stageInputs } from '../flow/stage-inputs';
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
  if (options.csim && !hasCppCompiler()) {
    throw new FlowError('NO_COMPILER', 'the C-simulation needs a C++ compiler (g++ or $CXX) and none was found; install one, or pass --no-csim to build without checking the C++');
  }
  const registry = fullRegistry();
  const model = loadModel(modelPath);
  const seqLen = options.seqLen ?? DEFAULT_FIGURE_SEQ_LEN;
  const raw = stageInputs(model, { ...options, seqLen });
  const flow = runHardwareFlow(model, registry, options.board, { ...options, calibration: [raw.tensors] });
  const preconditions = readPreconditions(flow.snapshots[flow.snapshots.length - 1]!.model);
  // the testbench runs on inputs meeting the flow's preconditions (e.g. initial states on the state grid);
  // with an open sequence length, a second case checks the run-time length register
  const open = flow.openDims.names.length > 0;
  const sets: CsimInputs[] = [{ inputs: conditionInputs(model, raw.tensors, preconditions).tensors, ...(open ? { seqLen: seqLenOf(model, raw.tensors) ?? seqLen } : {}) }];
  if (open && !options.inputs) {
    const t2 = Math.max(1, Math.floor(seqLen / 2));
    const other = stageInputs(model, { ...options, seed: options.seed + 1, seqLen: t2, dim: [] });
    sets.push({ inputs: conditionInputs(model, other.tensors, preconditions).tensors, seqLen: t2 });
  }
  const referenceModel = flow.snapshots.find((x) => x.stage === 'cell-quant')?.model ?? model;
  const board = { part: flow.board.part, clockNs: flow.board.clockPeriodNs };
  const check = csimAgainstReference(flow.hardwareOpen, referenceModel, registry, board, sets, { rtol: 1e-5, atol: 1e-6 }, { run: options.csim });
  const project = check.project;

  mkdirSync(join(out, 'stages'), { recursive: true });
  const written: string[] = [];
  flow.snapshots.forEach((s, k) => {
    const file = join('stages', `${k + 1}-${s.stage}.onnx`);
    // the hardware stage is saved as built: with the chosen folding
    saveModel(k === flow.snapshots.length - 1 ? flow.hardwareOpen : s.model, join(out, file));
    written.push(file);
  });
  written.push(...writeHlsProject(project, join(out, 'hls')).map((f) => join('hls', f)));

  const est = flow.estimate;
  const report = {
    model: modelPath,
    hostOps: flow.hostOps,
    board: flow.board.name,
    part: flow.board.part,
    clockPeriodNs: flow.board.clockPeriodNs,
    folding: flow.foldingSource,
    seqLen: open ? { open: flow.openDims.names, assumed: flow.openDims.size, register: 'seq_len' } : undefined,
    preconditions,
    stages: flow.snapshots.map((s) => ({ stage: s.stage, pipeline: s.pipeline, passes: s.records.length })),
    accelerator: project.accelerator,
    ports: project.ports,
    estimate: est,
    utilisation: utilisation(est, flow.board),
    pareto: flow.exploration?.pareto,
    csim: undefined as undefined | { kind: 'SIMULATION'; passed: boolean; checked: number; mismatches: number; cases: { seqLen?: number; vsReference: OutputComparison }[] },
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
    const first = check.cases[0];
    report.csim = { kind: 'SIMULATION', passed: check.passed, checked: first?.checked ?? 0, mismatches: first?.mismatches ?? 0, cases: check.cases.map((c) => ({ ...(c.seqLen !== undefined ? { seqLen: c.seqLen } : {}), vsReference: c.vsReference })) };
    const ref = referenceModel === model ? 'the original model' : 'the cell-quantised model';
    io.out(`C-simulation (g++, SIMULATION): accelerator ports ${first && first.mismatches === 0 ? 'bit-exact' : 'DIFFER'} — ${first?.checked ?? 0} output elements compared with the simulated hardware stage, ${first?.mismatches ?? 0} mismatches${check.first ? ` (first: ${check.first})` : ''}`);
    for (const c of check.cases) io.out(`  completed by the host part${c.seqLen !== undefined ? ` at sequence length ${c.seqLen}` : ''}: ${c.vsReference.exact ? 'bit-exact' : c.vsReference.withinTolerance ? 'within tolerance' : 'DIFFERS'} against ${ref} (${c.vsReference.total} output elements${c.vsReference.first ? `; first: ${c.vsReference.first}` : ''})`);
    if (!check.passed) code = 1;
  } else {
    io.out('C-simulation: not run (--no-csim)');
  }
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  writeFileSync(join(out, 'report.html'), reportHtml(report));
  io.out(`wrote ${written.length + 2} files (stages/, hls/, report.json, report.html)`);
  return code;
}
