import { attr, attrFloats, attrStrings, type Node } from '@scanflow/ir';
import { PassError } from '../pass-manager';
import type { Emitter } from './emitter';

/** One activation function of an RNN-family node with its alpha / beta bound. */
export interface ActivationCall {
  /** The function's canonical (ONNX) spelling, e.g. `LeakyRelu`. */
  name: string;
  alpha: number;
  beta: number;
}

interface ActivationForm {
  name: string;
  /** Whether the function takes alpha / beta, and the value used when activation_alpha / _beta ran out. */
  alpha?: number;
  beta?: number;
  /** Writes f(x) with standard ops; returns the result's name. */
  emit(e: Emitter, x: string, a: number, b: number, out: string): string;
}

/**
 * The functions the ONNX RNN / GRU / LSTM ops accept (case-insensitive), each written as standard
 * ops. The alpha / beta defaults are onnxruntime's (the simulator's reference): LeakyRelu 0.01,
 * HardSigmoid 0.2 / 0.5, Elu 1, and 0 for ThresholdedRelu, Affine and ScaledTanh.
 */
const FORMS: ActivationForm[] = [
  { name: 'Sigmoid', emit: (e, x, _a, _b, out) => e.op('Sigmoid', [x], {}, out) },
  { name: 'Tanh', emit: (e, x, _a, _b, out) => e.op('Tanh', [x], {}, out) },
  { name: 'Relu', emit: (e, x, _a, _b, out) => e.op('Relu', [x], {}, out) },
  // alpha * x + beta
  { name: 'Affine', alpha: 0, beta: 0, emit: (e, x, a, b, out) => e.op('Add', [e.op('Mul', [x, e.float(a)], {}, `${out}_scaled`), e.float(b)], {}, out) },
  { name: 'LeakyRelu', alpha: 0.01, emit: (e, x, a, _b, out) => e.op('LeakyRelu', [x], { alpha: attr.float(a) }, out) },
  // x > alpha ? x : 0
  {
    name: 'ThresholdedRelu',
    alpha: 0,
    emit: (e, x, a, _b, out) => e.op('Where', [e.op('Greater', [x, e.float(a)], {}, `${out}_above`), x, e.float(0)], {}, out),
  },
  // alpha * tanh(beta * x)
  {
    name: 'ScaledTanh',
    alpha: 0,
    beta: 0,
    emit: (e, x, a, b, out) => e.op('Mul', [e.op('Tanh', [e.op('Mul', [x, e.float(b)], {}, `${out}_in`)], {}, `${out}_tanh`), e.float(a)], {}, out),
  },
  {
    name: 'HardSigmoid',
    alpha: 0.2,
    beta: 0.5,
    emit: (e, x, a, b, out) => e.op('HardSigmoid', [x], { alpha: attr.float(a), beta: attr.float(b) }, out),
  },
  // x < 0 ? alpha * (exp(x) - 1) : x
  {
    name: 'Elu',
    alpha: 1,
    emit: (e, x, a, _b, out) => {
      const neg = e.op('Mul', [e.op('Sub', [e.op('Exp', [x], {}, `${out}_exp`), e.float(1)], {}, `${out}_expm1`), e.float(a)], {}, `${out}_neg`);
      return e.op('Where', [e.op('Less', [x, e.float(0)], {}, `${out}_below`), neg, x], {}, out);
    },
  },
  // x / (1 + |x|)
  {
    name: 'Softsign',
    emit: (e, x, _a, _b, out) => e.op('Div', [x, e.op('Add', [e.op('Abs', [x], {}, `${out}_abs`), e.float(1)], {}, `${out}_den`)], {}, out),
  },
  { name: 'Softplus', emit: (e, x, _a, _b, out) => e.op('Softplus', [x], {}, out) },
];

const BY_NAME = new Map(FORMS.map((f) => [f.name.toLowerCase(), f]));

/**
 * Reads `activations` / `activation_alpha` / `activation_beta` of an RNN-family node: `perDirection`
 * functions for each of `numDirections` directions (the defaults when the attribute is absent).
 * alpha and beta values are consumed in order, each only by the functions that take that parameter
 * (as onnxruntime reads them).
 */
export function readActivationCalls(node: Node, defaults: readonly string[], numDirections: number): ActivationCall[] {
  const perDirection = defaults.length;
  let names = attrStrings(node, 'activations', []);
  if (names.length === 0) names = Array.from({ length: numDirections }, () => defaults).flat();
  if (names.length !== perDirection * numDirections) {
    throw new PassError(
      `node ${node.label}: attribute 'activations' = [${names.join(', ')}] has ${names.length} entries, expected ${perDirection * numDirections} (${perDirection} per direction)`,
    );
  }
  const alphas = attrFloats(node, 'activation_alpha', []);
  const betas = attrFloats(node, 'activation_beta', []);
  let ai = 0;
  let bi = 0;
  return names.map((n) => {
    const form = BY_NAME.get(n.toLowerCase());
    if (!form) {
      throw new PassError(`node ${node.label}: attribute 'activations' has '${n}', which is not an RNN activation function (expected one of ${FORMS.map((f) => f.name).join(', ')})`);
    }
    const alpha = form.alpha === undefined ? 0 : ai < alphas.length ? alphas[ai++] : form.alpha;
    const beta = form.beta === undefined ? 0 : bi < betas.length ? betas[bi++] : form.beta;
    return { name: form.name, alpha, beta };
  });
}

/** Writes `call` applied to `x` with standard ops; the result's name is fresh from `out`. */
export function emitActivation(e: Emitter, call: ActivationCall, x: string, out: string): string {
  return BY_NAME.get(call.name.toLowerCase())!.emit(e, x, call.alpha, call.beta, out);
}
