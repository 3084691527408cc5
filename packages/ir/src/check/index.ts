export { checkModel, findModelProblems, type CheckModelOptions } from './check-model';
export { ModelCheckError, type ModelProblem } from './model-check-error';
export { DEFAULT_MAX_NESTING, DEFAULT_MAX_NODES, type GraphLimits } from './limits';
