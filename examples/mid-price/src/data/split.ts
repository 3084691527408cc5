import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fi2010FileName, Fi2010FormatError, type Normalisation } from './fi2010-format';
import { readFi2010File } from './fi2010-reader';
import { concatSeries, sliceSeries, WindowSet } from './windows';

/**
 * FI-2010 "Setup 2" (DeepLOB, TransLOB): days 1–7 train (the anchored fold CF_7's training file),
 * days 8, 9, 10 test (the test files of folds CF_7, CF_8, CF_9, concatenated). The last
 * `valFraction` of the training samples, by column order, is the validation part.
 */
export function setup2Files(norm: Normalisation): { train: string[]; test: string[] } {
  return { train: [fi2010FileName('Train', norm, 7)], test: [7, 8, 9].map((k) => fi2010FileName('Test', norm, k)) };
}

export interface Setup2Options {
  norm?: Normalisation;
  /** Label horizon in samples: 1, 2, 3, 5 or 10 (default 10, DeepLOB's k = 100 events). */
  horizon?: number;
  /** Window length T (default 100). */
  window?: number;
  /** Validation share of the training samples (default 0.2). */
  valFraction?: number;
}

export interface Setup2Split {
  train: WindowSet;
  val: WindowSet;
  test: WindowSet;
  files: { train: string[]; test: string[] };
}

/** Loads the Setup-2 files from `dir` and cuts them into windows. */
export function loadSetup2(dir: string, options: Setup2Options = {}): Setup2Split {
  const files = setup2Files(options.norm ?? 'ZScore');
  const T = options.window ?? 100;
  const k = options.horizon ?? 10;
  const read = (names: string[]) =>
    names.map((n) => {
      const p = join(dir, n);
      if (!existsSync(p)) throw new Fi2010FormatError(`${p}: no such file (FI-2010 Setup 2 needs ${[...files.train, ...files.test].join(', ')})`);
      return readFi2010File(p);
    });
  const train = concatSeries(read(files.train), k);
  const test = concatSeries(read(files.test), k);
  const cut = Math.floor(train.events * (1 - (options.valFraction ?? 0.2)));
  return {
    train: new WindowSet(sliceSeries(train, 0, cut), T),
    val: new WindowSet(sliceSeries(train, cut, train.events), T),
    test: new WindowSet(test, T),
    files: { train: files.train.map((n) => join(dir, n)), test: files.test.map((n) => join(dir, n)) },
  };
}
