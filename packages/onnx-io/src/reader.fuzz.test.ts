import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkModel, coreOps, createRegistry, isScanflowError, LimitError, ModelCheckError } from '@scanflow/ir';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, ExternalDataError, FileReadError, loadModel, OnnxFormatError } from './index';
import { deeplyNested, externalTensor, modelBytes } from './testing/build-proto.test-support';
import { CONFORMANCE_DIR, ONNX_NODE_DIR, onnxNodeCases } from './testing/conformance.test-support';
import { fuzzParameters, LONG_FUZZ } from './testing/fuzz.test-support';

/**
 * The ONNX reader against hostile bytes: the conformance models (ONNX node tests, FINN-GL,
 * Brevitas) mutated — random bytes, truncations, bit flips, byte edits, huge varints — plus
 * external-data tricks and deep nesting. Every case must either decode or throw one of the
 * reader's own errors, caused by nothing that looks like a bug in the reader (a TypeError ...);
 * what decodes must re-encode, and the model checker must either accept it or say why.
 */
const limits = { maxTensorElements: 1 << 20, maxNodes: 20_000, maxNesting: 8, maxExternalDataBytes: 1 << 24 };
const registry = createRegistry([coreOps()]);
const CASE_MS = 10_000;

const corpus: Uint8Array[] = [
  ...onnxNodeCases().map((c) => new Uint8Array(readFileSync(join(ONNX_NODE_DIR, c, 'model.onnx')))),
  ...['finn-gl', 'brevitas'].flatMap((d) =>
    readdirSync(join(CONFORMANCE_DIR, d))
      .filter((f) => f.endsWith('.onnx'))
      .map((f) => new Uint8Array(readFileSync(join(CONFORMANCE_DIR, d, f)))),
  ),
];

const READER_ERRORS = [OnnxFormatError, ExternalDataError, LimitError, FileReadError];

/** Decodes; returns what happened, failing the property on anything but the reader's own errors. */
function decodeOrExplain(bytes: Uint8Array, options: Parameters<typeof decodeModel>[1] = {}): 'decoded' | 'refused' {
  const t0 = performance.now();
  try {
    const model = decodeModel(bytes, { fileName: 'fuzz.onnx', ...limits, ...options });
    encodeModel(model); // what decodes must encode again
    try {
      checkModel(model, registry, { maxNodes: limits.maxNodes, maxNesting: limits.maxNesting });
    } catch (e) {
      if (!(e instanceof ModelCheckError) && !(e instanceof LimitError)) throw e;
    }
    return 'decoded';
  } catch (e) {
    if (!READER_ERRORS.some((cls) => e instanceof cls)) throw e;
    const cause = (e as Error).cause;
    if (cause instanceof TypeError || cause instanceof ReferenceError || (cause instanceof RangeError && !/stack|out of range|invalid|length|offset/i.test(cause.message))) {
      throw new Error(`reader bug behind "${(e as Error).message}"`, { cause });
    }
    expect(isScanflowError(e) && e.category).not.toBe('internal');
    expect((e as Error).message).not.toMatch(/\n/);
    return 'refused';
  } finally {
    expect(performance.now() - t0, 'one case ran for more than 10 s').toBeLessThan(CASE_MS);
  }
}

const pick = fc.integer({ min: 0, max: corpus.length - 1 }).map((i) => corpus[i]!);

