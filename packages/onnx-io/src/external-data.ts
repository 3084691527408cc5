import { closeSync, constants, existsSync, fstatSync, openSync, readSync, realpathSync, statSync, writeSync } from 'node:fs';
import { LimitError } from '@scanflow/ir';
import { isAbsolute, join, posix, relative, resolve, sep, win32 } from 'node:path';
import type { ExternalDataSink, ExternalDataSource } from './context';
import { describeError, ExternalDataError } from './errors';
import { DEFAULT_MAX_EXTERNAL_DATA_BYTES, formatBytes } from './limits';

/** The only external_data keys ONNX defines. */
export const EXTERNAL_DATA_KEYS = ['location', 'offset', 'length', 'checksum', 'basepath'] as const;
/** ONNX's default: tensors of at least this many bytes go to the external file. */
export const DEFAULT_EXTERNAL_THRESHOLD = 1024;

export interface ExternalDataInfo {
  location: string;
  offset?: number;
  length?: number;
  checksum?: string;
}

function parseCount(key: string, value: string, where: string, location: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new ExternalDataError(`${where}: external data '${key}' is '${value}' for file '${location}'; expected a non-negative integer`);
  }
  return n;
}

/** Checks the key/value pairs of TensorProto.external_data: known keys only, each once, location present. */
export function parseExternalDataEntries(entries: readonly [string, string][], where: string): ExternalDataInfo {
  const seen = new Map<string, string>();
  for (const [k, v] of entries) {
    if (!(EXTERNAL_DATA_KEYS as readonly string[]).includes(k)) {
      throw new ExternalDataError(`${where}: unknown external data key '${k}'; expected only ${EXTERNAL_DATA_KEYS.join(', ')}`);
    }
    if (seen.has(k)) throw new ExternalDataError(`${where}: external data key '${k}' appears twice`);
    seen.set(k, v);
  }
  const location = seen.get('location');
  if (!location) throw new ExternalDataError(`${where}: external data has no 'location'`);
  const info: ExternalDataInfo = { location };
  const offset = seen.get('offset');
  const length = seen.get('length');
  const checksum = seen.get('checksum');
  if (offset !== undefined) info.offset = parseCount('offset', offset, where, location);
  if (length !== undefined) info.length = parseCount('length', length, where, location);
  if (checksum !== undefined) info.checksum = checksum;
  return info;
}

/** Rejects empty, absolute and folder-escaping locations; returns the location with '/' separators. */
export function checkRelativeLocation(location: string, where: string): string {
  if (!location || location.includes('\0')) throw new ExternalDataError(`${where}: external data location '${location}' is not a valid file name`);
  const loc = location.replace(/\\/g, '/');
  if (posix.isAbsolute(loc) || win32.isAbsolute(location) || /^[A-Za-z]:/.test(loc)) {
    throw new ExternalDataError(`${where}: external data location '${location}' is an absolute path; expected a path relative to the model's folder`);
  }
  const norm = posix.normalize(loc);
  if (norm === '..' || norm.startsWith('../') || norm === '.' || norm.endsWith('/')) {
    throw new ExternalDataError(`${where}: external data location '${location}' escapes the model's folder`);
  }
  return norm;
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Reads external tensor data with ONNX's rules: whitelisted keys, a relative location that stays
 * inside the model's folder (also after resolving symlinks), offset and length within the file,
 * and a length equal to the tensor's byte size. Every failure is an ExternalDataError naming the
 * tensor and the file.
 */
export class ExternalDataReader implements ExternalDataSource {
  private realBase: string | undefined;
  /** Bytes handed out so far, against `maxBytes`. */
  private total = 0;
  /** Bytes this reader hands out in total (default 512 MiB): many tensors reading one region add up. */
  readonly maxBytes: number;

  constructor(
    readonly baseDir: string,
    /** The model file, for messages. */
    readonly file: string,
    options: { maxBytes?: number } = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_EXTERNAL_DATA_BYTES;
  }

  private base(where: string): string {
    if (this.realBase === undefined) {
      try {
        this.realBase = realpathSync(resolve(this.baseDir));
      } catch (e) {
        throw new ExternalDataError(`${where}: the model folder '${this.baseDir}' cannot be read (${describeError(e)})`, { cause: e });
      }
    }
    return this.realBase;
  }

  /** The real path of `location` inside the model folder, or an ExternalDataError. */
  resolve(location: string, where: string): string {
    const loc = checkRelativeLocation(location, where);
    const base = this.base(where);
    const path = resolve(base, loc);
    if (!inside(base, path)) throw new ExternalDataError(`${where}: external data location '${location}' escapes the model's folder '${this.baseDir}'`);
    if (!existsSync(path)) throw new ExternalDataError(`${where}: external data file '${location}' does not exist in '${this.baseDir}'`);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      throw new ExternalDataError(`${where}: external data file '${location}' cannot be resolved (${describeError(e)})`, { cause: e });
    }
    if (!inside(base, real)) {
      throw new ExternalDataError(`${where}: external data file '${location}' is a symlink to '${real}', outside the model's folder '${this.baseDir}'`);
    }
    if (!statSync(real).isFile()) throw new ExternalDataError(`${where}: external data location '${location}' is not a regular file`);
    return real;
  }

  read(entries: readonly [string, string][], byteLength: number, where: string): Uint8Array {
    const info = parseExternalDataEntries(entries, where);
    const path = this.resolve(info.location, where);
    const size = statSync(path).size;
    const offset = info.offset ?? 0;
    if (offset > size) {
      throw new ExternalDataError(`${where}: external data offset ${offset} is beyond the end of '${info.location}' (${size} bytes)`);
    }
    const length = info.length ?? size - offset;
    if (offset + length > size) {
      throw new ExternalDataError(`${where}: external data range ${offset}..${offset + length} is beyond the end of '${info.location}' (${size} bytes)`);
    }
    if (length !== byteLength) {
      throw new ExternalDataError(`${where}: external data length ${length} in '${info.location}' does not match the tensor's ${byteLength} bytes`);
    }
    if (this.total + length > this.maxBytes) {
      throw new LimitError(
        'maxExternalDataBytes',
        `${where}: reading ${length} more bytes of external data would pass the limit maxExternalDataBytes = ${formatBytes(this.maxBytes)} for ${this.file} (raise it with the maxExternalDataBytes load option)`,
      );
    }
    this.total += length;
    const out = new Uint8Array(length);
    // Non-blocking, and checked on the descriptor: a path swapped for a FIFO cannot block the read.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      if (!fstatSync(fd).isFile()) throw new ExternalDataError(`${where}: external data location '${info.location}' is not a regular file`);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n === 0) throw new ExternalDataError(`${where}: '${info.location}' ended early while reading ${length} bytes at offset ${offset}`);
        done += n;
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }
}

