import type { Model, Tensor } from '@scanflow/ir';
import { generateHlsProject, type HlsProject } from '../project';
import { runCsim, type CsimResult } from '../run-csim';
import { simulate } from './reference.test-support';

export const zcu104 = { part: 'xczu7ev-ffvc1156-2-e', clockNs: 5 } as const;

/** Simulates the model, generates its project with those test vectors and runs the g++ C-simulation. */
export function csimAgainstSimulator(model: Model, inputs: readonly Tensor[]): { project: HlsProject; expected: Tensor[]; result: CsimResult } {
  const expected = simulate(model, inputs);
  const project = generateHlsProject(model, { board: zcu104, testVectors: { inputs, outputs: expected } });
  return { project, expected, result: runCsim(project, { optimize: 0 }) };
}
