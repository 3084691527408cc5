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
