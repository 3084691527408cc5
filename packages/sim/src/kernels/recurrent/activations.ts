import { attrFloats, attrStrings, type Node } from '@scanflow/ir';
import { SimulationError } from '../../errors';

/** One activation function of an RNN / GRU / LSTM cell, with its alpha and beta bound. */
export type Activation = (x: number) => number;

interface ActivationSpec {
  /** Which of alpha / beta the function consumes from activation_alpha / activation_beta. */
  alpha?: number;
  beta?: number;
  make(alpha: number, beta: number): Activation;
}

const sigmoid: Activation = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The activation functions the ONNX RNN ops accept (names are case-insensitive). `alpha` / `beta`
 * say whether the function takes that parameter, and give its value when activation_alpha /
 * activation_beta have run out. Those defaults follow onnxruntime (the simulator's reference):
 * LeakyRelu 0.01, HardSigmoid 0.2 / 0.5, Elu 1 and 0 for the rest, so ThresholdedRelu defaults to
 * alpha 0 (the standalone ONNX op uses 1) and Affine / ScaledTanh to 0 / 0.
 */
const SPECS: Record<string, ActivationSpec> = {
  sigmoid: { make: () => sigmoid },
  tanh: { make: () => Math.tanh },
  relu: { make: () => (x) => (x > 0 ? x : 0) },
  affine: { alpha: 0, beta: 0, make: (a, b) => (x) => a * x + b },
  leakyrelu: { alpha: 0.01, make: (a) => (x) => (x >= 0 ? x : a * x) },
  thresholdedrelu: { alpha: 0, make: (a) => (x) => (x > a ? x : 0) },
  scaledtanh: { alpha: 0, beta: 0, make: (a, b) => (x) => a * Math.tanh(b * x) },
  hardsigmoid: { alpha: 0.2, beta: 0.5, make: (a, b) => (x) => Math.min(1, Math.max(0, a * x + b)) },
  elu: { alpha: 1, make: (a) => (x) => (x >= 0 ? x : a * (Math.exp(x) - 1)) },
  softsign: { make: () => (x) => x / (1 + Math.abs(x)) },
  // log(1 + e^x) written to stay finite for large |x|
  softplus: { make: () => (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))) },
};

/**
 * Reads `activations` / `activation_alpha` / `activation_beta` of an RNN-family node and returns
 * `perDirection * numDirections` bound functions (forward direction's first; a bidirectional node
 * must list both directions' functions, as onnxruntime requires). activation_alpha and
 * activation_beta are consumed in order, each only by the functions that take that parameter.
 */
export function readActivations(node: Node, defaults: readonly string[], numDirections: number, where: string): Activation[] {
  const perDirection = defaults.length;
  let names = attrStrings(node, 'activations', []);
  if (names.length === 0) names = Array.from({ length: numDirections }, () => defaults).flat();
  if (names.length !== perDirection * numDirections) {
    throw new SimulationError(
      `${where}: attribute 'activations' has ${names.length} entries, expected ${perDirection * numDirections} (${perDirection} per direction)`,
    );
  }
  const alphas = attrFloats(node, 'activation_alpha', []);
  const betas = attrFloats(node, 'activation_beta', []);
  let ai = 0;
  let bi = 0;
  return names.map((name) => {
    const spec = SPECS[name.toLowerCase()];
    if (!spec) throw new SimulationError(`${where}: unsupported activation function '${name}' (expected one of ${Object.keys(SPECS).join(', ')}, case-insensitive)`);
    const alpha = spec.alpha === undefined ? 0 : ai < alphas.length ? alphas[ai++] : spec.alpha;
    const beta = spec.beta === undefined ? 0 : bi < betas.length ? betas[bi++] : spec.beta;
    return spec.make(alpha, beta);
  });
}
