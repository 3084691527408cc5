import type { ResourceEstimate, WeightStorage } from '../types';
import { adderLuts } from './arithmetic';
import { multiplierResources, type MultiplierPolicy } from './multiplier';
import { parameterMemoryKind, parameterMemoryResources } from './parameter-memory';
import { noResources, requirePositive, scaleResources, sumResources } from './resources';

/**
 * PE lanes of an element-wise unit (scanflow::elementwise_streams / _param / _scalar): per lane
 * out = TO(a OP b). ESTIMATES.
 *
 * Per lane (a, b = operand bits, O = output bits, default the exact result width):
 * - add / sub: an adder of min(O, max(a, b)) LUTs (the carry-out is the extra bit);
 * - mul: one product under the multiplier policy (multiplier.ts), constant-coefficient when b is a
 *   scalar or a one-word parameter memory;
 * - b from a per-channel parameter memory of `paramDepth` = C/PE words (parameter-memory.ts);
 * - FF: operand registers (a, and b when streamed), then the output register (add / sub: O bits;
 *   mul: the multiplier's product register, or none inside a DSP). Wrapping into a narrower O and
 *   sign extension are wiring.
 */

export interface ElementwiseLaneParams {
  pe?: number;
  op: 'add' | 'sub' | 'mul';
  aBits: number;
  bBits: number;
  /** Output width. Default: max(a, b) + 1 (add / sub) or a + b (mul). */
  outBits?: number;
  /** Where b comes from: a second stream, a per-channel constant array, or one constant. Default 'stream'. */
  operand?: 'stream' | 'param' | 'scalar';
  /** Words per lane's parameter memory (C/PE) when operand = 'param'. */
  paramDepth?: number;
  paramStorage?: WeightStorage;
  multiplier?: MultiplierPolicy;
}

/** Resources of `pe` element-wise lanes; a product's DSP-or-LUT choice is in `notes`. ESTIMATE. */
export function elementwiseLaneResources(p: ElementwiseLaneParams): ResourceEstimate {
  const where = 'elementwiseLaneResources';
  const pe = p.pe ?? 1;
  requirePositive(where, 'pe', pe);
  requirePositive(where, 'aBits', p.aBits);
  requirePositive(where, 'bBits', p.bBits);
  const operand = p.operand ?? 'stream';
  const depth = operand === 'param' ? (p.paramDepth ?? 1) : 1;
  requirePositive(where, 'paramDepth', depth);
  const constantB = operand === 'scalar' || (operand === 'param' && parameterMemoryKind(depth, p.paramStorage) === 'constant');
  const exact = p.op === 'mul' ? p.aBits + p.bBits : Math.max(p.aBits, p.bBits) + 1;
  const out = p.outBits ?? exact;
  requirePositive(where, 'outBits', out);
  const operands: ResourceEstimate = { ...noResources(), ff: p.aBits + (operand === 'stream' ? p.bBits : 0) };
  const memory = operand === 'param' ? parameterMemoryResources({ depth, bits: p.bBits, storage: p.paramStorage }) : noResources();
  const compute: ResourceEstimate =
    p.op === 'mul'
      ? multiplierResources({ aBits: p.aBits, bBits: p.bBits, policy: p.multiplier, constantB })
      : { ...noResources(), lut: adderLuts(Math.min(out, Math.max(p.aBits, p.bBits))), ff: out };
  return scaleResources(sumResources(operands, memory, compute), pe);
}
