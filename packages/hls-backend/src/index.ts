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
export { builtinHwRegistry, hwLayerOf, hwLayers, isHardwareLayer, isRecurrence, streamInputs, vectorChannelsOf, type HwLayerDefinition, type StepRole } from './hw-layer';
export * from './implementation/index';
export { duplicateStreamsLayer } from './layers/duplicate-streams';
export { elementwiseAddLayer, elementwiseMulLayer } from './layers/elementwise';
export { mvauLayer } from './layers/mvau';
export { thresholdingLayer } from './layers/thresholding';
export type { EstimateContext, LayerEstimator } from './estimate/layers/types';
export type { CodegenContext, LayerGenerator } from './codegen/layers/types';
export * from './generate/index';
export { HlsCodegenError } from './codegen/errors';
export { sanitizeIdentifier } from './codegen/identifiers';
export type { CppDefinition, LayerCode, LayerPort } from './codegen/layers/types';
// the kit for a plugin's hardware layer: function signatures, element types, estimate primitives
export { inputParam, layerSignature, outputParam } from './codegen/layers/signature';
export { streamType, type ElemType } from './codegen/cpp-types';
