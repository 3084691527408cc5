import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { quoteName } from '@scanflow/ir';
import { readTensorFile, writeTensorFile } from '@scanflow/onnx-io';
import { Simulator } from '@scanflow/sim';
import { InputError } from '../cli-error';
import type { CliIO } from '../io';
import { numberedTensorFiles } from '../flow/tensor-folder';
import { elementLimit, loadCheckedModel, type LoadOptions } from '../load-model';
import { buildOutputFolder } from '../output-folder';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../compose/full-registry';

export interface RunOptions extends LoadOptions, CommandContext {
  inputs: string;
  outputs: string;
  force?: boolean;
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
