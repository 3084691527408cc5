export * from './pass';
export * from './pass-manager';
export * from './pipeline/parse-pipeline';
export * from './graph/replace-uses';
export * from './builtin-passes';
export { sanitizeName, uniqueNames } from './passes/unique-names';
export * from './stages';
export * from './cell/cell-quant-spec';
export { matchLstmCell, LSTM_GATES, type LstmCellMatch, type LstmGate, type LstmGateMatch, type GateProduct, type LstmMatchResult } from './cell/lstm-cell';
