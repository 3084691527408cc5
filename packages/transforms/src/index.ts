export * from './pass';
export * from './pass-manager';
export * from './pipeline/parse-pipeline';
export * from './graph/replace-uses';
export * from './builtin-passes';
export { sanitizeName, uniqueNames } from './passes/unique-names';
export * from './stages';
export * from './cell/cell-quant-spec';
export { matchLstmCell, LSTM_GATES, type LstmCellMatch, type LstmGate, type LstmGateMatch, type GateProduct, type LstmMatchResult } from './cell/lstm-cell';
export { findFloatCells, type FloatCell } from './passes/cell-quant/insert-cell-quantizers';
export { bindSymbolicDims, symbolicDims } from './graph/bind-dims';
export * from './pipeline/order-steps';
export { findStructureProblems, type StructureProblem } from './verify/structure-problems';

// The plugin author's kit (docs/writing-a-plugin.md): the generic recurrent lowering, the rewrite
// driver, fresh names and the graph tools the built-in passes use.
export { lowerAllRecurrent } from './lowering/run-lowering';
export { type CellContext, type CellWriter } from './lowering/lower-recurrent';
export { type RecurrentOp, type RecurrentSpec, type RecurrentVectorInput, resolveConstant, stateName } from './lowering/recurrent-spec';
export { Emitter, type EmitterTarget, type FloatType } from './lowering/emitter';
export { type ActivationCall } from './lowering/activations';
export { type GraphEditor, type RewriteContext, type Rewriter, rewriteAll, rewritePass, visitAll, rankIn, sameShapeIn } from './graph/rewrite-driver';
export { NameSource } from './graph/names';
export {
  addConstant,
  biasAdd,
  broadcastDims,
  constantOf,
  constantOperand,
  pruneDead,
  rankOf,
  readOnlyBy,
  refreshTypes,
  scaleMul,
  shapeOf,
  soleReaders,
  type Uses,
  usesOf,
} from './graph/graph-tools';
export { upgradeOpset, type UpgradeRefusal } from './graph/upgrade-opset';
