import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quoteName } from '@scanflow/ir';
import { readTensorFile, writeTensorFile } from '@scanflow/onnx-io';
import { Simulator } from '@scanflow/sim';
import { InputError } from '../cli-error';
import type { CliIO } from '../io';
import { elementLimit, loadCheckedModel, type LoadOptions } from '../load-model';
import { buildOutputFolder } from '../output-folder';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../verify/full-registry';

export interface RunOptions extends LoadOptions, CommandContext {
  inputs: string;
  outputs: string;
  force?: boolean;
}

/** Numbered TensorProto files `<prefix>_0.pb`, `<prefix>_1.pb` ... in a folder, in order, without gaps. */
export function numberedTensorFiles(dir: string, prefix: string): string[] {
  const re = new RegExp(`^${prefix}_(\\d+)\\.pb$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${quoteName(dir)}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : (e as Error).message}`, { cause: e });
  }
  const found = entries
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  found.forEach((n, k) => {
    if (n !== k) throw new InputError(`${quoteName(dir)}: ${prefix}_${k}.pb is missing (found ${prefix}_${n}.pb)`);
  });
  return found.map((n) => join(dir, `${prefix}_${n}.pb`));
}

/** The tensors of `input_0.pb ...` in a folder (regular files only, within the element limit). */
export function readInputFolder(dir: string, options: { maxElements?: number } = {}) {
  return numberedTensorFiles(dir, 'input').map((f) => readTensorFile(f, options.maxElements !== undefined ? { maxTensorElements: options.maxElements } : {}).tensor);
}

/**
 * `scanflow run MODEL --inputs DIR --outputs DIR`: simulate the model on TensorProto inputs. The
 * outputs are written into a fresh folder that replaces --outputs only when every file was written
 * (see OutputFolder): never through a link, never leaving a partial folder behind.
 */
export function runCommand(modelPath: string, options: RunOptions, io: CliIO): void {
  const inputDir = resolve(options.inputs);
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory()) throw new InputError(`--inputs ${quoteName(options.inputs)}: not a folder`);
  const registry = options.registry ?? fullRegistry();
  const model = loadCheckedModel(modelPath, registry, options);
  const sim = new Simulator(model, { registry, ...elementLimit(options) });
  const files = numberedTensorFiles(inputDir, 'input');
  if (files.length !== sim.inputNames.length) {
    throw new InputError(
      `${quoteName(modelPath)} takes ${sim.inputNames.length} input(s) (${sim.inputNames.map(quoteName).join(', ')}), but ${quoteName(options.inputs)} holds ${files.length} input_N.pb file(s)`,
    );
  }
  const inputs = files.map((f) => readTensorFile(f, options.maxElements !== undefined ? { maxTensorElements: options.maxElements } : {}).tensor);
  const { outputs } = sim.run(inputs);

  buildOutputFolder(options.outputs, { flag: '--outputs', force: options.force ?? false, reads: [modelPath, options.inputs] }, (folder) => {
    outputs.forEach((t, k) => {
      const rel = `output_${k}.pb`;
      try {
        writeTensorFile(folder.file(rel), t, sim.outputNames[k]);
      } catch (e) {
        throw folder.writeError(rel, (e as Error).cause ?? e);
      }
    });
    return { ok: true };
  });
  io.out(`wrote ${outputs.length} output(s) to ${options.outputs}: ${sim.outputNames.map((n, k) => `${quoteName(n)} ${outputs[k].elemType}[${outputs[k].dims.join(', ')}]`).join(', ')}`);
}
