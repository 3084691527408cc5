import { writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Model } from '@scanflow/ir';
import { decodeModel } from './decode-model';
import { encodeModel } from './encode-model';
import { describeError, ExternalDataError, OnnxFormatError } from './errors';
import { type ExternalDataOptions, ExternalDataWriter } from './external-data';
import { type ReadLimits, resolveLimits } from './limits';
import { readRegularFile } from './read-file';

export type LoadModelOptions = ReadLimits;

/**
 * Reads an .onnx file; external tensor data is read relative to the model's folder. Only a
 * regular file is read (a folder, device or FIFO is refused without blocking), at most
 * `maxModelBytes` of it; the other limits apply while decoding.
 */
export function loadModel(path: string, options: LoadModelOptions = {}): Model {
  const limits = resolveLimits(options);
  const bytes = readRegularFile(path, {
    what: 'ONNX model file',
    maxBytes: limits.maxModelBytes,
    limitName: 'maxModelBytes',
    raiseHint: 'raise it with the maxModelBytes load option',
    category: 'model',
  });
  return decodeModel(bytes, { ...limits, baseDir: dirname(path), fileName: path });
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
    throw new OnnxFormatError(`cannot write ONNX model file '${path}' (${describeError(e)})`, { cause: e, category: 'environment' });
  }
}
