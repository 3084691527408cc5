export { main, VERSION } from './program';
export type { CliIO } from './io';
export { UsageError } from './cli-error';
export { summarizeModel, summarizeGraph, type ModelSummary, type GraphSummary } from './commands/inspect';
