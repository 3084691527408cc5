import { IrError } from '../errors';
import type { ElemType } from './elem-type';

/** The JavaScript container of a tensor's elements (see elem-type.ts for which type uses which). */
export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** Largest element count scanflow will allocate for one tensor (2^31 - 1): guards against absurd shapes. */
export const MAX_TENSOR_ELEMENTS = 2 ** 31 - 1;

/**
 * The default cap on the elements of one tensor that decoding, constant folding or simulation
 * will allocate (2^26 ≈ 67 M elements, 256 MiB of float32); raised per call (`maxTensorElements`)
 * or in the CLI with `--max-elements`.
 */
export const DEFAULT_MAX_TENSOR_ELEMENTS = 2 ** 26;

/** Element count of a shape, refusing negative, fractional or absurd dimensions. */
export function shapeSize(dims: readonly number[], what = 'tensor'): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new IrError(`${what}: dimension ${String(d)} is not a non-negative integer (shape [${dims.join(', ')}])`);
    n *= d;
    if (n > MAX_TENSOR_ELEMENTS) throw new IrError(`${what}: shape [${dims.join(', ')}] has more than ${MAX_TENSOR_ELEMENTS} elements`);
  }
  return n;
}

/**
 * Small typed arrays above V8's on-heap limit (64 bytes) each cost an off-heap allocation of about a
 * microsecond; the simulator makes thousands per inference. They are carved instead from shared,
 * zero-filled slabs (a bump allocator: memory is never reused, so every array starts zeroed; a slab is
 * reclaimed by the garbage collector once no array in it is alive). Arrays are views: use byteOffset.
 */
const SLAB_BYTES = 1 << 16;
const SLAB_MAX_ARRAY = 4096;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabOffset = 0;

function carve<T>(bytesPerElement: number, n: number, make: (buffer: ArrayBuffer, offset: number, length: number) => T, fresh: (n: number) => T): T {
  const bytes = bytesPerElement * n;
  if (bytes <= 64 || bytes > SLAB_MAX_ARRAY) return fresh(n);
  const size = (bytes + 7) & ~7;
  if (slabOffset + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabOffset = 0;
  }
  const view = make(slab, slabOffset, n);
  slabOffset += size;
  return view;
}

/** Allocates a zero-filled container for `n` elements of type `t` (2n slots for complex types). */
export function allocData(t: ElemType, n: number): TensorData {
  switch (t) {
    case 'float32':
      return carve(4, n, (b, o, l) => new Float32Array(b, o, l), (k) => new Float32Array(k));
    case 'float64':
      return carve(8, n, (b, o, l) => new Float64Array(b, o, l), (k) => new Float64Array(k));
    case 'int8':
    case 'int4':
    case 'int2':
      return carve(1, n, (b, o, l) => new Int8Array(b, o, l), (k) => new Int8Array(k));
    case 'uint8':
    case 'bool':
    case 'uint4':
    case 'uint2':
    case 'float8e4m3fn':
    case 'float8e4m3fnuz':
    case 'float8e5m2':
    case 'float8e5m2fnuz':
    case 'float8e8m0':
    case 'float4e2m1':
      return carve(1, n, (b, o, l) => new Uint8Array(b, o, l), (k) => new Uint8Array(k));
    case 'int16':
      return carve(2, n, (b, o, l) => new Int16Array(b, o, l), (k) => new Int16Array(k));
    case 'uint16':
    case 'float16':
    case 'bfloat16':
      return carve(2, n, (b, o, l) => new Uint16Array(b, o, l), (k) => new Uint16Array(k));
    case 'int32':
      return carve(4, n, (b, o, l) => new Int32Array(b, o, l), (k) => new Int32Array(k));
    case 'uint32':
      return carve(4, n, (b, o, l) => new Uint32Array(b, o, l), (k) => new Uint32Array(k));
    case 'int64':
      return new BigInt64Array(n);
    case 'uint64':
      return new BigUint64Array(n);
    case 'complex64':
      return new Float32Array(2 * n);
    case 'complex128':
      return new Float64Array(2 * n);
    case 'string':
      return new Array<string>(n).fill('');
  }
}

/** How many container slots one element takes (2 for complex types, else 1). */
export function slotsPerElement(t: ElemType): number {
  return t === 'complex64' || t === 'complex128' ? 2 : 1;
}

/** An immutable-shaped dense tensor: element type, dimensions, and a container of the right kind and length. */
export class Tensor<D extends TensorData = TensorData> {
  readonly elemType: ElemType;
  readonly dims: readonly number[];
  readonly data: D;

  constructor(elemType: ElemType, dims: readonly number[], data: D) {
    const n = shapeSize(dims);
    const expected = n * slotsPerElement(elemType);
    if (data.length !== expected) {
      throw new IrError(`tensor of type ${elemType} and shape [${dims.join(', ')}] needs ${expected} values, got ${data.length}`);
    }
    this.elemType = elemType;
    this.dims = dims.slice();
    this.data = data;
  }

  get size(): number {
    return shapeSize(this.dims);
  }

  get rank(): number {
    return this.dims.length;
  }

  /** A zero-filled tensor. */
  static zeros(elemType: ElemType, dims: readonly number[]): Tensor {
    return new Tensor(elemType, dims, allocData(elemType, shapeSize(dims)));
  }

  /** A float32 tensor from plain numbers. */
  static float32(dims: readonly number[], values: ArrayLike<number>): Tensor<Float32Array> {
    return new Tensor('float32', dims, Float32Array.from(values));
  }

  /** An int64 tensor from numbers or bigints. */
  static int64(dims: readonly number[], values: ArrayLike<number | bigint>): Tensor<BigInt64Array> {
    return new Tensor('int64', dims, BigInt64Array.from(Array.from(values, (v) => BigInt(v))));
  }

  /** A scalar (rank 0) tensor. */
  static scalar(elemType: ElemType, value: number | bigint | boolean | string): Tensor {
    const t = Tensor.zeros(elemType, []);
    setElement(t, 0, value);
    return t;
  }

  /** Same data, new shape with the same element count. */
  reshape(dims: readonly number[]): Tensor<D> {
    return new Tensor(this.elemType, dims, this.data);
  }

  /** A deep copy (the container is copied). */
  clone(): Tensor<D> {
    const d = Array.isArray(this.data) ? [...this.data] : (this.data as Exclude<TensorData, string[]>).slice();
    return new Tensor(this.elemType, this.dims, d as D);
  }
}

/** Element `i` as a JS number (int64 converted; throws when not exactly representable). */
export function getNumber(t: Tensor, i: number): number {
  const v = t.data[i];
  if (typeof v === 'bigint') {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new IrError(`int64 value ${v} is outside the safe integer range`);
    return n;
  }
  if (typeof v === 'string') throw new IrError('string tensor used where a number was expected');
  return v;
}

/** The whole tensor as JS numbers (int64 values must be safe integers). */
export function toNumbers(t: Tensor): number[] {
  const out = new Array<number>(t.data.length);
  for (let i = 0; i < out.length; i++) out[i] = getNumber(t, i);
  return out;
}

/** Writes element `i` from a number, bigint, boolean or string, converting to the container's kind. */
export function setElement(t: Tensor, i: number, value: number | bigint | boolean | string): void {
  const d = t.data;
  if (Array.isArray(d)) {
    d[i] = String(value);
  } else if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    d[i] = typeof value === 'bigint' ? value : BigInt(typeof value === 'boolean' ? Number(value) : Math.trunc(Number(value)));
  } else {
    (d as Float32Array)[i] = typeof value === 'bigint' ? Number(value) : Number(value);
  }
}
