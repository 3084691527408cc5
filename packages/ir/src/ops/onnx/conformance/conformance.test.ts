import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachGraph } from '../../../graph/subgraphs';
import { formatValueType, type ValueType } from '../../../graph/value-type';
import { inferTypes } from '../../infer-types';
import { registry } from '../testing';
import { readModel, readTensor } from './read-onnx';

/**
 * Runs shape inference on the ONNX backend test models (../shared/conformance/onnx-node, read in
 * place) and compares every output's element type and shape with the expected output tensors of
 * the test case, which the ONNX project computed. Inputs are given as known values, so shape
 * inputs (Reshape, Slice, Pad ...) resolve as they would after constant folding.
 */
const ROOT = new URL('../../../../../../../shared/conformance/onnx-node/', import.meta.url);
const present = existsSync(ROOT);

interface Case {
  name: string;
  flags: string;
}

function cases(): Case[] {
  if (!present) return [];
  const lines = readFileSync(new URL('cases.tsv', ROOT), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => l.split('\t')).map(([name, , , , flags]) => ({ name, flags }));
}

/** Cases whose models use only ops we have schemas for, and only tensor values. */
function supported(): Case[] {
  const reg = registry();
  return cases().filter((c) => {
    if (/sequence|optional/.test(c.flags)) return false;
    const m = readModel(readFileSync(new URL(`${c.name}/model.onnx`, ROOT)));
    let ok = true;
    forEachGraph(m.graph, (g) => {
      for (const n of g.nodes) if (!reg.find('ops', n.domain, n.opType, m.opsetVersion(n.domain))?.inferTypes) ok = false;
    });
    return ok;
  });
}

function run(c: Case): { got: (ValueType | undefined)[]; want: ValueType[] } {
  const dir = new URL(`${c.name}/`, ROOT);
  const model = readModel(readFileSync(new URL('model.onnx', dir)));
  const g = model.graph;
  const dataDir = new URL('test_data_set_0/', dir);
  const files = readdirSync(dataDir);
  const runtime = g.inputs.filter((i) => !g.initializers.has(i.name));
  runtime.forEach((inp, k) => {
    if (files.includes(`input_${k}.pb`)) g.initializers.set(inp.name, readTensor(readFileSync(new URL(`input_${k}.pb`, dataDir))).tensor);
  });
  // Forget every declared output / intermediate type, so the result is ours alone.
  forEachGraph(g, (sub) => {
    sub.valueInfo.clear();
    if (sub !== g) for (const o of sub.outputs) delete o.type;
  });
  for (const o of g.outputs) delete o.type;
  inferTypes(model, registry());
  const want = g.outputs.map((_, k): ValueType => {
    const t = readTensor(readFileSync(new URL(`output_${k}.pb`, dataDir))).tensor;
    return { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] };
  });
  return { got: g.outputs.map((o) => o.type), want };
}

describe.skipIf(!present)('ONNX backend test models (shapes and element types)', () => {
  const list = supported();
  it('covers most of the cases', () => {
    expect(list.length).toBeGreaterThan(300);
  });
  it.each(list.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { got, want } = run(c);
    expect(got.map(formatValueType)).toEqual(want.map(formatValueType));
  });
});
