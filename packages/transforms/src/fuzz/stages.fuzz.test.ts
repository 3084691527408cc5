import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutateModel, quantConvLstm, quantLstm } from '@scanflow/builders';
import { checkModel, coreOps, createRegistry, errorCategory, isScanflowError, type Model } from '@scanflow/ir';
import { decodeModel, encodeModel } from '@scanflow/onnx-io';
import { coreKernels, createConstantEvaluator } from '@scanflow/sim';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runStages } from '../stages';
import { fuzzParameters, LONG_FUZZ } from '../testing/fuzz.test-support';

/**
 * The import and qonnx stages on mutated-but-loadable models: a quantised LSTM / ConvLSTM (QCDQ,
 * as Brevitas exports them) and the ONNX conformance LSTM / GRU / RNN / Scan models, each damaged
 * by up to three mutations (attribute values and kinds, wiring, op types, initializer shapes,
 * types and huge shape values, input types, hostile names ...). A model the reader or the model
 * checker refuses is skipped; on any other, the stages must either succeed or fail with a
 * ScanflowError that is not an internal one — never a TypeError, never a crash, never a hang.
 * The long local mode (SCANFLOW_FUZZ_RUNS) runs every stage, up to the hardware stage.
 */
const ROOT = fileURLToPath(new URL('../../../../../shared/conformance/onnx-node', import.meta.url));
const CONFORMANCE = ['test_lstm_with_peepholes', 'test_lstm_batchwise', 'test_gru_with_initial_bias', 'test_simple_rnn_defaults', 'test_rnn_seq_length', 'test_scan9_sum', 'test_scan9_multi_state'];
const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);
const LIMIT = 1 << 20;
const evaluate = createConstantEvaluator(registry, { maxTensorElements: LIMIT });

const seeds: Model[] = [
  quantLstm({ inputSize: 2, hiddenSize: 3, seqLen: 3, seed: 1 }),
  quantLstm({ inputSize: 3, hiddenSize: 2, seed: 2 }),
  quantConvLstm({ window: 4, features: 4, channels: [2, 2, 2], hiddenSize: 2, seed: 3 }),
];
const corpus: Uint8Array[] = [...seeds.map((m) => encodeModel(m)), ...CONFORMANCE.map((c) => new Uint8Array(readFileSync(join(ROOT, c, 'model.onnx'))))];

type Outcome = 'refused at load' | 'passed' | 'failed cleanly';

function run(bytes: Uint8Array, seed: number, count: number): Outcome {
  const { model: mutated, applied } = mutateModel(decodeModel(bytes), seed, count);
  let model: Model;
  try {
    // loadable: it encodes, decodes and passes the checker
    model = checkModel(decodeModel(encodeModel(mutated), { maxTensorElements: LIMIT }), registry);
  } catch (e) {
    if (!isScanflowError(e)) throw new Error(`loading a mutated model (${applied.join('; ')}) threw ${String(e)}`, { cause: e });
    return 'refused at load';
  }
  const t0 = performance.now();
  try {
    runStages(model, { registry, evaluate, upTo: LONG_FUZZ ? 'hardware' : 'qonnx' });
    return 'passed';
  } catch (e) {
    if (!isScanflowError(e) || errorCategory(e) === 'internal') {
      const cause = (e as Error).cause as Error | undefined;
      throw new Error(`after ${applied.join('; ')}: ${(e as Error).message}${cause?.stack ? `\n${cause.stack}` : ''}`, { cause: e });
    }
    return 'failed cleanly';
  } finally {
    expect(performance.now() - t0, `after ${applied.join('; ')}: the stages ran for more than 10 s`).toBeLessThan(10_000);
  }
}

describe('import and qonnx stages on mutated models', () => {
  it('succeed or fail with a ScanflowError that is not internal', () => {
    const seen: Record<Outcome, number> = { 'refused at load': 0, passed: 0, 'failed cleanly': 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), fc.integer(), fc.integer({ min: 1, max: 3 }), (k, seed, count) => {
        seen[run(corpus[k]!, seed, count)]++;
      }),
      fuzzParameters(400),
    );
    if (LONG_FUZZ) console.log('stages fuzz:', JSON.stringify(seen));
    // the mutations reach the passes (not only the checker), and some still pass
    expect(seen.passed).toBeGreaterThan(0);
    expect(seen['failed cleanly'] + seen.passed).toBeGreaterThan(seen['refused at load'] / 10);
  }, LONG_FUZZ ? 0 : 120_000);
});
