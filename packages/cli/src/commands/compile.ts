import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { utilisation } from '@scanflow/board-zcu';
import { hasCppCompiler, writeHlsProject } from '@scanflow/hls-backend';
import { readPreconditions } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { EnvironmentError } from '../cli-error';
import { csimAgainstReference, type CsimInputs } from '../flow/csim-check';
import { foldingText, saveFoldingFile } from '../flow/folding-file';
import { quietProgress } from '../progress';
import { DEFAULT_FIGURE_SEQ_LEN, type HardwareFlowOptions, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { estimateSummaryLines, seqLenLine } from '../report/summary-lines';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../compose/full-registry';
import { type InputChoice, seqLenOf, stageInputs } from '../flow/stage-inputs';
import { conditionInputs } from '../flow/condition-inputs';
import { loadCheckedModel, type LoadOptions } from '../load-model';
import { OutputFolder } from '../output-folder';
import { buildReportData, type CsimSummary, reportHtml, reportJson, verifyStages } from '../report/index';

export interface CompileOptions extends HardwareFlowOptions, InputChoice, LoadOptions, CommandContext {
  /** `--save-folding FILE`: also write the chosen folding there (folding.json in --out always). */
  saveFolding?: string;
  board: string;
  out: string;
  force: boolean;
  csim: boolean;
}

/**
 * `scanflow compile MODEL --board zcu104 --out DIR`: the whole flow. Refuses (exit 1, nothing
 * written) a model whose compute would stay on the host or a design over the board's resources,
 * unless allowed. Writes every stage's ONNX (stages/, the hardware stage with its folding), the Vitis
 * HLS project with a testbench on simulator data and interface.json (hls/), the board folder
 * (board/: block design, bitstream script, PYNQ driver), report.json and report.html, and runs the
 * g++ C-simulation: the accelerator's outputs against the simulated hardware stage, and the model's
 * outputs completed by the host part against the reference model (the original, or the
 * cell-quantised one), at two run-time sequence lengths when the model leaves it open.
 * Everything is built in a fresh folder beside --out that replaces it only when all of it —
 * C-simulation included — succeeded (see OutputFolder); a failure leaves --out as it was.
 */
export async function compileCommand(modelPath: string, options: CompileOptions, io: CliIO): Promise<number> {
  if (options.csim && !hasCppCompiler()) {
    throw new EnvironmentError('NO_CPP_COMPILER', 'no C++ compiler (g++ or $CXX) found for the C-simulation of the generated HLS C++; install g++ or pass --no-csim');
  }
  // checks --out (a folder or nothing, no link, empty unless --force) before the long work
  const folder = OutputFolder.open(options.out, { flag: '--out', force: options.force, reads: [modelPath, options.inputs, options.folding] });
  try {
    const result = await compileInto(folder, modelPath, options, io);
    if (result.ok) {
      folder.commit();
      io.out(`wrote ${result.files} files (stages/, hls/, board/, folding.json, report.json, report.html)`);
    } else {
      folder.abort();
      io.out(`nothing written to ${options.out}: the C-simulation failed (--no-csim writes the project without it)`);
    }
    return result.code;
  } catch (e) {
    folder.abort();
    throw e;
  }
}

async function compileInto(folder: OutputFolder, modelPath: string, options: CompileOptions, io: CliIO): Promise<{ ok: boolean; code: number; files: number }> {
  const out = folder.target;
  const registry = options.registry ?? fullRegistry();
  const model = loadCheckedModel(modelPath, registry, options);
  const seqLen = options.seqLen ?? DEFAULT_FIGURE_SEQ_LEN;
  const raw = stageInputs(model, { ...options, seqLen });
  const progress = options.progress ?? quietProgress;
  const flow = progress.step(`stages${options.explore ? ' and design-space exploration' : ''}`, (doing) => runHardwareFlow(model, registry, options.board, { ...options, calibration: [raw.tensors], onStep: doing }));
  const preconditions = readPreconditions(flow.snapshots[flow.snapshots.length - 1]!.model);
  // the testbench runs on inputs meeting the flow's preconditions (e.g. initial states on the state grid);
  // with an open sequence length, a second case checks the run-time length register
  const open = flow.openDims.names.length > 0;
  const inputs = conditionInputs(model, raw.tensors, preconditions).tensors;
  const sets: CsimInputs[] = [{ inputs, ...(open ? { seqLen: seqLenOf(model, raw.tensors) ?? seqLen } : {}) }];
  if (open && !options.inputs) {
    const t2 = Math.max(1, Math.floor(seqLen / 2));
    const other = stageInputs(model, { ...options, seed: options.seed + 1, seqLen: t2, dim: [] });
    sets.push({ inputs: conditionInputs(model, other.tensors, preconditions).tensors, seqLen: t2 });
  }
  const referenceModel = flow.snapshots.find((x) => x.stage === 'cell-quant')?.model ?? model;
  const boardOptions = { part: flow.board.part, clockNs: flow.board.clockPeriodNs };
  const check = progress.step(options.csim ? 'HLS project and g++ C-simulation' : 'HLS project', () => csimAgainstReference(flow.hardwareOpen, referenceModel, registry, boardOptions, sets, { rtol: 1e-5, atol: 1e-6 }, { run: options.csim }));
  const project = check.project;
  const est = flow.estimate;
  const util = utilisation(est, flow.board);

  const written: string[] = [];
  const save = (rel: string, write: (path: string) => void): void => {
    try {
      const path = folder.file(rel);
      mkdirSync(dirname(path), { recursive: true });
      write(path);
    } catch (e) {
      throw folder.writeError(rel, (e as Error).cause ?? e);
    }
  };
  flow.snapshots.forEach((s, k) => {
    const file = join('stages', `${k + 1}-${s.stage}.onnx`);
    // the hardware stage's snapshot is the folded model (the folding is its last pass)
    save(file, (path) => saveModel(s.model, path));
    written.push(file);
  });
  save('hls', (path) => written.push(...writeHlsProject(project, path).map((f) => join('hls', f))));
  const boardFiles = flow.board.boardFiles?.({ interface: project.interface, description: project.description, hlsFolder: '../hls' });
  if (boardFiles) save('board', (path) => written.push(...writeHlsProject({ files: boardFiles }, path).map((f) => join('board', f))));

  io.out(`compile ${modelPath} → ${out}`);
  io.out(`stages: ${flow.snapshots.map((s) => s.stage).join(' → ')}; folding: ${flow.foldingSource}`);
  const seq = seqLenLine(flow);
  if (seq) io.out(seq);
  const hostCompute = flow.hostOps.filter((h) => h.compute);
  if (hostCompute.length) io.out(`HOST-SIDE COMPUTE (allowed by --allow-host-ops; NOT in the accelerator): ${hostCompute.map((h) => `${h.opType} '${h.node}'`).join(', ')}`);
  io.out(`accelerator: ${project.accelerator.nodes.length} top-level nodes, ports in ${project.ports.inputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}, out ${project.ports.outputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}`);
  for (const line of estimateSummaryLines(est, flow.board)) io.out(`  ${line}`);
  let code = 0;
  let csim: CsimSummary | undefined;
  if (options.csim) {
    const first = check.cases[0];
    csim = {
      kind: 'SIMULATION',
      passed: check.passed,
      checked: first?.checked ?? 0,
      mismatches: first?.mismatches ?? 0,
      ...(check.first ? { first: check.first } : {}),
      reference: referenceModel === model ? 'original' : 'cell-quant',
      cases: check.cases.map((c) => ({ ...(c.seqLen !== undefined ? { seqLen: c.seqLen } : {}), vsReference: c.vsReference })),
    };
    const ref = referenceModel === model ? 'the original model' : 'the cell-quantised model';
    io.out(`C-simulation (g++, SIMULATION): accelerator ports ${first && first.mismatches === 0 ? 'bit-exact' : 'DIFFER'} — ${first?.checked ?? 0} output elements compared with the simulated hardware stage, ${first?.mismatches ?? 0} mismatches${check.first ? ` (first: ${check.first})` : ''}`);
    for (const c of check.cases) io.out(`  completed by the host part${c.seqLen !== undefined ? ` at sequence length ${c.seqLen}` : ''}: ${c.vsReference.exact ? 'bit-exact' : c.vsReference.withinTolerance ? 'within tolerance' : 'DIFFERS'} against ${ref} (${c.vsReference.total} output elements${c.vsReference.first ? `; first: ${c.vsReference.first}` : ''})`);
    if (!check.passed) code = 1;
  } else {
    io.out('C-simulation: not run (--no-csim)');
    csim = { skipped: '--no-csim' };
  }
  const verification = progress.step('every stage simulated on the test inputs', () => verifyStages(model, flow.snapshots, inputs, registry));
  const d = verification.firstDivergence;
  io.out(d ? `stages (SIMULATION): stage '${d.stage}' differs from its reference${d.detail ? ` (${d.detail})` : ''}; run scanflow verify to name the pass` : `stages (SIMULATION): all ${verification.stages.length} stages agree with their reference${preconditions.length ? ' on inputs meeting the preconditions' : ''}`);
  const report = buildReportData({ modelPath, flow, project, estimate: est, utilisation: util, verification, preconditions, ...(csim ? { csim } : {}) });
  const html = await progress.step('report.html (charts, dataflow graph)', () => reportHtml(report));
  if (code !== 0) return { ok: false, code, files: 0 };
  folder.writeFile('folding.json', foldingText(flow.hardware, registry));
  if (options.saveFolding) saveFoldingFile(options.saveFolding, flow.hardware, registry);
  folder.writeFile('report.json', reportJson(report));
  folder.writeFile('report.html', html);
  return { ok: true, code, files: written.length + 3 };
}
