import { checkModel, type Model, type Registry } from '@scanflow/ir';
import { loadModel, type ReadLimits } from '@scanflow/onnx-io';

/** What every command accepts about loading: the element cap (`--max-elements`) and the other limits. */
export interface LoadOptions extends ReadLimits {
  /** `--max-elements`: the largest tensor any step may allocate (decoding, folding, simulation). */
  maxElements?: number;
}

/** The limits of `options` in the form the libraries take. */
export function readLimits(options: LoadOptions = {}): ReadLimits {
  const { maxElements, ...rest } = options;
  return { ...rest, ...(maxElements !== undefined ? { maxTensorElements: maxElements } : {}) };
}

/** `{ maxTensorElements }` for a Simulator or a constant evaluator, when `--max-elements` was given. */
export function elementLimit(options: { maxElements?: number } = {}): { maxTensorElements?: number } {
  return options.maxElements !== undefined ? { maxTensorElements: options.maxElements } : {};
}

/**
 * The one way every command loads MODEL: a regular file within the size limits, decoded, then
 * the model checker (single assignment, no cycles or dangling names, known ops for the declared
 * opsets, valid attributes, Scan consistency) — so that every command agrees on what a valid
 * model is, and refuses the same models with the same message.
 */
export function loadCheckedModel(path: string, registry: Registry, options: LoadOptions = {}): Model {
  const limits = readLimits(options);
  const model = loadModel(path, limits);
  return checkModel(model, registry, { file: path, ...(limits.maxNodes !== undefined ? { maxNodes: limits.maxNodes } : {}), ...(limits.maxNesting !== undefined ? { maxNesting: limits.maxNesting } : {}) });
}
