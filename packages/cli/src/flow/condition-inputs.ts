import { type Model, onGrid, type Precondition, projectOntoGrid, type Tensor } from '@scanflow/ir';

export interface ConditionedInputs {
  tensors: Tensor[];
  /** Preconditions on model inputs, and whether the given inputs already met them. */
  applied: { precondition: Precondition; input: string; alreadyMet: boolean }[];
  /** Preconditions on inner values: they cannot be met by choosing inputs, so they are reported, not applied. */
  inner: Precondition[];
}

/**
 * Moves each model input a precondition is about onto its grid (the inputs on which the flow's
 * stages must equal the original model exactly). Other inputs are kept.
 */
export function conditionInputs(model: Model, inputs: readonly Tensor[], preconditions: readonly Precondition[]): ConditionedInputs {
  const names = model.graph.runtimeInputs.map((i) => i.name);
  const tensors = [...inputs];
  const applied: ConditionedInputs['applied'] = [];
  const inner: Precondition[] = [];
  for (const p of preconditions) {
    const k = p.graphInput ? names.indexOf(p.value) : -1;
    if (k < 0) {
      inner.push(p);
      continue;
    }
    const met = onGrid(p, tensors[k]!);
    if (!met) tensors[k] = projectOntoGrid(p, tensors[k]!);
    applied.push({ precondition: p, input: p.value, alreadyMet: met });
  }
  return { tensors, applied, inner };
}
