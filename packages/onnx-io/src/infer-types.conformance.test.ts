import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coreOps, createRegistry, forEachGraph, formatValueType, inferTypes, type ValueType } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { loadModel } from './model-file';
import { readTensorFile } from './tensor-file';
import { ONNX_NODE_DIR } from './testing/conformance.test-support';

/**
 * Runs the IR's shape inference (the op schemas of @scanflow/ir) on the ONNX backend test models,
 * read in place, and compares every output's element type and shape with the expected output
 * tensors, which the ONNX project computed. Inputs are given as known values, so shape inputs
 * (Reshape, Slice, Pad ...) resolve as they would after constant folding. It lives here because
 * reading the models needs this package.
 */
const present = existsSync(ONNX_NODE_DIR);
const registry = createRegistry([coreOps()]);

interface Case {
  name: string;
  flags: string;
}

function cases(): Case[] {
  if (!present) return [];
  const lines = readFileSync(join(ONNX_NODE_DIR, 'cases.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => l.split('\t')).map(([name, , , , flags]) => ({ name, flags }));
}

/** Cases whose models use only ops with shape inference, and only tensor values. */
function supported(): Case[] {
  return cases().filter((c) => {
    if (/sequence|optional/.test(c.flags)) return false;
    const m = loadModel(join(ONNX_NODE_DIR, c.name, 'model.onnx'));
    let ok = true;
    forEachGraph(m.graph, (g) => {
      for (const n of g.nodes) if (!registry.find('ops', n.domain, n.opType, m.opsetVersion(n.domain))?.inferTypes) ok = false;
    });
    return ok;
  });
}

function run(c: Case): { got: (ValueType | undefined)[]; want: ValueType[] } {
  const dir = join(ONNX_NODE_DIR, c.name);
  const model = loadModel(join(dir, 'model.onnx'));
  const g = model.graph;
  const dataDir = join(dir, 'test_data_set_0');
  const files = readdirSync(dataDir);
  g.runtimeInputs.forEach((inp, k) => {
    if (files.includes(`input_${k}.pb`)) g.initializers.set(inp.name, readTensorFile(join(dataDir, `input_${k}.pb`)).tensor);
  });
  // Forget every declared output / intermediate type, so the result is ours alone.
  forEachGraph(g, (sub) => {
    sub.valueInfo.clear();
    if (sub !== g) for (const o of sub.outputs) delete o.type;
  });
  for (const o of g.outputs) delete o.type;
  inferTypes(model, registry);
  const want = g.outputs.map((_, k): ValueType => {
    const t = readTensorFile(join(dataDir, `output_${k}.pb`)).tensor;
    return { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] };
  });
  return { got: g.outputs.map((o) => o.type), want };
}

describe.skipIf(!present)('shape inference on the ONNX backend test models', () => {
  const list = supported();
  it('covers most of the cases', () => {
    expect(list.length).toBeGreaterThan(300);
  });
  it.each(list.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { got, want } = run(c);
    expect(got.map(formatValueType)).toEqual(want.map(formatValueType));
  });
});
