import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Model } from '@scanflow/ir';
import { decodeModel } from './decode-model';
import { encodeModel } from './encode-model';
import { describeError, ExternalDataError, OnnxFormatError } from './errors';
import { type ExternalDataOptions, ExternalDataWriter } from './external-data';

/** Reads an .onnx file; external tensor data is read relative to the model's folder. */
export function loadModel(path: string): Model {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new OnnxFormatError(`cannot read ONNX model file '${path}' (${describeError(e)})`, { cause: e });
  }
  return decodeModel(bytes, { baseDir: dirname(path), fileName: path });
}

export interface SaveModelOptions {
  /**
   * Store large initializers in one file beside the model (ONNX external data). `true` uses the
   * defaults: tensors of 1024 bytes or more, file `<model file name>.data`, no alignment padding.
   */
  externalData?: boolean | ExternalDataOptions;
}

/** Writes `model` to `path`, optionally with its large initializers in an external data file. */
export function saveModel(model: Model, path: string, options: SaveModelOptions = {}): void {
  const ext = options.externalData;
  const writer = ext ? new ExternalDataWriter(ext === true || !ext.location ? `${basename(path)}.data` : ext.location, ext === true ? {} : ext) : undefined;
  if (writer && resolve(dirname(path), writer.location) === resolve(path)) {
    throw new ExternalDataError(`external data location '${writer.location}' is the model file '${path}' itself`);
  }
  const bytes = encodeModel(model, writer ? { externalData: writer } : {});
  writer?.writeTo(dirname(path));
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new OnnxFormatError(`cannot write ONNX model file '${path}' (${describeError(e)})`, { cause: e });
  }
}
