import { readFileSync } from 'node:fs';
import { type ConvLstmWeights, GATES, type LstmWeights } from '@scanflow/builders';
import { ScanflowError } from '@scanflow/ir';
import type { ConvLstmShape } from './model';
import type { ActivationQuantisers, ActivationRanges, BitWidths, QuantConfig } from './quant-config';

/** Float32 arrays as base64 of their little-endian bytes: exact and compact. */
export function encodeFloats(a: Float32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  a.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return Buffer.from(bytes).toString('base64');
}

export function decodeFloats(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

type Encoded<T> = T extends Float32Array ? string : { [K in keyof T]: Encoded<T[K]> };
export type EncodedWeights = Encoded<ConvLstmWeights>;

export function encodeWeights(w: ConvLstmWeights): EncodedWeights {
  const per = (r: Record<string, Float32Array>) => Object.fromEntries(GATES.map((g) => [g, encodeFloats(r[g])]));
  return {
    conv: w.conv.map((c) => ({ W: encodeFloats(c.W), b: encodeFloats(c.b) })),
    lstm: { W: per(w.lstm.W), U: per(w.lstm.U), b: per(w.lstm.b) },
    head: { W: encodeFloats(w.head.W), b: encodeFloats(w.head.b) },
  } as EncodedWeights;
}

export function decodeWeights(e: EncodedWeights): ConvLstmWeights {
  const per = (r: Record<string, string>) => Object.fromEntries(GATES.map((g) => [g, decodeFloats(r[g])]));
  return {
    conv: e.conv.map((c) => ({ W: decodeFloats(c.W), b: decodeFloats(c.b) })) as ConvLstmWeights['conv'],
    lstm: { W: per(e.lstm.W), U: per(e.lstm.U), b: per(e.lstm.b) } as LstmWeights,
    head: { W: decodeFloats(e.head.W), b: decodeFloats(e.head.b) },
  };
}

/** Accuracy figures as fractions. */
export interface ScoreRecord {
  accuracy: number;
  macroF1: number;
}

/** Where the data came from: the synthetic generator's parameters, or FI-2010 files. */
export type DataRecord =
  | { kind: 'synthetic'; seed: number; samplesPerDay: number; days: number; alpha: number; horizon: number; window: number }
  | { kind: 'FI-2010'; norm: string; files: string[]; horizon: number; window: number };

/**
 * Everything the demo, the sweep and the tests need about a trained model: sizes, float weights
 * (after float training) and quantised-model weights (after quantisation-aware fine-tuning), the
 * bit widths, the calibrated ranges and resolved activation quantisers, the data, the training
 * command and history, and the measured results.
 */
export interface ModelRecord {
  format: 'scanflow-mid-price-model/1';
  shape: ConvLstmShape;
  bits: BitWidths;
  ranges: ActivationRanges;
  activations: ActivationQuantisers;
  weights: { float: EncodedWeights; quantised: EncodedWeights };
  data: DataRecord;
  training: {
    command: string;
    seed: number;
    backend: string;
    batchSize: number;
    float: { epochs: number; learningRate: number; bestEpoch: number; history: unknown[] };
    qat: { epochs: number; learningRate: number; bestEpoch: number; history: unknown[] };
    seconds: number;
  };
  results: {
    testWindows: number;
    majorityRate: number;
    classCounts: number[];
    float: ScoreRecord;
    /** Measured on the exported model by scanflow's simulator. */
    quantised: ScoreRecord;
    /** The trainer's quantised forward against the simulator on the same windows. */
    trainerVsSimulator: { maxAbsDiff: number; identicalLogits: number; identicalPredictions: number };
    /** The simulator's class for every test window (base64 of one byte per window): a regression reference. */
    quantisedPredictions: string;
  };
}

export function quantConfigOf(r: ModelRecord): QuantConfig {
  return { bits: r.bits, act: r.activations };
}

export function readModelRecord(path: string): ModelRecord {
  const r = JSON.parse(readFileSync(path, 'utf8')) as ModelRecord;
  if (r.format !== 'scanflow-mid-price-model/1') throw new ScanflowError('MODEL_RECORD', `${path}: not a scanflow mid-price model record (format '${String(r.format)}', expected 'scanflow-mid-price-model/1')`);
  return r;
}
