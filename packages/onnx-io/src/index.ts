/**
 * @scanflow/onnx-io: ONNX protobuf ↔ scanflow IR. Models (with Scan bodies, model-local functions,
 * QONNX datatype annotations and metadata), external tensor data, and single TensorProto files.
 */
export { OnnxFormatError, ExternalDataError } from './errors';
export { decodeModel, type DecodeModelOptions } from './decode-model';
export { encodeModel, type EncodeModelOptions } from './encode-model';
export { loadModel, saveModel, type LoadModelOptions, type SaveModelOptions } from './model-file';
export {
  decodeTensor,
  encodeTensor,
  readTensorFile,
  writeTensorFile,
  type DecodeTensorOptions,
  type NamedTensor,
  type ReadTensorFileOptions,
} from './tensor-file';
export { DEFAULT_MAX_EXTERNAL_DATA_BYTES, DEFAULT_MAX_MODEL_BYTES, type ReadLimits } from './limits';
export { FileReadError, readRegularFile, type ReadRegularFileOptions } from './read-file';
export { prescanModel } from './prescan';
export {
  ExternalDataReader,
  ExternalDataWriter,
  DEFAULT_EXTERNAL_THRESHOLD,
  EXTERNAL_DATA_KEYS,
  type ExternalDataOptions,
  type ExternalDataInfo,
} from './external-data';
export type { ExternalDataSink, ExternalDataSource } from './context';
export { FINN_DATATYPE_KEY, TENSOR_LAYOUT_KEY } from './annotations';
