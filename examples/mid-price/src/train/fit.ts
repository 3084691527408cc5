import type { ConvLstmWeights } from '@scanflow/builders';
import type { WindowSet } from '../data/windows';
import { calibrateRanges } from './calibrate';
import { convLstmWeights, modelFromWeights } from './export';
import { ConvLstmModel, type ConvLstmShape } from './model';
import type { Progress } from './progress';
import { type ActivationRanges, activationQuantisers, type BitWidths, type QuantConfig } from './quant-config';
import { type TrainResult, trainModel } from './train';

export interface PhaseOptions {
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  stepsPerEpoch?: number;
  progress?: Progress;
}

/** Float training from a seeded initialisation. */
export function fitFloat(shape: ConvLstmShape, train: WindowSet, val: WindowSet, o: PhaseOptions): { model: ConvLstmModel; result: TrainResult } {
  const model = new ConvLstmModel(shape, o.seed);
  const result = trainModel(model, train, val, { ...o, label: 'float' });
  return { model, result };
}

/**
 * Quantisation: calibrates the activation ranges on the float model (training windows), then
 * fine-tunes with every fake quantiser of the `bits` configuration in the forward pass.
 */
export function fitQuantised(
  shape: ConvLstmShape,
  floatWeights: ConvLstmWeights,
  bits: BitWidths,
  train: WindowSet,
  val: WindowSet,
  o: PhaseOptions,
): { model: ConvLstmModel; weights: ConvLstmWeights; quant: QuantConfig; ranges: ActivationRanges; result: TrainResult } {
  const model = modelFromWeights(shape, floatWeights);
  const ranges = calibrateRanges(model, train);
  const quant = { bits, act: activationQuantisers(bits, ranges) };
  const result = trainModel(model, train, val, { ...o, quant, label: 'QAT' });
  return { model, weights: convLstmWeights(model), quant, ranges, result };
}
