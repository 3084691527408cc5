import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModel, readTensorFile, writeTensorFile } from '@scanflow/onnx-io';
import { Simulator } from '@scanflow/sim';
import { UsageError } from '../cli-error';
import type { CliIO } from '../io';

export interface RunOptions {
  inputs: string;
  outputs: string;
  force?: boolean;
}

/** Numbered TensorProto files `<prefix>_0.pb`, `<prefix>_1.pb` ... in a folder, in order, without gaps. */
export function numberedTensorFiles(dir: string, prefix: string): string[] {
  const re = new RegExp(`^${prefix}_(\\d+)\\.pb$`);
  const found = readdirSync(dir)
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  found.forEach((n, k) => {
    if (n !== k) throw new UsageError(`${dir}: ${prefix}_${k}.pb is missing (found ${prefix}_${n}.pb)`);
  });
  return found.map((n) => join(dir, `${prefix}_${n}.pb`));
}

/** `scanflow run MODEL --inputs DIR --outputs DIR`: simulate the model on TensorProto inputs. */
export function runCommand(modelPath: string, options: RunOptions, io: CliIO): void {
  const inputDir = resolve(options.inputs);
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory()) throw new UsageError(`--inputs ${options.inputs}: not a folder`);
  const model = loadModel(modelPath);
  const sim = new Simulator(model);
  const files = numberedTensorFiles(inputDir, 'input');
  if (files.length !== sim.inputNames.length) {
    throw new UsageError(
      `${modelPath} takes ${sim.inputNames.length} input(s) (${sim.inputNames.join(', ')}), but ${options.inputs} holds ${files.length} input_N.pb file(s)`,
    );
  }
  const inputs = files.map((f) => readTensorFile(f).tensor);
  const { outputs } = sim.run(inputs);

  const outDir = resolve(options.outputs);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--outputs ${options.outputs}: exists and is not a folder`);
  mkdirSync(outDir, { recursive: true });
  const targets = outputs.map((_, k) => join(outDir, `output_${k}.pb`));
  const clash = targets.filter((t) => existsSync(t));
  if (clash.length && !options.force) throw new UsageError(`${clash[0]} already exists (pass --force to overwrite)`);
  outputs.forEach((t, k) => writeTensorFile(targets[k], t, sim.outputNames[k]));
  io.out(`wrote ${outputs.length} output(s) to ${options.outputs}: ${sim.outputNames.map((n, k) => `${n} ${outputs[k].elemType}[${outputs[k].dims.join(', ')}]`).join(', ')}`);
}
