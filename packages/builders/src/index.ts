export * from './random';
export * from './quant-spec';
export * from './qcdq';
export * from './quant-lstm';
export * from './quant-conv-lstm';
export * from './mutate-model';
