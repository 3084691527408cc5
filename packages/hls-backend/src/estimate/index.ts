export * from './types';
export * from './folding';
export * from './memory';
export * from './mvau';
export * from './thresholding';
export * from './elementwise';
export * from './duplicate-streams';
export * from './stream-width';
