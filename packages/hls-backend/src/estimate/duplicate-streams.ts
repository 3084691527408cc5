import { requireDivides, requirePositiveInteger } from './folding';
import { loopControlResources } from './primitives/control';
import { COPY_STAGE_DEPTH } from './primitives/depth';
import { noResources, sumResources } from './primitives/resources';
import type { LayerEstimate } from './types';

/**
 * Stream duplication (scanflow::duplicate_streams / duplicate_streams_n: fan-out of one stream to
 * several consumers) estimator: cycles = channels/PE per vector (reference spec §3.1). ESTIMATE.
 *
 * Resources: the word register (PE·bits FF) read from the input and written to every output, one
 * write-enable LUT per output (each write waits for every output to have room), and the loop
 * control. The output FIFOs are the streams' own (primitives/fifo.ts). Without the element width
 * only the control is counted (a note says so).
 */

export interface DuplicateStreamsEstimateParams {
  name?: string;
  channels: number;
  /** Channels copied per cycle; channels % pe === 0. */
  pe: number;
  /** Number of output copies (≥ 2). Default 2. Does not change the cycle count. */
  numOutputs?: number;
  /** Input vectors per run. Default 1. */
  numVectors?: number;
  /** Bits of one element. */
  bits?: number;
}

/** Cycles: channels/PE per vector, times the number of vectors. ESTIMATE. */
export function duplicateStreamsCycles(p: DuplicateStreamsEstimateParams): number {
  const layer = `DuplicateStreams ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  if (p.numOutputs !== undefined) requirePositiveInteger(layer, 'numOutputs', p.numOutputs);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  if (p.bits !== undefined) requirePositiveInteger(layer, 'bits', p.bits);
  return (p.channels / p.pe) * (p.numVectors ?? 1);
}

/** Cycles plus the word register, write enables and loop control. Every field is an ESTIMATE. */
export function estimateDuplicateStreams(p: DuplicateStreamsEstimateParams): LayerEstimate {
  const cycles = duplicateStreamsCycles(p);
  const outputs = p.numOutputs ?? 2;
  const word = { ...noResources(), lut: outputs, ff: p.bits === undefined ? 0 : p.pe * p.bits };
  if (p.bits === undefined) word.notes.push('element width unknown: the word register is not counted');
  const r = sumResources(word, loopControlResources({ trips: cycles, depth: COPY_STAGE_DEPTH }));
  return { cycles, ...r };
}
