import { existsSync } from 'node:fs';
import type { Model, Tensor } from '@scanflow/ir';
import { quoteName } from '@scanflow/ir';
import { InputError } from '../cli-error';
import { readInputFolder } from '../commands/run';
import { parseDims, randomInputs } from '../verify/random-inputs';

export interface InputChoice {
  /** Folder with input_0.pb ... (else seeded random inputs). */
  inputs?: string;
  seed: number;
  /** `--dim NAME=SIZE` flags for symbolic dimensions of random inputs. */
  dim?: string[];
  /** `--seq-len N`: the size of every symbolic dimension not set by --dim (the open sequence length). */
  seqLen?: number;
  /** `--max-elements`: the largest input tensor read. */
  maxElements?: number;
}

export interface StageInputs {
  tensors: Tensor[];
  /** How they were made, for the report. */
  description: string;
}

/** The default size of a symbolic dimension when neither --dim nor --seq-len sets it. */
export const DEFAULT_SEQ_LEN = 4;

/** Inputs for simulating a model: read from --inputs, or seeded random ones (symbolic sizes from --dim / --seq-len). */
export function stageInputs(model: Model, choice: InputChoice): StageInputs {
  if (choice.inputs) {
    if (!existsSync(choice.inputs)) throw new InputError(`--inputs ${quoteName(choice.inputs)}: no such folder`);
    const tensors = readInputFolder(choice.inputs, choice);
    const want = model.graph.runtimeInputs.length;
    if (tensors.length !== want) throw new InputError(`the model takes ${want} input(s), but --inputs ${quoteName(choice.inputs)} holds ${tensors.length} input_N.pb file(s)`);
    return { tensors, description: choice.inputs };
  }
  const dims = parseDims(choice.dim ?? []);
  const seqLen = choice.seqLen ?? DEFAULT_SEQ_LEN;
  const tensors = randomInputs(model.graph, choice.seed, dims, seqLen);
  const names = model.graph.runtimeInputs.map((i) => i.name);
  return { tensors, description: `random (seed ${choice.seed}): ${tensors.map((t, k) => `${names[k]} [${t.dims.join(', ')}]`).join(', ')}` };
}

/** The sequence length of a set of inputs: the first dimension of the first input whose declared first dimension is symbolic. */
export function seqLenOf(model: Model, tensors: readonly Tensor[]): number | undefined {
  const inputs = model.graph.runtimeInputs;
  for (let k = 0; k < inputs.length; k++) {
    const t = inputs[k]!.type;
    if (t?.kind !== 'tensor' || !t.shape) continue;
    const at = t.shape.findIndex((d) => typeof d !== 'number');
    if (at >= 0) return tensors[k]?.dims[at];
  }
  return undefined;
}