/** A mutation of a byte string (the argument is never changed). */
const mutation: fc.Arbitrary<(b: Uint8Array) => Uint8Array> = fc.oneof(
  fc.nat().map((k) => (b: Uint8Array) => b.subarray(0, b.length ? k % b.length : 0)),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Uint8Array) => {
    const c = b.slice();
    for (const [at, bit] of flips) if (c.length) c[at % c.length] ^= 1 << bit;
    return c;
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, ins]) => (b: Uint8Array) => {
    const k = b.length ? at % b.length : 0;
    return Uint8Array.from([...b.subarray(0, k), ...ins, ...b.subarray(k)]);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 32 })).map(([at, n]) => (b: Uint8Array) => {
    const k = b.length ? at % b.length : 0;
    return Uint8Array.from([...b.subarray(0, k), ...b.subarray(k + n)]);
  }),
  // a huge varint (dimension, length, count) written over some bytes
  fc.tuple(fc.nat(), fc.constantFrom([0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).map(([at, v]) => (b: Uint8Array) => {
    const c = b.slice();
    const k = c.length ? at % c.length : 0;
    c.set(v.slice(0, Math.max(0, c.length - k)), k);
    return c;
  }),
);

describe('the ONNX reader under fuzzing', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (b) => void decodeOrExplain(b)), fuzzParameters(300));
  });

  it('mutated conformance models: truncations, bit flips, insertions, deletions, huge varints', () => {
    const seen = { decoded: 0, refused: 0 };
    fc.assert(
      fc.property(pick, fc.array(mutation, { minLength: 1, maxLength: 3 }), (model, edits) => {
        seen[decodeOrExplain(edits.reduce((b, f) => f(b), model))]++;
      }),
      fuzzParameters(1200),
    );
    // the mutations reach past the protobuf layer into the converter, not only into parse errors
    expect(seen.decoded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, LONG_FUZZ ? 0 : 60_000);

  it('deep nesting, refused by the nesting limit before decoding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 }), (depth) => {
        const bytes = deeplyNested(depth);
        expect(decodeOrExplain(bytes)).toBe(depth <= limits.maxNesting ? 'decoded' : 'refused');
      }),
      fuzzParameters(40),
    );
  });
});

describe('external-data tricks under fuzzing', () => {
  const root = mkdtempSync(join(tmpdir(), 'scanflow-fuzz-ext-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'inside'));
  writeFileSync(join(root, 'outside.bin'), new Uint8Array(64).fill(9));
  writeFileSync(join(root, 'inside', 'w.bin'), new Uint8Array(64).fill(1));
  symlinkSync(join(root, 'outside.bin'), join(root, 'inside', 'link.bin'));
  mkdirSync(join(root, 'inside', 'sub'));
  let n = 0;

  const location = fc.oneof(
    fc.constantFrom('w.bin', '../outside.bin', '/etc/passwd', 'link.bin', 'sub', 'sub/../w.bin', 'nowhere.bin', '', 'w.bin\0x', 'C:\\w.bin', '..\\outside.bin', './w.bin'),
    fc.string({ maxLength: 12 }),
  );
  const count = fc.oneof(fc.constantFrom('0', '4', '16', '64', '65', '-1', '1e3', '18446744073709551616', ''), fc.nat({ max: 200 }).map(String));

  it('locations, offsets, lengths and keys: read inside the folder or refused', () => {
    fc.assert(
      fc.property(
        location,
        fc.option(count, { nil: undefined }),
        fc.option(count, { nil: undefined }),
        fc.option(fc.constantFrom('checksum', 'basepath', 'compression', 'location'), { nil: undefined }),
        fc.integer({ min: 1, max: 20 }),
        (loc, offset, length, extraKey, elems) => {
          const entries: [string, string][] = [['location', loc]];
          if (offset !== undefined) entries.push(['offset', offset]);
          if (length !== undefined) entries.push(['length', length]);
          if (extraKey) entries.push([extraKey, 'x']);
          const path = join(root, 'inside', `m${n++}.onnx`);
          writeFileSync(path, modelBytes({ initializers: [externalTensor('W', [elems], entries)] }));
          try {
            const model = loadModel(path, limits);
            // only the bytes inside the folder can have been read
            const data = model.graph.initializers.get('W')!.data as Float32Array;
            const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            expect(bytes.every((x) => x === 1)).toBe(true);
          } catch (e) {
            if (!READER_ERRORS.some((cls) => e instanceof cls)) throw e;
          }
        },
      ),
      fuzzParameters(300),
    );
  });
});
