import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry, DataType, GraphBuilder, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { coreKernels } from '../../core-kernels';
import { qonnxIntRange } from '../../helpers/rounding';
import { Simulator } from '../../simulator';

/**
 * Reproduces every QONNX reference vector (../shared/conformance/qonnx/vectors.json, produced by the
 * qonnx project's own implementations, read in place) bit for bit in float32.
 */
const VECTORS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', '..', 'shared', 'conformance', 'qonnx', 'vectors.json');

interface JsonTensor {
  shape: number[];
  dtype: string;
  data: number[];
}
interface Vector {
  id: number;
  op: string;
  domain: string;
  qonnx_opset?: number;
  attrs: Record<string, number | string>;
  note?: string;
  inputs: Record<string, JsonTensor>;
  output: JsonTensor;
}
interface RangeRow {
  bitwidth: number;
  signed: number;
  narrow: number;
  min_int: number;
  max_int: number;
}
const json = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
  int_range_table: RangeRow[];
  quant: Vector[];
  bipolar_quant: Vector[];
  trunc: Vector[];
  multithreshold: Vector[];
};

const registry = createRegistry([coreKernels()]);

function toTensor(t: JsonTensor): Tensor {
  expect(t.dtype).toBe('float32');
  return new Tensor('float32', t.shape, Float32Array.from(t.data));
}

/** Runs the vector's op as a one-node model; every input is a graph input. */
function run(v: Vector): Float32Array {
  const b = new GraphBuilder('qonnx_vector');
  const names = Object.keys(v.inputs);
  for (const n of names) b.input(n, 'float32', v.inputs[n].shape);
  const attrs: Record<string, number | string | { type: 'float'; value: number }> = {};
  for (const [k, val] of Object.entries(v.attrs)) {
    // out_scale / out_bias are float attributes even when integral
    attrs[k] = k === 'out_scale' || k === 'out_bias' ? { type: 'float', value: val as number } : val;
  }
  const y = b.op(v.op, names, attrs, { domain: v.domain });
  b.output(y, 'float32');
  const model = b.model({ opset: 13, opsets: { [QONNX_DOMAIN]: v.qonnx_opset ?? 1 } });
  const sim = new Simulator(model, { registry });
  const out = sim.run(names.map((n) => toTensor(v.inputs[n]))).outputs[0];
  expect(out.elemType).toBe('float32');
  expect(out.dims).toEqual(v.output.shape);
  return out.data as Float32Array;
}

/** Indices whose float32 bit patterns differ (so -0 vs +0 and NaN payloads count). */
function bitMismatches(actual: Float32Array, expected: number[]): string[] {
  const want = Float32Array.from(expected);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(want.buffer);
  const bad: string[] = [];
  for (let i = 0; i < e.length; i++) if (a[i] !== e[i]) bad.push(`[${i}] got ${Object.is(actual[i], -0) ? '-0' : actual[i]}, expected ${Object.is(want[i], -0) ? '-0' : want[i]}`);
  return bad;
}

const groups = ['quant', 'bipolar_quant', 'trunc', 'multithreshold'] as const;

describe('QONNX reference vectors', () => {
  for (const g of groups) {
    describe(g, () => {
      it.each(json[g].map((v) => [`#${v.id} ${v.op}${v.qonnx_opset ? ` v${v.qonnx_opset}` : ''} ${JSON.stringify(v.attrs)} ${v.note ?? ''}`, v] as const))('%s', (_label, v) => {
        expect(bitMismatches(run(v), v.output.data)).toEqual([]);
      });
    });
  }

  it('covers every vector group with the expected counts', () => {
    expect(groups.map((g) => json[g].length)).toEqual([407, 12, 168, 96]);
  });
});

describe('QONNX integer ranges (int_range_table)', () => {
  it.each(json.int_range_table.map((r) => [`b=${r.bitwidth} signed=${r.signed} narrow=${r.narrow}`, r] as const))('%s', (_label, r) => {
    // the kernel's own range function
    expect(qonnxIntRange(!!r.signed, !!r.narrow, r.bitwidth)).toEqual([r.min_int, r.max_int]);
    // and the DataType system: INTb / UINTb bounds, narrow raising the signed min / lowering the unsigned max
    const t = r.signed ? DataType.int(r.bitwidth) : DataType.uint(r.bitwidth);
    const min = r.signed && r.narrow ? t.min + 1 : t.min;
    const max = !r.signed && r.narrow ? t.max - 1 : t.max;
    expect([min, max]).toEqual([r.min_int, r.max_int]);
  });
});
