import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELEM_TYPES, type ElemType, Tensor, type TensorData } from '@scanflow/ir';
import Long from 'long';
import { afterAll, describe, expect, it } from 'vitest';
import { onnx } from './gen/onnx.js';
import { decodeTensor, encodeTensor, OnnxFormatError, readTensorFile, writeTensorFile } from './index';
import { tensorBytes } from './testing/build-proto.test-support';
import { diffTensors } from './testing/diff-models.test-support';

const dir = mkdtempSync(join(tmpdir(), 'scanflow-onnx-tensor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  type: ElemType;
  dims: number[];
  data: TensorData;
  /** Hand-worked raw_data bytes (little-endian, packed), where the layout is worth pinning down. */
  raw?: number[];
}

const CASES: Case[] = [
  { type: 'float32', dims: [2, 2], data: Float32Array.from([1.5, -0, NaN, Infinity]) },
  { type: 'float64', dims: [2], data: Float64Array.from([Math.PI, -1e300]) },
  { type: 'int8', dims: [3], data: Int8Array.from([-128, 127, -1]), raw: [0x80, 0x7f, 0xff] },
  { type: 'uint8', dims: [3], data: Uint8Array.from([0, 255, 7]) },
  { type: 'int16', dims: [2], data: Int16Array.from([-32768, 258]), raw: [0x00, 0x80, 0x02, 0x01] },
  { type: 'uint16', dims: [2], data: Uint16Array.from([65535, 1]) },
  { type: 'int32', dims: [2], data: Int32Array.from([-2147483648, 2147483647]) },
  { type: 'uint32', dims: [2], data: Uint32Array.from([4294967295, 0]) },
  {
    type: 'int64',
    dims: [3],
    // 2^60 + 1, -2^63 and 2^53 + 1: none is exact as a double.
    data: BigInt64Array.from([2n ** 60n + 1n, -(2n ** 63n), 2n ** 53n + 1n]),
    raw: [1, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0x20, 0],
  },
  { type: 'uint64', dims: [2], data: BigUint64Array.from([2n ** 64n - 1n, 0n]) },
  { type: 'string', dims: [3], data: ['', 'héllo', '✓ ok'] },
  { type: 'bool', dims: [3], data: Uint8Array.from([1, 0, 1]), raw: [1, 0, 1] },
  // float16 bits of 1.0, -2.0 and a NaN.
  { type: 'float16', dims: [3], data: Uint16Array.from([0x3c00, 0xc000, 0x7e00]), raw: [0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7e] },
  { type: 'bfloat16', dims: [2], data: Uint16Array.from([0x3f80, 0xffff]), raw: [0x80, 0x3f, 0xff, 0xff] },
  { type: 'complex64', dims: [2], data: Float32Array.from([1, 2, 3, 4]) },
  { type: 'complex128', dims: [1], data: Float64Array.from([0.5, -0.25]) },
  { type: 'float8e4m3fn', dims: [3], data: Uint8Array.from([0x00, 0x7e, 0xff]) },
  { type: 'float8e4m3fnuz', dims: [3], data: Uint8Array.from([0x80, 0x01, 0x7f]) },
  { type: 'float8e5m2', dims: [2], data: Uint8Array.from([0x3c, 0xfc]) },
  { type: 'float8e5m2fnuz', dims: [2], data: Uint8Array.from([0x40, 0x80]) },
  { type: 'float8e8m0', dims: [2], data: Uint8Array.from([0x7f, 0xff]) },
  // Sub-byte types, odd element counts: first element in the low bits.
  { type: 'uint4', dims: [5], data: Uint8Array.from([1, 15, 0, 7, 9]), raw: [0xf1, 0x70, 0x09] },
  { type: 'int4', dims: [3], data: Int8Array.from([1, -2, 7]), raw: [0xe1, 0x07] },
  { type: 'float4e2m1', dims: [3], data: Uint8Array.from([0x1, 0xf, 0x8]), raw: [0xf1, 0x08] },
  { type: 'uint2', dims: [5], data: Uint8Array.from([0, 1, 2, 3, 1]), raw: [0xe4, 0x01] },
  { type: 'int2', dims: [5], data: Int8Array.from([-2, -1, 0, 1, -2]), raw: [0x4e, 0x02] },
  { type: 'float32', dims: [0, 3], data: new Float32Array(0), raw: [] },
  { type: 'int4', dims: [], data: Int8Array.from([-8]), raw: [0x08] },
];

describe('TensorProto files: every element type round trips', () => {
  it('covers every ONNX element type', () => {
    expect(new Set(CASES.map((c) => c.type))).toEqual(new Set(Object.keys(ELEM_TYPES)));
  });

  it.each(CASES.map((c) => [`${c.type} [${c.dims.join(', ')}]`, c] as const))('%s', (_, c) => {
    const tensor = new Tensor(c.type, c.dims, c.data);
    const bytes = encodeTensor(tensor, `t_${c.type}`);

    // The wire form, read back with protobufjs alone.
    const proto = onnx.TensorProto.decode(bytes);
    expect(proto.name).toBe(`t_${c.type}`);
    expect(proto.dataType).toBe(ELEM_TYPES[c.type].code);
    expect(proto.dims.map(Number)).toEqual(c.dims);
    if (c.type === 'string') expect(proto.stringData.map((b) => new TextDecoder().decode(b))).toEqual(c.data);
    if (c.raw) expect([...proto.rawData]).toEqual(c.raw);

    const decoded = decodeTensor(bytes);
    expect(decoded.name).toBe(`t_${c.type}`);
    expect(diffTensors(decoded.tensor, tensor)).toEqual([]);

    const path = join(dir, `${c.type}_${c.dims.length}.pb`);
    writeTensorFile(path, tensor, 'file_tensor');
    const read = readTensorFile(path);
    expect(read.name).toBe('file_tensor');
    expect(diffTensors(read.tensor, tensor)).toEqual([]);
  });

  it('keeps int64 values beyond 2^53 exact', () => {
    const big = 2n ** 53n + 1n;
    const { tensor } = decodeTensor(encodeTensor(Tensor.int64([1], [big])));
    expect((tensor.data as BigInt64Array)[0]).toBe(big);
  });
});

describe('TensorProto typed data fields', () => {
  const decode = (p: onnx.TensorProto.$Properties) => decodeTensor(tensorBytes(p)).tensor;

  it('int32_data holds int8, uint16, bool, float16 and bfloat16 one per value', () => {
    expect([...decode({ dims: [3], dataType: 3, int32Data: [-1, 127, -128] }).data]).toEqual([-1, 127, -128]);
    expect([...decode({ dims: [1], dataType: 4, int32Data: [65535] }).data]).toEqual([65535]);
    expect([...decode({ dims: [2], dataType: 9, int32Data: [1, 0] }).data]).toEqual([1, 0]);
    const h = decode({ dims: [2], dataType: 10, int32Data: [0x3c00, 0xc000] });
    expect(h.data).toBeInstanceOf(Uint16Array);
    expect([...h.data]).toEqual([0x3c00, 0xc000]);
    expect([...decode({ dims: [1], dataType: 16, int32Data: [0x3f80] }).data]).toEqual([0x3f80]);
    expect([...decode({ dims: [1], dataType: 17, int32Data: [0x7e] }).data]).toEqual([0x7e]);
  });

  it('int32_data holds 4-bit and 2-bit types packed, one byte per value', () => {
    const i4 = decode({ dims: [3], dataType: 22, int32Data: [0x21, 0x0f] });
    expect(i4.data).toBeInstanceOf(Int8Array);
    expect([...i4.data]).toEqual([1, 2, -1]);
    expect([...decode({ dims: [5], dataType: 25, int32Data: [0xe4, 0x01] }).data]).toEqual([0, 1, 2, 3, 1]);
    expect([...decode({ dims: [4], dataType: 26, int32Data: [0x4e] }).data]).toEqual([-2, -1, 0, 1]);
  });

  it('int64_data and uint64_data keep all 64 bits', () => {
    const i = decode({ dims: [2], dataType: 7, int64Data: [Long.fromString('1152921504606846977'), Long.fromInt(-5)] });
    expect([...(i.data as BigInt64Array)]).toEqual([2n ** 60n + 1n, -5n]);
    const u = decode({ dims: [1], dataType: 13, uint64Data: [Long.fromString('18446744073709551615', true)] });
    expect([...(u.data as BigUint64Array)]).toEqual([2n ** 64n - 1n]);
    expect([...decode({ dims: [1], dataType: 12, uint64Data: [4294967295] }).data]).toEqual([4294967295]);
  });

  it('float_data / double_data hold floats, doubles and complex pairs; string_data holds strings', () => {
    expect([...decode({ dims: [2], dataType: 1, floatData: [0.5, -2] }).data]).toEqual([0.5, -2]);
    expect([...decode({ dims: [1], dataType: 14, floatData: [1, -1] }).data]).toEqual([1, -1]);
    expect([...decode({ dims: [1], dataType: 11, doubleData: [Math.E] }).data]).toEqual([Math.E]);
    expect([...decode({ dims: [1], dataType: 15, doubleData: [1, 2] }).data]).toEqual([1, 2]);
    const s = decode({ dims: [2], dataType: 8, stringData: [new TextEncoder().encode('a'), new TextEncoder().encode('µ')] });
    expect(s.data).toEqual(['a', 'µ']);
  });

  it('rejects a typed field with the wrong number of values, naming the tensor', () => {
    expect(() => decodeTensor(tensorBytes({ name: 'Q', dims: [3], dataType: 6, int32Data: [1, 2] }), { fileName: 'q.pb' })).toThrow(OnnxFormatError);
    expect(() => decodeTensor(tensorBytes({ name: 'Q', dims: [3], dataType: 6, int32Data: [1, 2] }), { fileName: 'q.pb' })).toThrow(/q\.pb: tensor 'Q'.*int32_data has 2 values.*needs 3/);
    expect(() => decodeTensor(tensorBytes({ name: 'P', dims: [3], dataType: 22, int32Data: [1] }))).toThrow(/'P'.*int32_data has 1 values.*needs 2/);
  });
});

describe('raw_data decoding', () => {
  const proto = { name: 'R', dims: [3], dataType: 1, rawData: new Uint8Array(Float32Array.from([1, -2, 0.25]).buffer) };
  const bytes = tensorBytes(proto);

  it('decodes from unaligned plain buffers and from Node Buffers', () => {
    for (const shift of [1, 2, 3, 5]) {
      const big = new Uint8Array(bytes.length + shift + 4);
      big.set(bytes, shift);
      const { tensor } = decodeTensor(big.subarray(shift, shift + bytes.length));
      expect([...tensor.data]).toEqual([1, -2, 0.25]);
    }
    const pooled = Buffer.concat([Buffer.from([9]), Buffer.from(bytes)]).subarray(1);
    expect([...decodeTensor(pooled).tensor.data]).toEqual([1, -2, 0.25]);
  });

  it('copies the data out of the input buffer', () => {
    const copy = new Uint8Array(bytes);
    const { tensor } = decodeTensor(copy);
    copy.fill(0);
    expect([...tensor.data]).toEqual([1, -2, 0.25]);
    expect((tensor.data as Float32Array).buffer).not.toBe(copy.buffer);
  });
});
