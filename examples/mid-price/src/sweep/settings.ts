import type { BitSetting } from '../train/quant-config';

/** One point of the mixed-precision sweep. */
export interface SweepSetting {
  name: string;
  bits: BitSetting;
}

/**
 * The settings the sweep visits: weights 8 / 6 / 4 with activations 8 / 6 / 4, then the gate
 * activations alone: sigmoid (gates f, i, o) and tanh (cell gate, tanh(c)) narrower than the rest.
 * The LSTM's x_t / h_t, the model input and the logits stay at 8 bits except in W8A8 / W4A4.
 */
export const SWEEP_SETTINGS: SweepSetting[] = [
  { name: 'W8A8', bits: { weights: 8, activations: 8 } },
  { name: 'W8A6', bits: { weights: 8, activations: 6 } },
  { name: 'W8A4', bits: { weights: 8, activations: 4 } },
  { name: 'W6A6', bits: { weights: 6, activations: 6 } },
  { name: 'W4A6', bits: { weights: 4, activations: 6 } },
  { name: 'W4A4', bits: { weights: 4, activations: 4, lstmIo: 6 } },
  { name: 'W8A6 sigmoid 4', bits: { weights: 8, activations: 6, sigmoid: 4 } },
  { name: 'W8A6 tanh 4', bits: { weights: 8, activations: 6, tanh: 4 } },
  { name: 'W8A6 sigmoid 3 tanh 3', bits: { weights: 8, activations: 6, sigmoid: 3, tanh: 3 } },
];
