import { attrInt } from '@scanflow/ir';
import { binaryKernels, type BinaryOpSpec } from '../../helpers/binary-kernel';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

function zeroDivisor(): never {
  throw new SimulationError('Mod: integer modulus by zero');
}

/** Sign of the remainder follows the divisor (fmod = 0, integers only). */
const floorMod: BinaryOpSpec = {
  opType: 'Mod',
  int: (x, y) => {
    if (y === 0) zeroDivisor();
    const r = x % y;
    return r !== 0 && r < 0 !== y < 0 ? r + y : r;
  },
  big: (x, y) => {
    if (y === 0n) zeroDivisor();
    const r = x % y;
    return r !== 0n && r < 0n !== y < 0n ? r + y : r;
  },
};

/** Sign of the remainder follows the dividend, like C fmod (fmod = 1; required for floats). */
const truncMod: BinaryOpSpec = {
  opType: 'Mod',
  float: (x, y) => x % y,
  int: (x, y) => (y === 0 ? zeroDivisor() : x % y),
  big: (x, y) => (y === 0n ? zeroDivisor() : x % y),
};

const [floorKernel] = binaryKernels({ ...floorMod, since: 10 });
const [truncKernel] = binaryKernels({ ...truncMod, since: 10 });

/** Mod (opset 10+): `fmod` picks C-style (1) or Python-style (0, the default) remainders. */
export default [
  defineKernel({
    domain: '',
    opType: 'Mod',
    since: 10,
    create: (node, ctx) => (attrInt(node, 'fmod', 0) ? truncKernel : floorKernel).create(node, ctx),
  }),
];
