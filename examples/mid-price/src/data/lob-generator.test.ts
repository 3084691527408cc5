import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFi2010File } from './fi2010-reader';
import { simulateDay } from './lob-generator';
import { writeSyntheticFi2010 } from './synthetic-dataset';

describe('synthetic order book', () => {
  const options = { seed: 5, samplesPerDay: 300 };

  it('is deterministic for a seed, and days and seeds differ', () => {
    const a = simulateDay(options, 0);
    expect(simulateDay(options, 0)).toEqual(a);
    expect(simulateDay(options, 1).features).not.toEqual(a.features);
    expect(simulateDay({ ...options, seed: 6 }, 0).features).not.toEqual(a.features);
  });

  it('samples a consistent 10-level book: asks rise, bids fall, the spread is positive, volumes are whole lots', () => {
    const d = simulateDay(options, 2);
    for (let t = 0; t < d.samples; t++) {
      const f = d.features.subarray(t * 40, (t + 1) * 40);
      expect(f[0]).toBeGreaterThan(f[2]); // best ask > best bid
      for (let l = 1; l < 10; l++) {
        expect(f[4 * l]).toBeGreaterThan(f[4 * (l - 1)]);
        expect(f[4 * l + 2]).toBeLessThan(f[4 * (l - 1) + 2]);
      }
      for (let l = 0; l < 10; l++) {
        expect(f[4 * l + 1] % 100).toBe(0);
        expect(f[4 * l + 1]).toBeGreaterThan(0);
        expect(f[4 * l + 3]).toBeGreaterThan(0);
      }
      expect(d.mids[t]).toBeCloseTo((f[0] + f[2]) / 2, 9);
    }
  });

  it('moves the mid-price with the hidden regime (what makes the labels predictable)', () => {
    // mean mid change over the next 10 samples, per regime, over a few days
    const drift = new Map<number, number[]>();
    for (let day = 0; day < 4; day++) {
      const d = simulateDay({ seed: 7, samplesPerDay: 1000 }, day);
      for (let t = 0; t < d.samples; t++) {
        const list = drift.get(d.regimes[t]) ?? [];
        list.push(d.mids[t + 10] - d.mids[t]);
        drift.set(d.regimes[t], list);
      }
    }
    const mean = (r: number) => drift.get(r)!.reduce((a, b) => a + b, 0) / drift.get(r)!.length;
    expect(mean(1)).toBeGreaterThan(0.01); // more than a tick up per 100 events when buying
    expect(mean(-1)).toBeLessThan(-0.01);
    expect(Math.abs(mean(0))).toBeLessThan(Math.min(mean(1), -mean(-1)) / 2);
  });

  describe('FI-2010 file set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synthetic-fi2010-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the Setup-2 files deterministically, readable by the loader; prints the label distribution', () => {
      const a = writeSyntheticFi2010(join(dir, 'a'), { seed: 3, samplesPerDay: 150 });
      const b = writeSyntheticFi2010(join(dir, 'b'), { seed: 3, samplesPerDay: 150 });
      const c = writeSyntheticFi2010(join(dir, 'c'), { seed: 4, samplesPerDay: 150 });
      a.files.forEach((f, k) => expect(readFileSync(f).equals(readFileSync(b.files[k]))).toBe(true));
      expect(readFileSync(a.files[0]).equals(readFileSync(c.files[0]))).toBe(false);
      expect(a.files.map((f) => f.slice(dir.length + 3))).toEqual([
        'Train_Dst_NoAuction_ZScore_CF_7.txt',
        'Test_Dst_NoAuction_ZScore_CF_7.txt',
        'Test_Dst_NoAuction_ZScore_CF_8.txt',
        'Test_Dst_NoAuction_ZScore_CF_9.txt',
      ]);
      const train = readFi2010File(a.files[0]);
      expect(train.events).toBe(7 * 150);
      expect(readFi2010File(a.files[3]).events).toBe(150);
      // z-scores from the training days: mean 0, standard deviation 1 per feature over days 1–7
      for (const f of [0, 1, 22, 39]) {
        let s = 0;
        let s2 = 0;
        for (let t = 0; t < train.events; t++) {
          const v = train.features[t * 40 + f];
          s += v;
          s2 += v * v;
        }
        expect(s / train.events).toBeCloseTo(0, 4);
        expect(Math.sqrt(s2 / train.events)).toBeCloseTo(1, 4);
      }
      const lines = Object.entries(a.labelShares).map(
        ([file, byK]) => `${file}: ` + Object.entries(byK).map(([k, s]) => `k=${k} ${s.map((v) => (100 * v).toFixed(1)).join('/')}`).join('  '),
      );
      console.log(`label shares down/stationary/up (%), seed 3, 150 samples per day:\n${lines.join('\n')}`);
      for (const byK of Object.values(a.labelShares)) for (const s of Object.values(byK)) expect(s[0] + s[1] + s[2]).toBeCloseTo(1, 12);
    });
  });
});
