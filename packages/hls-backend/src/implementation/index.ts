export * from './multiplier-impl';
export * from './threshold-method';
