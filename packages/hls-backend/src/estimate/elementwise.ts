import { requireDivides, requirePositiveInteger } from './folding';
import { loopControlResources, wrapCounterResources } from './primitives/control';
import { elementwiseDepth } from './primitives/depth';
import { elementwiseLaneResources } from './primitives/elementwise-lane';
import type { MultiplierPolicy } from './primitives/multiplier';
import { sumResources } from './primitives/resources';
import type { LayerEstimate, WeightStorage } from './types';

/**
 * Element-wise layer estimator (scanflow::elementwise_streams / _param / _scalar: add, sub or mul
 * of a stream with a second stream, a per-channel constant or a scalar): cycles = channels/PE per
 * vector (reference spec §3.1) and a structural resource model: P element-wise lanes
 * (primitives/elementwise-lane.ts), the nf counter of a per-channel parameter and the loop
 * control. All results are ESTIMATES. Without operand widths only the control is counted (a note
 * says so).
 */

export interface ElementwiseEstimateParams {
  name?: string;
  /** Operation: 'add', 'sub' or 'mul' (other labels are estimated as an add). */
  op?: string;
  channels: number;
  /** Channels processed in parallel; channels % pe === 0. */
  pe: number;
  /** Input vectors per run. Default 1. */
  numVectors?: number;
  /** Bits of the streamed operand a. */
  aBits?: number;
  /** Bits of operand b. Default aBits. */
  bBits?: number;
  /** Output element width. Default: the exact result width. */
  outBits?: number;
  /** Where b comes from. Default 'stream'. */
  operand?: 'stream' | 'param' | 'scalar';
  /** Per-channel parameter memory. Default 'auto'. */
  paramStorage?: WeightStorage;
  multiplier?: MultiplierPolicy;
}

function label(p: ElementwiseEstimateParams): string {
  return `Elementwise${p.op ? ` ${p.op}` : ''} ${p.name ?? '(unnamed)'}`;
}

/** Cycles: channels/PE per vector, times the number of vectors. ESTIMATE. */
export function elementwiseCycles(p: ElementwiseEstimateParams): number {
  const layer = label(p);
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  return (p.channels / p.pe) * (p.numVectors ?? 1);
}

/** Cycles plus the structural resource model. Every field is an ESTIMATE. */
export function estimateElementwise(p: ElementwiseEstimateParams): LayerEstimate {
  const cycles = elementwiseCycles(p);
  const op = p.op === 'mul' || p.op === 'sub' ? p.op : 'add';
  if (p.aBits === undefined) {
    const control = loopControlResources({ trips: cycles, depth: 2 });
    return { cycles, ...control, notes: ['operand widths unknown: only the loop control is counted'] };
  }
  const layer = label(p);
  requirePositiveInteger(layer, 'aBits', p.aBits);
  const bBits = p.bBits ?? p.aBits;
  requirePositiveInteger(layer, 'bBits', bBits);
  if (p.outBits !== undefined) requirePositiveInteger(layer, 'outBits', p.outBits);
  const nf = p.channels / p.pe;
  const operand = p.operand ?? 'stream';
  const lanes = elementwiseLaneResources({
    pe: p.pe,
    op,
    aBits: p.aBits,
    bBits,
    outBits: p.outBits,
    operand,
    paramDepth: nf,
    paramStorage: p.paramStorage,
    multiplier: p.multiplier,
  });
  const depth = elementwiseDepth({ op, bits: p.aBits, otherBits: bBits, multiplier: p.multiplier });
  const r = sumResources(lanes, wrapCounterResources(operand === 'param' ? nf : 1), loopControlResources({ trips: cycles, depth }));
  return { cycles, ...r };
}
