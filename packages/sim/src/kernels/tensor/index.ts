import type { KernelDefinition } from '../../kernel';
import argMax from './arg-max';
import argMin from './arg-min';
import cast from './cast';
import castLike from './cast-like';
import concat from './concat';
import constant from './constant';
import constantOfShape from './constant-of-shape';
import expand from './expand';
import flatten from './flatten';
import gather from './gather';
import identity from './identity';
import pad from './pad';
import range from './range';
import reduceMax from './reduce-max';
import reduceMean from './reduce-mean';
import reduceMin from './reduce-min';
import reduceProd from './reduce-prod';
import reduceSum from './reduce-sum';
import reshape from './reshape';
import shape from './shape';
import size from './size';
import slice from './slice';
import split from './split';
import squeeze from './squeeze';
import tile from './tile';
import transpose from './transpose';
import unsqueeze from './unsqueeze';

/** The kernels of this folder (see ../README.md); a file exports one definition or several (by opset). */
export const tensorKernels: KernelDefinition[] = [
  argMax,
  argMin,
  cast,
  castLike,
  concat,
  constant,
  constantOfShape,
  expand,
  flatten,
  gather,
  identity,
  pad,
  range,
  reduceMax,
  reduceMean,
  reduceMin,
  reduceProd,
  reduceSum,
  reshape,
  shape,
  size,
  slice,
  split,
  squeeze,
  tile,
  transpose,
  unsqueeze,
].flat();