export interface ExternalDataOptions {
  /** Tensors of at least this many bytes go to the external file (default 1024, as in ONNX). */
  threshold?: number;
  /** File name beside the model (default `<model file name>.data`). */
  location?: string;
  /** Start every tensor at a multiple of this many bytes (default 1: no padding). */
  align?: number;
}

/**
 * Collects the raw bytes of large tensors for one external file beside the model and hands out
 * their external_data entries (location, offset, length). `writeTo` writes the file.
 */
export class ExternalDataWriter implements ExternalDataSink {
  readonly location: string;
  readonly threshold: number;
  readonly align: number;
  private readonly chunks: { offset: number; bytes: Uint8Array }[] = [];
  private size = 0;

  constructor(location: string, options: Omit<ExternalDataOptions, 'location'> = {}) {
    this.location = checkRelativeLocation(location, 'external data writer');
    this.threshold = options.threshold ?? DEFAULT_EXTERNAL_THRESHOLD;
    this.align = options.align ?? 1;
    if (!Number.isSafeInteger(this.threshold) || this.threshold < 0) throw new ExternalDataError(`external data threshold ${this.threshold} must be a non-negative integer`);
    if (!Number.isSafeInteger(this.align) || this.align < 1) throw new ExternalDataError(`external data alignment ${this.align} must be a positive integer`);
  }

  place(_name: string, raw: Uint8Array): [string, string][] | undefined {
    if (raw.length < this.threshold) return undefined;
    const offset = Math.ceil(this.size / this.align) * this.align;
    this.chunks.push({ offset, bytes: raw });
    this.size = offset + raw.length;
    return [
      ['location', this.location],
      ['offset', String(offset)],
      ['length', String(raw.length)],
    ];
  }

  /** Whether any tensor was placed (no file is written otherwise). */
  get used(): boolean {
    return this.chunks.length > 0;
  }

  /** Writes the external file into `dir` (replacing it); does nothing when no tensor was placed. */
  writeTo(dir: string): void {
    if (!this.used) return;
    const path = join(dir, this.location);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      throw new ExternalDataError(`cannot write external data file '${path}' (${describeError(e)})`, { cause: e, category: 'environment' });
    }
    try {
      for (const { offset, bytes } of this.chunks) {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, offset + done);
      }
    } catch (e) {
      throw new ExternalDataError(`cannot write external data file '${path}' (${describeError(e)})`, { cause: e, category: 'environment' });
    } finally {
      closeSync(fd);
    }
  }
}
