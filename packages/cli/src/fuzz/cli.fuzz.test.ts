import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutateModel, quantLstm } from '@scanflow/builders';
import { hasControl } from '@scanflow/ir';
import { decodeModel, encodeModel } from '@scanflow/onnx-io';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { fuzzParameters, LONG_FUZZ } from '../testing/fuzz.test-support';
import { capture } from '../testing/capture-io.test-support';

/**
 * The whole CLI in-process on hostile model files: small valid models (a quantised LSTM, ONNX
 * conformance RNN / Scan models) damaged in their bytes (truncation, bit flips) or in their
 * structure (attribute values and kinds, wiring, op types, shapes, types, huge shape values,
 * names with control characters ...), then given to inspect, verify, estimate and compile with a small
 * element cap. Every run must end with exit code 0 or 1 — a damaged model is never a usage error
 * (2, the command lines are valid) nor an internal one (70, the code of a bug) —, with
 * exactly one line on standard error when it fails, no control character in anything printed,
 * valid JSON for --json, in under 10 s and without the process passing 2 GB.
 */
const ROOT = fileURLToPath(new URL('../../../../../shared/conformance/onnx-node', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scanflow-cli-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// plain Uint8Array copies: encodeModel may return a Node Buffer, whose slice() shares memory
const corpus: Uint8Array[] = [
  Uint8Array.from(encodeModel(quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 2, seed: 1 }))),
  Uint8Array.from(encodeModel(quantLstm({ inputSize: 2, hiddenSize: 3, seed: 2 }))),
  ...['test_simple_rnn_defaults', 'test_gru_with_initial_bias', 'test_scan9_sum', 'test_lstm_with_peepholes'].map((c) => new Uint8Array(readFileSync(join(ROOT, c, 'model.onnx')))),
];

/** A damaged model file: bytes edited, or the model decoded, mutated and encoded again. */
const damage = fc.oneof(
  fc.record({ kind: fc.constant('structure' as const), seed: fc.integer(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }) }),
);

type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(bytes: Uint8Array, d: Damage): Uint8Array {
  if (d.kind === 'truncate') return bytes.subarray(0, d.at % bytes.length);
  if (d.kind === 'flip') {
    const c = bytes.slice();
    for (const [at, bit] of d.flips) c[at % c.length] ^= 1 << bit;
    return c;
  }
  return encodeModel(mutateModel(decodeModel(bytes), d.seed, d.count).model);
}

let n = 0;
const COMMANDS = [['inspect'], ['inspect', '--json'], ['verify', '--no-csim'], ['verify', '--no-csim', '--json', '--seed', '2'], ['estimate'], ['compile', '--no-csim', '--out']];

describe('the CLI on damaged models', () => {
  it('exits 0 or 1 with one clean line, never a usage or an internal error', async () => {
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: corpus.length - 1 }), damage, fc.integer({ min: 0, max: COMMANDS.length - 1 }), async (k, d, c) => {
        const path = join(dir, `m${n++}.onnx`);
        writeFileSync(path, damaged(corpus[k]!, d));
        const [command, ...flags] = COMMANDS[c]!;
        if (command === 'compile') flags.push(join(dir, `out${n}`));
        const io = capture();
        const t0 = performance.now();
        const code = await main([command!, path, ...flags, '--max-elements', '1048576'], io);
        const what = `${command} ${flags.join(' ')} on ${JSON.stringify(d)} of corpus ${k}: exit ${code}, stderr ${JSON.stringify(io.stderr)}`;
        expect(performance.now() - t0, what).toBeLessThan(10_000);
        expect(process.memoryUsage().rss, what).toBeLessThan(2 * 2 ** 30);
        // the command lines are valid: a damaged model is a model (or input) problem, exit 1 — never
        // a usage error (2), never an internal one (70)
        expect([0, 1], what).toContain(code);
        if (code !== 0) {
          expect(io.stderr, what).toHaveLength(1);
          expect(io.stderr[0], what).toMatch(/^scanflow: (model|input) error \[[A-Z_]+\]: /);
        }
        for (const line of [...io.stdout.flatMap((t) => t.split('\n')), ...io.stderr]) expect(hasControl(line), `${what}: ${JSON.stringify(line)}`).toBe(false);
        if (code === 0 && flags.includes('--json')) JSON.parse(io.stdout.join('\n'));
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }),
      fuzzParameters(150),
    );
    if (LONG_FUZZ) console.log('cli fuzz exit codes:', JSON.stringify([...codes]));
    expect(codes.get(0) ?? 0, 'some damaged models still run').toBeGreaterThan(0);
    expect(codes.get(1) ?? 0, 'most are refused').toBeGreaterThan(0);
  }, LONG_FUZZ ? 0 : 120_000);
});
