/** Reads the bytes of a tensor whose TensorProto says data_location = EXTERNAL. */
export interface ExternalDataSource {
  /**
   * Returns exactly `byteLength` bytes described by the tensor's external_data entries, or throws
   * an ExternalDataError naming `where` (the tensor) and the file.
   */
  read(entries: readonly [string, string][], byteLength: number, where: string): Uint8Array;
}

/** What every decoding step needs: the file name for messages and where external data comes from. */
export interface DecodeContext {
  /** The model or tensor file, for messages ('<bytes>' when decoding from memory without a name). */
  file: string;
  /** Absent when decoding bytes without a base folder: external tensors are then an error. */
  external?: ExternalDataSource;
  /** Largest element count of any one tensor (default DEFAULT_MAX_TENSOR_ELEMENTS from @scanflow/ir). */
  maxTensorElements?: number;
}

/** Stores a tensor's raw bytes outside the model and returns its external_data entries, or undefined to keep it inline. */
export interface ExternalDataSink {
  place(name: string, raw: Uint8Array): [string, string][] | undefined;
}

/** A label for a named thing in messages: `tensor 'W'`, or `tensor #3` when unnamed. */
export function label(kind: string, name: string | null | undefined, index?: number): string {
  if (name) return `${kind} '${name}'`;
  return index === undefined ? `unnamed ${kind}` : `${kind} #${index}`;
}
