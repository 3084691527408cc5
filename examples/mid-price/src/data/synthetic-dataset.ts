import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_ROWS, LABEL_ROWS } from './fi2010-format';
import { writeFi2010File } from './fi2010-writer';
import { HORIZONS, labelSeries } from './labels';
import { type LobDay, type LobGeneratorOptions, simulateDay } from './lob-generator';
import { setup2Files } from './split';

export interface SyntheticDatasetOptions extends Omit<LobGeneratorOptions, 'lookahead'> {
  /** Trading days (default 10: days 1–7 train, 8–10 test). */
  days?: number;
  /** Label threshold α on the relative mid-price change (default 0.00005, see README). */
  alpha?: number;
}

export const SYNTHETIC_DEFAULTS = { seed: 2010, samplesPerDay: 1500, days: 10, alpha: 0.00005 };

export interface SyntheticDataset {
  dir: string;
  files: string[];
  /** Per file, the share of labels 1 / 2 / 3 (down / stationary / up) at each horizon. */
  labelShares: Record<string, Record<number, [number, number, number]>>;
}

/** Per-feature mean and standard deviation over the given days' samples. */
function featureStats(days: LobDay[]): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(FEATURE_ROWS);
  const sq = new Float64Array(FEATURE_ROWS);
  let n = 0;
  for (const d of days) {
    for (let t = 0; t < d.samples; t++) {
      for (let f = 0; f < FEATURE_ROWS; f++) {
        const v = d.features[t * FEATURE_ROWS + f];
        mean[f] += v;
        sq[f] += v * v;
      }
    }
    n += d.samples;
  }
  const std = new Float64Array(FEATURE_ROWS);
  for (let f = 0; f < FEATURE_ROWS; f++) {
    mean[f] /= n;
    std[f] = Math.sqrt(Math.max(sq[f] / n - mean[f] * mean[f], 0)) || 1;
  }
  return { mean, std };
}

/**
 * Writes a synthetic FI-2010 "NoAuction ZScore" Setup-2 file set into `dir`: the training file of
 * fold 7 (days 1–7) and the test files of folds 7, 8, 9 (days 8, 9, 10), with z-scores computed
 * from the training days' statistics and FI-2010's label rule at all five horizons. Deterministic
 * for a seed. Also writes `synthetic.json` with the parameters and label shares.
 */
export function writeSyntheticFi2010(dir: string, options: Partial<SyntheticDatasetOptions> = {}): SyntheticDataset {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  if (o.days !== 10) throw new RangeError(`the Setup-2 file set needs 10 days, got ${o.days}`);
  const lookahead = Math.max(...HORIZONS);
  const days = Array.from({ length: o.days }, (_, d) => simulateDay({ ...o, lookahead }, d));
  const { mean, std } = featureStats(days.slice(0, 7));
  const toFile = (part: LobDay[]) => {
    const events = part.reduce((n, d) => n + d.samples, 0);
    const features = new Float32Array(events * FEATURE_ROWS);
    const labels = new Uint8Array(events * LABEL_ROWS);
    let off = 0;
    for (const d of part) {
      for (let i = 0; i < d.samples * FEATURE_ROWS; i++) {
        const f = i % FEATURE_ROWS;
        features[off * FEATURE_ROWS + i] = (d.features[i] - mean[f]) / std[f];
      }
      HORIZONS.forEach((k, h) => labels.set(labelSeries(d.mids, d.samples, k, o.alpha), h * events + off));
      off += d.samples;
    }
    return { events, features, labels };
  };
  mkdirSync(dir, { recursive: true });
  const names = setup2Files('ZScore');
  const parts: [string, LobDay[]][] = [
    [names.train[0], days.slice(0, 7)],
    [names.test[0], [days[7]]],
    [names.test[1], [days[8]]],
    [names.test[2], [days[9]]],
  ];
  const labelShares: SyntheticDataset['labelShares'] = {};
  for (const [name, part] of parts) {
    const data = toFile(part);
    writeFi2010File(join(dir, name), data);
    labelShares[name] = {};
    HORIZONS.forEach((k, h) => {
      const c = [0, 0, 0];
      for (let t = 0; t < data.events; t++) c[data.labels[h * data.events + t] - 1]++;
      labelShares[name][k] = c.map((v) => v / data.events) as [number, number, number];
    });
  }
  writeFileSync(
    join(dir, 'synthetic.json'),
    JSON.stringify({ generator: 'scanflow mid-price synthetic order book', options: o, normalisation: 'ZScore with days 1–7 statistics', labelShares }, null, 2) + '\n',
  );
  return { dir, files: parts.map(([n]) => join(dir, n)), labelShares };
}
