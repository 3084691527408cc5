import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/simulator';
import { compareTensors } from './compare-tensors';
import { CONFORMANCE_DIR } from './conformance-path';
import { scanTestRegistry } from './recurrent-support';

/**
 * The ONNX backend cases of the recurrent ops (read in place from ../shared/conformance), run with
 * only the recurrent kernels plus the minimal Add / Mul / Identity of recurrent-support.ts, at the
 * conformance suite's tolerances (rtol 1e-3, atol 1e-7).
 */
const ROOT = join(CONFORMANCE_DIR, 'onnx-node');
const CASES = readdirSync(ROOT).filter((d) => /^test_(lstm|gru|rnn|simple_rnn|scan9?)_/.test(d)).sort();

describe('recurrent ONNX conformance cases', () => {
  it('finds the cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
  });
  for (const name of CASES) {
    it(name, () => {
      const dir = join(ROOT, name);
      const sim = new Simulator(loadModel(join(dir, 'model.onnx')), { registry: scanTestRegistry() });
      for (const set of readdirSync(dir).filter((d) => d.startsWith('test_data_set_'))) {
        const files = readdirSync(join(dir, set));
        const nth = (prefix: string) => files.filter((f) => f.startsWith(prefix)).sort((a, b) => parseInt(a.slice(prefix.length)) - parseInt(b.slice(prefix.length)));
        const inputs = nth('input_').map((f) => readTensorFile(join(dir, set, f)).tensor);
        const r = sim.run(inputs);
        nth('output_').forEach((f, k) => {
          expect(compareTensors(r.outputs[k], readTensorFile(join(dir, set, f)).tensor), `${name}/${set} output ${k}`).toBeUndefined();
        });
      }
    });
  }
});
