import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Tensor } from '@scanflow/ir';
import type { DecodeContext } from './context';
import { guarded, plainBytes } from './decode-model';
import { decodeTensorProto } from './decode-tensor';
import { encodeTensorProto } from './encode-tensor';
import { describeError, OnnxFormatError } from './errors';
import { ExternalDataReader } from './external-data';
import { onnx } from './proto';

export interface DecodeTensorOptions {
  /** Folder that external-data locations are relative to. */
  baseDir?: string;
  /** Name used in error messages (default '<bytes>'). */
  fileName?: string;
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
  const ctx: DecodeContext = options.baseDir === undefined ? { file } : { file, external: new ExternalDataReader(options.baseDir, file) };
  const name = proto.name ?? '';
  const where = `${file}: ${name ? `tensor '${name}'` : 'tensor'}`;
  return { name, tensor: guarded(file, 'could not convert the tensor', () => decodeTensorProto(proto, where, ctx)) };
}

/** IR Tensor → serialized TensorProto bytes (raw_data, or string_data for strings). */
export function encodeTensor(tensor: Tensor, name?: string): Uint8Array {
  return guarded('tensor', 'could not encode the tensor', () => onnx.TensorProto.encode(encodeTensorProto(tensor, name)).finish());
}

export function readTensorFile(path: string): NamedTensor {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new OnnxFormatError(`cannot read tensor file '${path}' (${describeError(e)})`, { cause: e });
  }
  return decodeTensor(bytes, { baseDir: dirname(path), fileName: path });
}

export function writeTensorFile(path: string, tensor: Tensor, name?: string): void {
  const bytes = encodeTensor(tensor, name);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new OnnxFormatError(`cannot write tensor file '${path}' (${describeError(e)})`, { cause: e });
  }
}
