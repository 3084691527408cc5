import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Normalisation } from './fi2010-format';
import type { DataRecord } from '../train/model-record';
import { loadSetup2, type Setup2Split } from './split';
import { SYNTHETIC_DEFAULTS, writeSyntheticFi2010 } from './synthetic-dataset';

export interface DataChoice {
  /** A folder with the real FI-2010 Setup-2 files; absent: the synthetic order book. */
  fi2010Dir?: string;
  norm?: Normalisation;
  horizon?: number;
  window?: number;
  synthetic?: { seed?: number; samplesPerDay?: number; alpha?: number };
  /** Where the synthetic files are written (reused when their parameters match). */
  cacheDir: string;
}

/** Loads FI-2010 Setup 2 from files, or writes the synthetic set first (deterministic for its seed). */
export function prepareData(c: DataChoice): { split: Setup2Split; record: DataRecord } {
  const horizon = c.horizon ?? 10;
  const window = c.window ?? 100;
  if (c.fi2010Dir) {
    const norm = c.norm ?? 'ZScore';
    const split = loadSetup2(c.fi2010Dir, { norm, horizon, window });
    return { split, record: { kind: 'FI-2010', norm, files: [...split.files.train, ...split.files.test], horizon, window } };
  }
  const s = { ...SYNTHETIC_DEFAULTS, ...c.synthetic };
  const dir = join(c.cacheDir, `synthetic-seed${s.seed}-n${s.samplesPerDay}-a${s.alpha}`);
  const manifest = join(dir, 'synthetic.json');
  const fresh = existsSync(manifest) && JSON.stringify(JSON.parse(readFileSync(manifest, 'utf8')).options) === JSON.stringify(s);
  if (!fresh) writeSyntheticFi2010(dir, s);
  const split = loadSetup2(dir, { norm: 'ZScore', horizon, window });
  return { split, record: { kind: 'synthetic', seed: s.seed, samplesPerDay: s.samplesPerDay, days: s.days, alpha: s.alpha, horizon, window } };
}
