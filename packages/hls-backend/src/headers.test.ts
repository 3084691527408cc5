import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCpp } from './compile-cpp';
import { emulationHeaders, kernelHeaders } from './paths';
import { fixturePath, gppAvailable, skipNote } from './testing/cpp-fixture.test-support';

describe(`headers build cleanly with -Wall -Wextra -Werror -pedantic${skipNote}`, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scanflow-hls-headers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!gppAvailable).each([...kernelHeaders, ...emulationHeaders])('%s on its own', (header) => {
    const out = join(dir, header.replace(/[^A-Za-z0-9]/g, '_'));
    expect(() =>
      compileCpp({
        sources: [fixturePath('header_only.cpp')],
        output: out,
        defines: { SCANFLOW_HEADER: `<${header}>` },
        extraArgs: ['-pedantic'],
        optimize: 0,
      }),
    ).not.toThrow();
  });
});

describe(`pragmas: SCANFLOW_PRAGMA under __SYNTHESIS__ and plain C-simulation (test/cpp/pragmas.cpp)${skipNote}`, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scanflow-hls-pragmas-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!gppAvailable)('emits the #pragma HLS lines Vitis needs when __SYNTHESIS__ is defined', () => {
    const out = join(dir, 'pragmas.ii');
    compileCpp({
      sources: [fixturePath('pragmas.cpp')],
      output: out,
      defines: { __SYNTHESIS__: true },
      extraArgs: ['-E'],
      optimize: 0,
    });
    const lines = new Set(
      readFileSync(out, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('#pragma HLS')),
    );
    for (const want of [
      '#pragma HLS PIPELINE II=1',
      '#pragma HLS UNROLL',
      '#pragma HLS DATAFLOW',
      '#pragma HLS INTERFACE axis port=in_V',
      '#pragma HLS INTERFACE s_axilite port=return bundle=control',
      '#pragma HLS STREAM variable=y depth=4',
      '#pragma HLS ARRAY_PARTITION variable=w complete dim=1',
      '#pragma HLS ARRAY_PARTITION variable=w complete dim=3',
      '#pragma HLS ARRAY_PARTITION variable=th complete dim=1',
      '#pragma HLS ARRAY_PARTITION variable=th complete dim=3',
      '#pragma HLS ARRAY_PARTITION variable=shared complete dim=1',
      '#pragma HLS ARRAY_PARTITION variable=bias complete dim=1',
      '#pragma HLS ARRAY_PARTITION variable=state cyclic factor=2 dim=1',
      '#pragma HLS ARRAY_PARTITION variable=inbuf complete dim=1',
      '#pragma HLS ARRAY_PARTITION variable=acc complete dim=1',
    ]) {
      expect(lines.has(want), want).toBe(true);
    }
  });

  it.skipIf(!gppAvailable)('with __SYNTHESIS__ the code still parses (pragmas are the only difference)', () => {
    expect(() =>
      compileCpp({
        sources: [fixturePath('pragmas.cpp')],
        output: join(dir, 'unused'),
        defines: { __SYNTHESIS__: true },
        extraArgs: ['-Wno-unknown-pragmas', '-fsyntax-only'],
        optimize: 0,
      }),
    ).not.toThrow();
  });

  it.skipIf(!gppAvailable)('without __SYNTHESIS__ (and without trip counters) it is a warning-free C-simulation', () => {
    const bin = join(dir, 'pragmas');
    compileCpp({ sources: [fixturePath('pragmas.cpp')], output: bin, optimize: 0 });
    // hand-worked in pragmas.cpp: x = [1,1,1,1] -> acc [10, -10] -> [2, -1] -> [3, 1] -> +[1, -1] -> [-4 (wrapped), 0]
    expect(execFileSync(bin, { encoding: 'utf8' })).toBe('lanes -4 0 last 1\n');
  });
});
