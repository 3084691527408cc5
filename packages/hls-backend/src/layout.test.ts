import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCpp } from './compile-cpp';
import {
  cppInitializer,
  cppIntegerLiteral,
  foldChannelParams,
  foldMvauWeights,
  foldThresholds,
  HlsLayoutError,
  packVector,
  packWord,
  unpackWord,
} from './layout';
import { fixturePath, gppAvailable, skipNote } from './testing/cpp-fixture.test-support';

describe('layout helpers (hand-worked examples)', () => {
  it('folds W[MH][MW] into [PE][TILES][SIMD]: weights[p][nf*SF+sf][s] = W[nf*PE+p][sf*SIMD+s]', () => {
    const w = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => 10 * r + c));
    expect(foldMvauWeights(w, { mw: 4, mh: 4, simd: 2, pe: 2 })).toEqual([
      [[0, 1], [2, 3], [20, 21], [22, 23]],
      [[10, 11], [12, 13], [30, 31], [32, 33]],
    ]);
    expect(foldMvauWeights(w, { mw: 4, mh: 4, simd: 4, pe: 1 })).toEqual([[[0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33]]]);
    expect(foldMvauWeights(w, { mw: 4, mh: 4, simd: 1, pe: 4 })[3]).toEqual([[30], [31], [32], [33]]);
  });

  it('folds thresholds [C][NT] into [PE][C/PE][NT] and parameters [C] into [PE][C/PE]', () => {
    const t = [0, 1, 2, 3].map((c) => [100 * c, 100 * c + 1]);
    expect(foldThresholds(t, 2)).toEqual([
      [[0, 1], [200, 201]],
      [[100, 101], [300, 301]],
    ]);
    expect(foldChannelParams([0, 1, 2, 3, 4, 5], 3)).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('packs element 0 into the low bits, two-complement per element', () => {
    expect(packWord([1, -1, 2], 4)).toBe(0x2f1n);
    expect(unpackWord(0x2f1n, 4, 3, true)).toEqual([1n, -1n, 2n]);
    expect(unpackWord(0x2f1n, 4, 3, false)).toEqual([1n, 15n, 2n]);
    expect(packVector([1, 2, 3, 4], 8, 2)).toEqual([0x0201n, 0x0403n]);
    expect(packWord([-1n, 0n], 100)).toBe((1n << 100n) - 1n);
  });

  it('writes C++ initialisers for any int64 value', () => {
    expect(cppInitializer([[1, -2], [3, 2 ** 40]])).toBe('{{1, -2}, {3, 1099511627776LL}}');
    expect(cppIntegerLiteral(-(2n ** 63n))).toBe('(-9223372036854775807LL - 1)');
    expect(cppIntegerLiteral(-2147483648)).toBe('-2147483648');
    expect(() => cppIntegerLiteral(2n ** 63n)).toThrow(HlsLayoutError);
    expect(() => cppIntegerLiteral(0.5)).toThrow(/not a safe integer/);
  });

  it('rejects foldings that do not divide, and ragged matrices', () => {
    const w = [[1, 2, 3], [4, 5, 6]];
    expect(() => foldMvauWeights(w, { mw: 3, mh: 2, simd: 2, pe: 1 })).toThrow(/SIMD = 2 must be a positive divisor of 3/);
    expect(() => foldMvauWeights(w, { mw: 3, mh: 2, simd: 1, pe: 3 })).toThrow(/PE = 3/);
    expect(() => foldMvauWeights([[1, 2, 3], [4, 5]], { mw: 3, mh: 2, simd: 1, pe: 1 })).toThrow(/row 1 has 2 entries/);
    expect(() => foldThresholds([[1], [2], [3]], 2)).toThrow(HlsLayoutError);
    expect(() => foldChannelParams([1, 2, 3], 0)).toThrow(HlsLayoutError);
  });
});

/** Deterministic small PRNG (mulberry32) for test data. */
function rng(seed: number): (lo: number, hi: number) => number {
  let s = seed >>> 0;
  return (lo, hi) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return lo + Math.floor(u * (hi - lo + 1));
  };
}

interface Config {
  readonly name: string;
  readonly mw: number;
  readonly mh: number;
  readonly simd: number;
  readonly pe: number;
  readonly nt: number;
  readonly outBias: number;
  readonly reps: number;
  readonly inBits: number;
  readonly wBits: number;
  readonly accBits: number;
  readonly outBits: number;
}

