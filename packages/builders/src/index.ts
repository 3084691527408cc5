export * from './random';
export * from './quant-spec';
export * from './qcdq';
export * from './quant-lstm';
