import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkUtilisation, utilisation } from '@scanflow/board-zcu';
import { estimateModel, hasCppCompiler, runCsim, writeHlsProject } from '@scanflow/hls-backend';
import type { Tensor } from '@scanflow/ir';
import { loadModel, readTensorFile, saveModel } from '@scanflow/onnx-io';
import { UsageError } from '../cli-error';
import { acceleratorProject } from '../hardware/accelerator-vectors';
import { type FoldingChoice, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { estimateSummaryLines } from './estimate';
import { numberedTensorFiles } from './run';
import { fullRegistry } from '../verify/full-registry';
import { parseDims, randomInputs } from '../verify/random-inputs';
import { buildReportData, type CsimSummary, reportHtml, reportJson, verifyStages } from '../report/index';

export interface CompileOptions extends FoldingChoice {
  board: string;
  out: string;
  inputs?: string;
  seed: number;
  dim: string[];
  force: boolean;
  csim: boolean;
  /** Write the files even when the estimate exceeds the board's resources (the flag --allow-overbudget). */
  allowOverbudget?: boolean;
}

/**
 * `scanflow compile MODEL --board zcu104 --out DIR`: the whole flow. Stops (exit 1, nothing written)
 * when the estimate exceeds the board's resources, unless allowOverbudget. Writes every stage's ONNX
 * (stages/), the Vitis HLS project with a testbench on simulator data and interface.json (hls/), the
 * board folder (board/: block design, bitstream script, PYNQ driver), report.json and report.html,
 * then runs the g++ C-simulation of the project and compares it with the simulator bit for bit
 * (unless --no-csim, or no C++ compiler is installed).
 */
export async function compileCommand(modelPath: string, options: CompileOptions, io: CliIO): Promise<number> {
  const out = resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !options.force) {
    throw new UsageError(`--out ${options.out} exists and is not empty; pass --force to overwrite the files scanflow writes there`);
  }
  const registry = fullRegistry();
  const model = loadModel(modelPath);
  const flow = runHardwareFlow(model, registry, options.board, options);
  let inputs: Tensor[];
  if (options.inputs) {
    if (!existsSync(options.inputs)) throw new UsageError(`--inputs ${options.inputs}: no such folder`);
    inputs = numberedTensorFiles(options.inputs, 'input').map((f) => readTensorFile(f).tensor);
  } else {
    inputs = randomInputs(model.graph, options.seed, parseDims(options.dim));
  }

  const est = estimateModel(flow.hardware);
  const util = options.allowOverbudget ? utilisation(est, flow.board) : checkUtilisation(est, flow.board);

  mkdirSync(join(out, 'stages'), { recursive: true });
  const written: string[] = [];
  flow.snapshots.forEach((s, k) => {
    const file = join('stages', `${k + 1}-${s.stage}.onnx`);
    saveModel(k === flow.snapshots.length - 1 ? flow.hardware : s.model, join(out, file));
    written.push(file);
  });

  const project = acceleratorProject(flow.hardware, registry, inputs, { part: flow.board.part, clockNs: flow.board.clockPeriodNs });
  written.push(...writeHlsProject(project, join(out, 'hls')).map((f) => join('hls', f)));
  const boardFiles = flow.board.boardFiles?.({ interface: project.interface, description: project.description, hlsFolder: '../hls' });
  if (boardFiles) written.push(...writeHlsProject({ files: boardFiles }, join(out, 'board')).map((f) => join('board', f)));
  let csim: CsimSummary | undefined;

  io.out(`compile ${modelPath} → ${out}`);
  io.out(`stages: ${flow.snapshots.map((s) => s.stage).join(' → ')}; folding: ${flow.foldingSource}`);
  io.out(`accelerator: ${project.accelerator.nodes.length} top-level nodes, ports in ${project.ports.inputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}, out ${project.ports.outputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}`);
  for (const line of estimateSummaryLines(est, flow.board)) io.out(`  ${line}`);
  let code = 0;
  if (options.csim) {
    if (!hasCppCompiler()) {
      io.out('C-simulation skipped: no C++ compiler (g++ or $CXX) found');
      csim = { skipped: 'no C++ compiler (g++ or $CXX)' };
    } else {
      const r = runCsim(join(out, 'hls'));
      const m = r.mismatches[0];
      csim = { kind: 'SIMULATION', passed: r.passed, checked: r.checked, mismatches: r.mismatchCount, ...(m ? { first: `${m.port}[${m.index}] got ${m.got}, expected ${m.expected}` } : {}) };
      io.out(`C-simulation (g++): ${r.passed ? 'bit-exact' : 'DIFFERS'} — ${r.checked} output elements compared with the simulator, ${r.mismatchCount} mismatches${r.mismatches[0] ? ` (first: ${r.mismatches[0].port}[${r.mismatches[0].index}] got ${r.mismatches[0].got}, expected ${r.mismatches[0].expected})` : ''}`);
      if (!r.passed) code = 1;
    }
  }
  const verification = verifyStages(model, flow.snapshots, inputs, registry);
  const d = verification.firstDivergence;
  io.out(d ? `stages (SIMULATION): stage '${d.stage}' differs from the one before${d.detail ? ` (${d.detail})` : ''}; run scanflow verify to name the pass` : `stages (SIMULATION): all ${verification.stages.length} stages agree with the one before`);
  const report = buildReportData({ modelPath, flow, project, estimate: est, utilisation: util, verification, ...(csim ? { csim } : {}) });
  writeFileSync(join(out, 'report.json'), reportJson(report));
  writeFileSync(join(out, 'report.html'), await reportHtml(report));
  io.out(`wrote ${written.length + 2} files (stages/, hls/, board/, report.json, report.html)`);
  return code;
}
