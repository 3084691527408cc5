import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { utilisation } from '@scanflow/board-zcu';
import { estimateModel, hasCppCompiler, runCsim, writeHlsProject } from '@scanflow/hls-backend';
import type { Tensor } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { EnvironmentError } from '../cli-error';
import { acceleratorProject } from '../hardware/accelerator-vectors';
import { type FoldingChoice, runHardwareFlow } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { estimateSummaryLines } from './estimate';
import { readInputFolder } from './run';
import { elementLimit, loadCheckedModel, type LoadOptions } from '../load-model';
import { buildOutputFolder, type OutputFolder } from '../output-folder';
import { fullRegistry } from '../verify/full-registry';
import { parseDims, randomInputs } from '../verify/random-inputs';
import { reportHtml } from '../hardware/report-html';

export interface CompileOptions extends FoldingChoice, LoadOptions {
  board: string;
  out: string;
  inputs?: string;
  seed: number;
  dim: string[];
  force: boolean;
  csim: boolean;
}

/**
 * `scanflow compile MODEL --board zcu104 --out DIR`: the whole flow. Writes every stage's ONNX
 * (stages/), the Vitis HLS project with a testbench on simulator data (hls/), report.json and
 * report.html (ESTIMATES), then runs the g++ C-simulation of the project and compares it with the
 * simulator bit for bit (unless --no-csim; without a C++ compiler it fails, naming --no-csim).
 * Everything is built in a fresh folder beside --out that replaces it only when all of it —
 * C-simulation included — succeeded (see OutputFolder); a failure leaves --out as it was.
 */
export function compileCommand(modelPath: string, options: CompileOptions, io: CliIO): number {
  const out = resolve(options.out);
  if (options.csim && !hasCppCompiler()) {
    throw new EnvironmentError('NO_CPP_COMPILER', 'no C++ compiler (g++ or $CXX) found for the C-simulation of the generated HLS C++; install g++ or pass --no-csim');
  }
  const result = buildOutputFolder(out, { flag: '--out', force: options.force, reads: [modelPath, options.inputs, options.folding] }, (folder) => compileInto(folder, modelPath, options, io));
  if (result.ok) io.out(`wrote ${result.files} files (stages/, hls/, report.json, report.html)`);
  return result.code;
}

function compileInto(folder: OutputFolder, modelPath: string, options: CompileOptions, io: CliIO): { ok: boolean; code: number; files: number } {
  const out = folder.target;
  const registry = fullRegistry();
  const model = loadCheckedModel(modelPath, registry, options);
  const flow = runHardwareFlow(model, registry, options.board, options);
  let inputs: Tensor[];
  if (options.inputs) {
    inputs = readInputFolder(options.inputs, options);
  } else {
    inputs = randomInputs(model.graph, options.seed, parseDims(options.dim));
  }

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
    save(file, (path) => saveModel(k === flow.snapshots.length - 1 ? flow.hardware : s.model, path));
    written.push(file);
  });

  const project = acceleratorProject(flow.hardware, registry, inputs, { part: flow.board.part, clockNs: flow.board.clockPeriodNs }, elementLimit(options));
  save('hls', (path) => written.push(...writeHlsProject(project, path).map((f) => join('hls', f))));

  const est = estimateModel(flow.hardware);
  const report = {
    model: modelPath,
    board: flow.board.name,
    part: flow.board.part,
    clockPeriodNs: flow.board.clockPeriodNs,
    folding: flow.foldingSource,
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
  io.out(`accelerator: ${project.accelerator.nodes.length} top-level nodes, ports in ${project.ports.inputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}, out ${project.ports.outputs.map((p) => `${p.name} ${p.datatype}[${p.shape.join('x')}]`).join(', ')}`);
  for (const line of estimateSummaryLines(est, flow.board)) io.out(`  ${line}`);
  let code = 0;
  if (options.csim) {
    const r = runCsim(folder.file('hls'));
    report.csim = { kind: 'SIMULATION', passed: r.passed, checked: r.checked, mismatches: r.mismatchCount };
    io.out(`C-simulation (g++): ${r.passed ? 'bit-exact' : 'DIFFERS'} — ${r.checked} output elements compared with the simulator, ${r.mismatchCount} mismatches${r.mismatches[0] ? ` (first: ${r.mismatches[0].port}[${r.mismatches[0].index}] got ${r.mismatches[0].got}, expected ${r.mismatches[0].expected})` : ''}`);
    if (!r.passed) code = 1;
  }
  if (code !== 0) {
    io.out(`nothing written to ${options.out}: the C-simulation failed (--no-csim writes the project without it)`);
    return { ok: false, code, files: 0 };
  }
  folder.writeFile('report.json', JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  folder.writeFile('report.html', reportHtml(report));
  return { ok: true, code, files: written.length + 2 };
}
