import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCpp, cppCompileArgs, CppCompileError } from './compile-cpp';
import { emulationIncludeDir, kernelIncludeDir } from './paths';
import { fixturePath, gppAvailable, skipNote } from './testing/cpp-fixture.test-support';

describe('cppCompileArgs', () => {
  it('uses C++14, strict warnings, the emulation before the kernels, then the sources', () => {
    const args = cppCompileArgs({ sources: ['a.cpp', 'b.cpp'], output: 'out' });
    expect(args.slice(0, 5)).toEqual(['-std=c++14', '-O1', '-Wall', '-Wextra', '-Werror']);
    const emu = args.indexOf(emulationIncludeDir());
    const kernels = args.indexOf(kernelIncludeDir());
    expect(args[emu - 1]).toBe('-I');
    expect(args[kernels - 1]).toBe('-I');
    expect(emu).toBeLessThan(kernels);
    expect(args.slice(-4)).toEqual(['-o', 'out', 'a.cpp', 'b.cpp']);
  });

  it('passes definitions, extra include dirs and extra args; can leave the emulation out', () => {
    const args = cppCompileArgs({
      sources: ['a.cpp'],
      output: 'o',
      defines: { FLAG: true, DEPTH: 4, NAME: 'x' },
      includeDirs: ['/gen'],
      extraArgs: ['-g'],
      emulation: false,
      strictWarnings: false,
      optimize: 2,
      std: 'c++17',
    });
    expect(args).toEqual(['-std=c++17', '-O2', '-DFLAG', '-DDEPTH=4', '-DNAME=x', '-I', kernelIncludeDir(), '-I', '/gen', '-g', '-o', 'o', 'a.cpp']);
  });

  it('rejects a definition name that is not an identifier, and an empty source list', () => {
    expect(() => cppCompileArgs({ sources: ['a.cpp'], output: 'o', defines: { 'A B': 1 } })).toThrow(CppCompileError);
    expect(() => cppCompileArgs({ sources: ['a.cpp'], output: 'o', defines: { 'A B': 1 } })).toThrow(/'A B'/);
    expect(() => cppCompileArgs({ sources: [], output: 'prog' })).toThrow(/no C\+\+ sources.*'prog'/);
  });
});

describe(`compileCpp${skipNote}`, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scanflow-hls-compile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names a missing compiler', () => {
    let error: unknown;
    try {
      compileCpp({ sources: ['x.cpp'], output: join(dir, 'x'), compiler: 'scanflow-no-such-compiler' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CppCompileError);
    expect((error as CppCompileError).code).toBe('CPP_COMPILE_FAILED');
    expect((error as CppCompileError).message).toMatch(/'scanflow-no-such-compiler' not found.*x\.cpp/);
  });

  it.skipIf(!gppAvailable)('builds a program against the emulation, with a definition, that runs', () => {
    const out = join(dir, 'smoke');
    const result = compileCpp({ sources: [fixturePath('compile_smoke.cpp')], output: out, defines: { SMOKE_OFFSET: 7 } });
    expect(result.output).toBe(out);
    expect(result.args).toContain('-DSMOKE_OFFSET=7');
    // 2000 + 100 = 2100 exactly (ap_int<13>), wrapped into ap_int<12>: 2100 - 4096
    expect(execFileSync(out, { encoding: 'utf8' })).toBe('sum 2100 wrapped -1996 offset 7\n');
  });

  it.skipIf(!gppAvailable)('reports compiler diagnostics naming the source', () => {
    let error: unknown;
    try {
      compileCpp({ sources: [fixturePath('does_not_compile.cpp')], output: join(dir, 'bad') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CppCompileError);
    const e = error as CppCompileError;
    expect(e.message).toMatch(/failed to compile .*does_not_compile\.cpp/);
    expect(e.message).toMatch(/undeclared_identifier/);
    expect(e.stderr).toMatch(/error/);
  });

  it.skipIf(!gppAvailable)('treats warnings as errors unless strictWarnings is false', () => {
    const source = fixturePath('unused_variable.cpp');
    expect(() => compileCpp({ sources: [source], output: join(dir, 'w1') })).toThrow(/unused/);
    expect(() => compileCpp({ sources: [source], output: join(dir, 'w2'), strictWarnings: false })).not.toThrow();
  });
});
