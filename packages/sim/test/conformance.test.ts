import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { forEachGraph, type Model } from '@scanflow/ir';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSimRegistry, Simulator } from '../src/index';
import { compareTensors } from './compare-tensors';
import { CONFORMANCE_DIR } from './conformance-path';

/**
 * Runs the ONNX backend operator tests (../shared/conformance/onnx-node, read in place) through the
 * simulator with ONNX's tolerances. Cases flagged `-` must all pass (exceptions are listed in
 * KNOWN_EXCEPTIONS with their reason, mirrored in the README); `expanded` cases run when every op
 * they use has a kernel.
 */
const ROOT = join(CONFORMANCE_DIR, 'onnx-node');
const RTOL = 1e-3;
const ATOL = 1e-7;

/** Cases flagged `-` that scanflow does not pass, with the reason (keep the README in step). */
const KNOWN_EXCEPTIONS: Record<string, string> = {};

interface Case {
  name: string;
  family: string;
  flags: string;
}

const cases: Case[] = readFileSync(join(ROOT, 'cases.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [name, family, , , flags] = line.split('\t');
    return { name, family, flags };
  });

const registry = defaultSimRegistry();
const tally = new Map<string, { passed: number; total: number }>();

function unsupportedOps(model: Model): string[] {
  const missing = new Set<string>();
  forEachGraph(model.graph, (g) => {
    for (const n of g.nodes) if (!registry.find('kernels', n.domain, n.opType, model.opsetVersion(n.domain))) missing.add(n.qualifiedType);
  });
  return [...missing];
}

function runCase(c: Case): void {
  const dir = join(ROOT, c.name);
  const model = loadModel(join(dir, 'model.onnx'));
  const sim = new Simulator(model, { registry });
  const sets = readdirSync(dir).filter((d) => d.startsWith('test_data_set_')).sort();
  expect(sets.length).toBeGreaterThan(0);
  for (const set of sets) {
    const files = readdirSync(join(dir, set));
    const inputs = files.filter((f) => /^input_\d+\.pb$/.test(f)).sort((a, b) => parseInt(a.slice(6)) - parseInt(b.slice(6)));
    const outputs = files.filter((f) => /^output_\d+\.pb$/.test(f)).sort((a, b) => parseInt(a.slice(7)) - parseInt(b.slice(7)));
    const byName = new Map(inputs.map((f, k) => [sim.inputNames[k], readTensorFile(join(dir, set, f)).tensor]));
    const result = sim.run(byName);
    outputs.forEach((f, k) => {
      const expected = readTensorFile(join(dir, set, f)).tensor;
      const diff = compareTensors(result.outputs[k], expected, RTOL, ATOL);
      expect(diff, `${c.name}/${set} output ${k} (${sim.outputNames[k]})`).toBeUndefined();
    });
  }
}

describe('ONNX backend conformance (flag "-")', () => {
  for (const c of cases.filter((x) => x.flags === '-')) {
    const known = KNOWN_EXCEPTIONS[c.name];
    it.runIf(!known && existsSync(join(ROOT, c.name)))(`${c.family}: ${c.name}`, () => {
      const t = tally.get(c.family) ?? { passed: 0, total: 0 };
      tally.set(c.family, t);
      t.total++;
      runCase(c);
      t.passed++;
    });
  }
});

describe('ONNX backend conformance (flag "expanded", when every op is supported)', () => {
  for (const c of cases.filter((x) => x.flags === 'expanded')) {
    it(`${c.family}: ${c.name}`, (ctx) => {
      const model = loadModel(join(ROOT, c.name, 'model.onnx'));
      const missing = unsupportedOps(model);
      if (missing.length) ctx.skip(`needs ${missing.join(', ')}`);
      const key = `${c.family} (expanded)`;
      const t = tally.get(key) ?? { passed: 0, total: 0 };
      tally.set(key, t);
      t.total++;
      runCase(c);
      t.passed++;
    });
  }
});

afterAll(() => {
  const rows = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => `${f.padEnd(28)} ${t.passed}/${t.total}`);
  const passed = [...tally.values()].reduce((s, t) => s + t.passed, 0);
  const total = [...tally.values()].reduce((s, t) => s + t.total, 0);
  console.log(`ONNX conformance per family:\n${rows.join('\n')}\nall families: ${passed}/${total}`);
});
