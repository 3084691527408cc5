export { generateHlsProject, type HlsProject, type HlsProjectOptions } from './project';
export { writeHlsProject } from './write-project';
export { runCsim, parseCsimOutput, type CsimMismatch, type CsimOptions, type CsimResult } from './run-csim';
export { partitionAccelerator, type AcceleratorPartition } from './partition';
export type { HlsPort } from './ports';
export type { BoardOptions } from './scripts';
export { formatTestVectors, parseTestVectors, type PortTensors } from './test-vectors';
export * from './interface/index';
