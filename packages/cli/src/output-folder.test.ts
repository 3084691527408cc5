import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildOutputFolder, OutputFolder } from './output-folder';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-output-folder-'));
});

describe('OutputFolder', () => {
  it('builds beside the target and swaps it in whole; a failed build leaves the target as it was', () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'old.txt'), 'old');
    expect(() =>
      buildOutputFolder(target, { flag: '--out', force: true }, (f) => {
        f.writeFile('a/new.txt', 'new');
        expect(readdirSync(dir).some((e) => e.startsWith('.out.scanflow-staging-'))).toBe(true);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readdirSync(target)).toEqual(['old.txt']);
    buildOutputFolder(target, { flag: '--out', force: true }, (f) => {
      f.writeFile('a/new.txt', 'new');
      return { ok: true };
    });
    expect(readdirSync(target)).toEqual(['a']);
    expect(readFileSync(join(target, 'a', 'new.txt'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('refuses to replace a folder holding what the command reads, or the current folder', () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'model.onnx'), 'x');
    expect(() => OutputFolder.open(target, { flag: '--out', force: true, reads: [join(target, 'model.onnx')] })).toThrow(/holds '.*model\.onnx', which this command reads/);
    const cwd = process.cwd();
    try {
      process.chdir(target);
      expect(() => OutputFolder.open(target, { flag: '--out', force: true })).toThrow(/holds the current folder/);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(target, 'model.onnx'))).toBe(true);
  });

  it('writes only plain relative paths, never over an existing file', () => {
    const f = OutputFolder.open(join(dir, 'out'), { flag: '--out', force: false });
    try {
      for (const bad of ['../escape.txt', '/abs.txt', 'a/../../b', '']) expect(() => f.writeFile(bad, 'x')).toThrow(/not a plain relative path/);
      f.writeFile('x.txt', '1');
      expect(() => f.writeFile('x.txt', '2')).toThrow(/already exists \(EEXIST\)/);
    } finally {
      f.abort();
    }
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('puts back the previous result a run killed in the middle of the swap had moved aside', () => {
    const old = join(dir, '.out.scanflow-old-999999999-abc123');
    mkdirSync(old);
    writeFileSync(join(old, 'report.json'), 'previous');
    // put back before the checks: without --force, the restored (non-empty) folder is refused
    expect(() => OutputFolder.open(join(dir, 'out'), { flag: '--out', force: false })).toThrow(/is not empty/);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).toBe('previous');
  });

  it('removes the staging folder a killed run left behind (its process is gone)', () => {
    const stale = join(dir, '.out.scanflow-staging-999999999-abc123');
    mkdirSync(stale);
    writeFileSync(join(stale, 'half.onnx'), 'x');
    const f = OutputFolder.open(join(dir, 'out'), { flag: '--out', force: false });
    f.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
