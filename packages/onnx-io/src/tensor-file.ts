import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_MAX_TENSOR_ELEMENTS, LimitError, type Tensor } from '@scanflow/ir';
import type { DecodeContext } from './context';
import { guarded, plainBytes } from './decode-model';
import { decodeTensorProto } from './decode-tensor';
import { encodeTensorProto } from './encode-tensor';
import { describeError, ExternalDataError, OnnxFormatError } from './errors';
import { DEFAULT_MAX_MODEL_BYTES } from './limits';
import { readRegularFile } from './read-file';
import { ExternalDataReader } from './external-data';
import { onnx } from './proto';

export interface DecodeTensorOptions {
  /** Folder that external-data locations are relative to. */
  baseDir?: string;
  /** Name used in error messages (default '<bytes>'). */
  fileName?: string;
  /** Largest element count of the tensor (default DEFAULT_MAX_TENSOR_ELEMENTS). */
  maxTensorElements?: number;
}

export interface ReadTensorFileOptions {
  /** Largest file (default 16 MiB, like models). */
  maxBytes?: number;
  /** Largest element count of the tensor (default DEFAULT_MAX_TENSOR_ELEMENTS). */
  maxTensorElements?: number;
}

export interface NamedTensor {
  /** TensorProto.name ('' when the file has none). */
  name: string;
  tensor: Tensor;
}

/** One serialized TensorProto (the ONNX test-data layout, e.g. `input_0.pb`) → its name and IR Tensor. */
export function decodeTensor(bytes: Uint8Array, options: DecodeTensorOptions = {}): NamedTensor {
  const file = options.fileName ?? '<bytes>';
  const plain = plainBytes(bytes);
  const proto = guarded(file, 'not a valid ONNX TensorProto: protobuf decoding failed, the file is truncated or not a TensorProto', () => onnx.TensorProto.decode(plain));
  const ctx: DecodeContext = { file, maxTensorElements: options.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS };
  if (options.baseDir !== undefined) ctx.external = new ExternalDataReader(options.baseDir, file);
  const name = proto.name ?? '';
  const where = `${file}: ${name ? `tensor '${name}'` : 'tensor'}`;
  return { name, tensor: guarded(file, 'could not convert the tensor', () => decodeTensorProto(proto, where, ctx)) };
}

/** IR Tensor → serialized TensorProto bytes (raw_data, or string_data for strings). */
export function encodeTensor(tensor: Tensor, name?: string): Uint8Array {
  return guarded('tensor', 'could not encode the tensor', () => onnx.TensorProto.encode(encodeTensorProto(tensor, name)).finish());
}

/**
 * Reads a TensorProto file (an input or output of a model run). Only a regular file is read, at
 * most `maxBytes`; problems are errors of category 'input' (the file, not the model, is at fault).
 */
export function readTensorFile(path: string, options: ReadTensorFileOptions = {}): NamedTensor {
  const bytes = readRegularFile(path, {
    what: 'tensor file',
    maxBytes: options.maxBytes ?? DEFAULT_MAX_MODEL_BYTES,
    limitName: 'maxBytes',
    raiseHint: 'raise it with the readTensorFile option maxBytes',
  });
  try {
    return decodeTensor(bytes, { baseDir: dirname(path), fileName: path, ...(options.maxTensorElements ? { maxTensorElements: options.maxTensorElements } : {}) });
  } catch (e) {
    // The same problem, blamed on the input file rather than on a model.
    if (e instanceof OnnxFormatError) throw new OnnxFormatError(e.message, { cause: e.cause, category: 'input' });
    if (e instanceof ExternalDataError) throw new ExternalDataError(e.message, { cause: e.cause, category: 'input' });
    if (e instanceof LimitError) throw new LimitError(e.limit, e.message, { cause: e.cause, category: 'input' });
    throw e;
  }
}

export function writeTensorFile(path: string, tensor: Tensor, name?: string): void {
  const bytes = encodeTensor(tensor, name);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new OnnxFormatError(`cannot write tensor file '${path}' (${describeError(e)})`, { cause: e, category: 'environment' });
  }
}
