import { ScanflowError } from '../errors';

/** One way a model breaks the rules `checkModel` enforces. */
export interface ModelProblem {
  /** The rule's name, e.g. `single-assignment`, `known-op`. */
  rule: string;
  /** One line: where (graph / node, names quoted and escaped) and what is wrong. */
  message: string;
}

/** A model fails the model checker: the first problem, and how many more there are. */
export class ModelCheckError extends ScanflowError {
  readonly problems: readonly ModelProblem[];

  constructor(problems: readonly ModelProblem[], file?: string) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super('MODEL_INVALID', `${file ? `${file}: ` : ''}${first.message}${more}`, { category: 'model' });
    this.name = 'ModelCheckError';
    this.problems = problems;
  }
}
