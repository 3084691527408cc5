import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fi2010Data } from './fi2010-format';
import { writeFi2010File } from './fi2010-writer';
import { loadSetup2, setup2Files } from './split';
import { concatSeries, WindowSet } from './windows';

/** n samples whose feature f of sample t is base + t + f / 100, labels 1 + (t + h) % 3 for horizon row h. */
function fakeFile(n: number, base: number): Fi2010Data {
  const features = Float32Array.from({ length: n * 40 }, (_, i) => base + Math.floor(i / 40) + (i % 40) / 100);
  const labels = Uint8Array.from({ length: 5 * n }, (_, i) => 1 + ((i % n) + Math.floor(i / n)) % 3);
  return { events: n, features, labels };
}

describe('windows', () => {
  it('concatenates files and takes the chosen horizon’s classes (label − 1)', () => {
    const s = concatSeries([fakeFile(3, 0), fakeFile(2, 100)], 10);
    expect(s.events).toBe(5);
    expect(s.features[3 * 40 + 1]).toBeCloseTo(100.01, 4); // first sample of the second file
    // horizon 10 is label row 5 (h = 4): class = (t + 4) % 3 within each file
    expect(Array.from(s.classes)).toEqual([1, 2, 0, 1, 2]);
    expect(Array.from(concatSeries([fakeFile(3, 0)], 1).classes)).toEqual([0, 1, 2]);
    expect(() => concatSeries([fakeFile(3, 0)], 4)).toThrow(/horizon 4 is not one of FI-2010's 1, 2, 3, 5, 10/);
  });

  it('window i holds samples i … i + T − 1 and the label of its last sample', () => {
    const s = concatSeries([fakeFile(6, 0)], 1);
    const w = new WindowSet(s, 4);
    expect(w.count).toBe(3);
    expect(Array.from(w.labels())).toEqual([0, 1, 2].map((i) => (i + 3) % 3));
    const x = w.gather([2, 0]);
    expect(x.length).toBe(2 * 4 * 40);
    expect(x[0]).toBeCloseTo(2, 5); // window 2 starts at sample 2
    expect(x[3 * 40 + 39]).toBeCloseTo(5.39, 4); // its last sample is 5
    expect(x[4 * 40]).toBeCloseTo(0, 5); // window 0
    expect(w.classCounts()).toEqual([1, 1, 1]);
    expect(() => w.gather([3])).toThrow(/window 3 is outside \[0, 3\)/);
  });
});

describe('Setup 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fi2010-setup2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains on CF_7’s training file (last 20 % for validation) and tests on the test files of CF_7, 8, 9', () => {
    const names = setup2Files('DecPre');
    expect(names).toEqual({
      train: ['Train_Dst_NoAuction_DecPre_CF_7.txt'],
      test: ['Test_Dst_NoAuction_DecPre_CF_7.txt', 'Test_Dst_NoAuction_DecPre_CF_8.txt', 'Test_Dst_NoAuction_DecPre_CF_9.txt'],
    });
    writeFi2010File(join(dir, names.train[0]), fakeFile(20, 0));
    names.test.forEach((n, k) => writeFi2010File(join(dir, n), fakeFile(4, 1000 * (k + 1))));
    const s = loadSetup2(dir, { norm: 'DecPre', window: 3, horizon: 2 });
    // 20 training samples: 16 train (14 windows), 4 validation (2 windows); test 12 samples (10 windows)
    expect([s.train.count, s.val.count, s.test.count]).toEqual([14, 2, 10]);
    expect(s.val.gather([0])[0]).toBeCloseTo(16, 4);
    // test window 3 spans samples 3, 4, 5: the last of day 8's file, then day 9's first two
    const w = s.test.gather([3]);
    expect([w[0], w[40], w[80]].map((v) => Math.round(v))).toEqual([1003, 2000, 2001]);
  });

  it('names the missing file', () => {
    expect(() => loadSetup2(join(dir, 'nowhere'))).toThrow(/Train_Dst_NoAuction_ZScore_CF_7.txt: no such file \(FI-2010 Setup 2 needs/);
  });
});
