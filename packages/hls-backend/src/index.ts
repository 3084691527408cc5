export { emulationHeaders, emulationIncludeDir, kernelHeaders, kernelIncludeDir } from './paths';
export {
  compileCpp,
  cppCompileArgs,
  CppCompileError,
  defaultCppCompiler,
  hasCppCompiler,
  type CompileCppOptions,
  type CompileCppResult,
} from './compile-cpp';
export {
  cppInitializer,
  cppIntegerLiteral,
  foldChannelParams,
  foldMvauWeights,
  foldThresholds,
  HlsLayoutError,
  packVector,
  packWord,
  unpackWord,
  type MvauFolding,
  type NestedIntegers,
} from './layout';
export * from './estimate/index';
export { hwLayers, type HwLayerDefinition } from './hw-layer';
export type { EstimateContext, LayerEstimator } from './estimate/layers/types';
export type { CodegenContext, LayerGenerator } from './codegen/layers/types';
export * from './generate/index';
export { HlsCodegenError } from './codegen/errors';
export { sanitizeIdentifier } from './codegen/identifiers';
export type { CppDefinition, LayerCode, LayerPort } from './codegen/layers/types';
