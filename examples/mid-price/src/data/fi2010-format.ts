import { ScanflowError } from '@scanflow/ir';

/**
 * The FI-2010 text format (Ntakaris et al. 2018): a whitespace-separated matrix of 149 rows and one
 * column per sample (event block). Rows 1–40: the 10-level book, per level ask price, ask volume,
 * bid price, bid volume; rows 41–144: hand-crafted features (unused here); rows 145–149: labels 1,
 * 2, 3 for the horizons k = 1, 2, 3, 5, 10 samples.
 */
export const FI2010_ROWS = 149;
export const FEATURE_ROWS = 40;
export const FIRST_LABEL_ROW = 144;
export const LABEL_ROWS = 5;

export const NORMALISATIONS = ['ZScore', 'MinMax', 'DecPre'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/** `Train_Dst_NoAuction_ZScore_CF_7.txt` and the like. */
export function fi2010FileName(kind: 'Train' | 'Test', norm: Normalisation, fold: number): string {
  return `${kind}_Dst_NoAuction_${norm}_CF_${fold}.txt`;
}

/** One file's content. */
export interface Fi2010Data {
  /** Samples (columns). */
  events: number;
  /** [events × 40], sample-major: the 40 book features of sample t at t·40 … t·40 + 39. */
  features: Float32Array;
  /** [5 × events], horizon-major: the label (1, 2 or 3) of sample t for horizon h at h·events + t. */
  labels: Uint8Array;
}

/** A malformed FI-2010 file; the message names the file, line and column. */
export class Fi2010FormatError extends ScanflowError {
  constructor(message: string) {
    super('FI2010_FORMAT', message);
    this.name = 'Fi2010FormatError';
  }
}