const CONFIGS: Config[] = [
  { name: 'mw12_mh8_simd3_pe4', mw: 12, mh: 8, simd: 3, pe: 4, nt: 7, outBias: -3, reps: 3, inBits: 4, wBits: 5, accBits: 14, outBits: 4 },
  { name: 'mw8_mh6_simd8_pe1', mw: 8, mh: 6, simd: 8, pe: 1, nt: 15, outBias: -8, reps: 2, inBits: 8, wBits: 8, accBits: 20, outBits: 4 },
  { name: 'mw24_mh4_simd12_pe2_wide_words', mw: 24, mh: 4, simd: 12, pe: 2, nt: 3, outBias: 0, reps: 2, inBits: 8, wBits: 3, accBits: 16, outBits: 2 },
];

describe(`layout helpers drive the C++ MVAU (test/cpp/layout_mvau.cpp)${skipNote}`, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scanflow-hls-layout-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!gppAvailable).each(CONFIGS)('$name', (cfg) => {
    const rand = rng(cfg.mw * 1000 + cfg.pe);
    const sMin = (bits: number) => -(2 ** (bits - 1));
    const sMax = (bits: number) => 2 ** (bits - 1) - 1;
    const W = Array.from({ length: cfg.mh }, () => Array.from({ length: cfg.mw }, () => rand(sMin(cfg.wBits), sMax(cfg.wBits))));
    const X = Array.from({ length: cfg.reps }, () => Array.from({ length: cfg.mw }, () => rand(sMin(cfg.inBits), sMax(cfg.inBits))));
    const acc = X.map((x) => W.map((row) => row.reduce((s, w, c) => s + w * x[c]!, 0)));
    const T = W.map((_, r) => Array.from({ length: cfg.nt }, () => acc[rand(0, cfg.reps - 1)]![r]! + rand(-3, 3)));

    const words = X.flatMap((x) => packVector(x, cfg.inBits, cfg.simd));
    const limbs = Math.ceil((cfg.simd * cfg.inBits) / 64);
    const limbRows = words.map((w) =>
      Array.from({ length: limbs }, (_, l) => `0x${BigInt.asUintN(64, w >> BigInt(64 * l)).toString(16)}ULL`),
    );
    const sf = cfg.mw / cfg.simd;
    const nf = cfg.mh / cfg.pe;
    const header = [
      `#define LAYOUT_MW ${cfg.mw}`,
      `#define LAYOUT_MH ${cfg.mh}`,
      `#define LAYOUT_SIMD ${cfg.simd}`,
      `#define LAYOUT_PE ${cfg.pe}`,
      `#define LAYOUT_NT ${cfg.nt}`,
      `#define LAYOUT_OUT_BIAS ${cfg.outBias}`,
      `#define LAYOUT_REPS ${cfg.reps}`,
      `#define LAYOUT_INPUT_LIMBS ${limbs}`,
      `typedef ap_int<${cfg.inBits}> TI;`,
      `typedef ap_int<${cfg.wBits}> TW;`,
      `typedef ap_int<${cfg.accBits}> TACC;`,
      `typedef ap_int<${cfg.outBits}> TO;`,
      `static const TW layout_weights[${cfg.pe}][${nf * sf}][${cfg.simd}] = ${cppInitializer(foldMvauWeights(W, cfg))};`,
      `static const TACC layout_thresholds[${cfg.pe}][${nf}][${cfg.nt}] = ${cppInitializer(foldThresholds(T, cfg.pe))};`,
      // each packed input word as 64-bit limbs, least significant first
      `static const unsigned long long layout_input[${words.length}][${limbs}] = {${limbRows.map((r) => `{${r.join(', ')}}`).join(', ')}};`,
      '',
    ].join('\n');
    const inc = mkdtempSync(join(dir, `${cfg.name}-`));
    writeFileSync(join(inc, 'layout_data.h'), header);
    const bin = join(inc, 'layout_mvau');
    compileCpp({ sources: [fixturePath('layout_mvau.cpp')], output: bin, includeDirs: [inc], optimize: 0 });
    const lines = execFileSync(bin, { encoding: 'utf8' }).trim().split('\n');
    const pass = lines.filter((l) => l.startsWith('P ')).map((l) => BigInt(l.slice(2)));
    const thr = lines.filter((l) => l.startsWith('T ')).map((l) => BigInt(l.slice(2)));
    expect(pass).toHaveLength(cfg.reps * nf);
    expect(thr).toHaveLength(cfg.reps * nf);

    const gotPass = pass.flatMap((w) => unpackWord(w, cfg.accBits, cfg.pe, true));
    const gotThr = thr.flatMap((w) => unpackWord(w, cfg.outBits, cfg.pe, true));
    const wantPass = acc.flatMap((a) => a.map((v) => BigInt.asIntN(cfg.accBits, BigInt(v))));
    const wantThr = acc.flatMap((a) =>
      a.map((v, r) => BigInt.asIntN(cfg.outBits, BigInt(T[r]!.filter((t) => v >= t).length + cfg.outBias))),
    );
    expect(gotPass).toEqual(wantPass);
    expect(gotThr).toEqual(wantThr);
  });
});
