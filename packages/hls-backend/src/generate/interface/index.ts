export * from './accelerator-description';
export * from './host-steps';
export { type HostChain, inputChain, outputChain } from './host-side';
export * from './interface';
export { type ModelNames, modelNames } from './model-names';
export * from './stream-layout';
export { summariseDequantiser, summariseQuantiser } from './summarise-host';
