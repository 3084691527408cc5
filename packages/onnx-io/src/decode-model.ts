import { type Attribute, isScanflowError, LimitError, Model, type ModelFunction, normalizeDomain } from '@scanflow/ir';
import type { DecodeContext } from './context';
import { decodeAttribute } from './decode-attribute';
import { decodeGraph, decodeNode, decodeValueInfo } from './decode-graph';
import { describeError, ExternalDataError, OnnxFormatError } from './errors';
import { ExternalDataReader } from './external-data';
import { int64ToBigInt, int64ToSafeNumber, type Int64Like } from './int64';
import { type ReadLimits, resolveLimits } from './limits';
import { decodeOpsetImports } from './opset-imports';
import { prescanModel } from './prescan';
import { entriesOf, type FunctionProto, has, type ModelProto, onnx } from './proto';

export interface DecodeModelOptions extends Omit<ReadLimits, 'maxModelBytes'> {
  /** Folder that external-data locations are relative to (the model file's folder). */
  baseDir?: string;
  /** Name used in error messages (default '<bytes>'). */
  fileName?: string;
}

/** A view of the same bytes as a plain Uint8Array, so protobufjs never hands out Node Buffer slices. */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new OnnxFormatError(`expected the model as a Uint8Array, got ${typeof bytes}`);
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Runs `fn`, turning any other error (protobufjs, a RangeError from absurdly deep nesting, an IR
 * check) into an OnnxFormatError naming `file`; this package's own errors pass through.
 */
export function guarded<T>(file: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OnnxFormatError || e instanceof ExternalDataError || e instanceof LimitError) throw e;
    const why = isScanflowError(e) ? e.message : describeError(e);
    throw new OnnxFormatError(`${file}: ${what} (${why})`, { cause: e });
  }
}

function decodeFunction(p: FunctionProto, index: number, file: string, ctx: DecodeContext): ModelFunction {
  const where = `${file}: function ${p.name ? `'${p.name}'` : `#${index}`}`;
  if (!p.name) throw new OnnxFormatError(`${where}: name is missing`);
  const { raw, map } = decodeOpsetImports(p.opsetImport, where);
  const attributeProto: [string, Attribute][] = (p.attributeProto ?? []).map((a) => [
    a.name ?? '',
    decodeAttribute(a, where, ctx, (g, w) => decodeGraph(g, w, ctx)),
  ]);
  const fn: ModelFunction = {
    name: p.name,
    domain: normalizeDomain(p.domain),
    inputs: [...(p.input ?? [])],
    outputs: [...(p.output ?? [])],
    attributeNames: [...(p.attribute ?? [])],
    nodes: (p.node ?? []).map((n, i) => decodeNode(n, i, where, ctx)),
    opsetImports: map,
  };
  if (has(p, 'overload')) fn.overload = p.overload as string;
  if (has(p, 'docString')) fn.docString = p.docString as string;
  fn.extra = { rawOpsetImports: raw };
  if (attributeProto.length) fn.extra.attributeProto = attributeProto;
  if (p.valueInfo?.length) fn.extra.valueInfo = p.valueInfo.map((v) => decodeValueInfo(v, where));
  if (p.metadataProps?.length) fn.extra.metadataProps = entriesOf(p.metadataProps);
  return fn;
}

/** A decoded ModelProto → IR Model. */
export function modelFromProto(p: ModelProto, ctx: DecodeContext): Model {
  const file = ctx.file;
  if (!has(p, 'irVersion')) throw new OnnxFormatError(`${file}: ir_version is missing; not an ONNX model`);
  const irVersion = int64ToSafeNumber(p.irVersion as Int64Like);
  if (irVersion === undefined || irVersion < 1) throw new OnnxFormatError(`${file}: ir_version ${int64ToBigInt(p.irVersion as Int64Like)} is not a positive integer`);
  if (!p.graph) throw new OnnxFormatError(`${file}: the model has no graph`);
  const { raw, map } = decodeOpsetImports(p.opsetImport, file);
  const graph = decodeGraph(p.graph, `${file}: graph`, ctx);
  const model = new Model(graph, {
    irVersion,
    opsetImports: map,
    rawOpsetImports: raw,
    metadataProps: entriesOf(p.metadataProps),
    functions: (p.functions ?? []).map((f, i) => decodeFunction(f, i, file, ctx)),
  });
  if (has(p, 'producerName')) model.producerName = p.producerName as string;
  if (has(p, 'producerVersion')) model.producerVersion = p.producerVersion as string;
  if (has(p, 'domain')) model.domain = p.domain as string;
  if (has(p, 'docString')) model.docString = p.docString as string;
  if (has(p, 'modelVersion')) {
    const v = int64ToSafeNumber(p.modelVersion as Int64Like);
    if (v === undefined) throw new OnnxFormatError(`${file}: model_version ${int64ToBigInt(p.modelVersion as Int64Like)} is out of the safe integer range`);
    model.modelVersion = v;
  }
  return model;
}

/** Parses ModelProto bytes, turning protobufjs failures (truncation, bad wire types) into OnnxFormatError. */
export function parseModelProto(bytes: Uint8Array, file: string): ModelProto {
  const plain = plainBytes(bytes);
  if (plain.length === 0) throw new OnnxFormatError(`${file}: the file is empty; expected an ONNX ModelProto`);
  return guarded(file, 'not a valid ONNX model: protobuf decoding failed, the file is truncated or not ONNX', () => onnx.ModelProto.decode(plain));
}

/**
 * ONNX ModelProto bytes → IR Model. External tensor data is read relative to `options.baseDir`;
 * without it, a model with external data is an ExternalDataError. The limits (node count, nesting,
 * tensor elements, external bytes) are checked before anything large is built: a LimitError.
 */
export function decodeModel(bytes: Uint8Array, options: DecodeModelOptions = {}): Model {
  const file = options.fileName ?? '<bytes>';
  const limits = resolveLimits(options);
  const ctx: DecodeContext = { file, maxTensorElements: limits.maxTensorElements };
  if (options.baseDir !== undefined) ctx.external = new ExternalDataReader(options.baseDir, file, { maxBytes: limits.maxExternalDataBytes });
  prescanModel(plainBytes(bytes), limits, file);
  const proto = parseModelProto(bytes, file);
  return guarded(file, 'could not convert the model', () => modelFromProto(proto, ctx));
}
