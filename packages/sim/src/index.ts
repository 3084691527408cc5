export * from './kernel';
export * from './errors';
export * from './trace';
export * from './simulator';
export * from './core-kernels';
export { GraphPlan } from './plan/compile-graph';
export * from './helpers/broadcast';
export * from './constant-evaluator';
export * from './value-ranges';
