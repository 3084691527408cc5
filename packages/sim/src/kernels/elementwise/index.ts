import type { KernelDefinition } from '../../kernel';
import abs from './abs';
import add from './add';
import and from './and';
import bitShift from './bit-shift';
import ceil from './ceil';
import clip from './clip';
import div from './div';
import equal from './equal';
import erf from './erf';
import exp from './exp';
import floor from './floor';
import greater from './greater';
import greaterOrEqual from './greater-or-equal';
import hardSigmoid from './hard-sigmoid';
import leakyRelu from './leaky-relu';
import less from './less';
import lessOrEqual from './less-or-equal';
import log from './log';
import max from './max';
import mean from './mean';
import min from './min';
import mod from './mod';
import mul from './mul';
import neg from './neg';
import not from './not';
import or from './or';
import pow from './pow';
import reciprocal from './reciprocal';
import relu from './relu';
import round from './round';
import sigmoid from './sigmoid';
import sign from './sign';
import softplus from './softplus';
import sqrt from './sqrt';
import sub from './sub';
import sum from './sum';
import tanh from './tanh';
import where from './where';
import xor from './xor';

/** The kernels of this folder (see ../README.md); a file exports one definition or several (by opset). */
export const elementwiseKernels: KernelDefinition[] = [
  abs,
  add,
  and,
  bitShift,
  ceil,
  clip,
  div,
  equal,
  erf,
  exp,
  floor,
  greater,
  greaterOrEqual,
  hardSigmoid,
  leakyRelu,
  less,
  lessOrEqual,
  log,
  max,
  mean,
  min,
  mod,
  mul,
  neg,
  not,
  or,
  pow,
  reciprocal,
  relu,
  round,
  sigmoid,
  sign,
  softplus,
  sqrt,
  sub,
  sum,
  tanh,
  where,
  xor,
].flat();
