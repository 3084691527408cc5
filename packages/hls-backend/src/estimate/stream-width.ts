import { requirePositiveInteger } from './folding';
import { widthConverterResources } from './primitives/width-converter';
import { HlsEstimateError, type LayerEstimate } from './types';
import { gcd } from '../integer-math';

/**
 * Stream width converter estimator (reference spec §2.10, §3.5). All results are ESTIMATES.
 *
 * A converter re-packs a stream of `inWidth`-bit words into `outWidth`-bit words. Cycles: it
 * reads one input word or writes one output word per cycle, so a vector takes
 * max(input words, output words) cycles. (The reference's throughput model gives it 0 cycles;
 * we count them so a converter can show up as a bottleneck.)
 *
 * Resources: the structural model of scanflow::stream_width_convert
 * (primitives/width-converter.ts: shift buffer, insert mux, fill counter, loop control).
 * `streamWidthLut` keeps the reference's LUT formula for FINN's converter (§3.5), with
 * i = inWidth, o = outWidth, L = lcm(i, o):
 *   cnt  = |⌈log2(i/L)⌉|·[i ≠ L] + |⌈log2(L/o)⌉|·[L ≠ o]
 *   cset = L·[i ≠ L] + o·[L ≠ o]
 *   LUT  = cnt + cset.
 */

export interface StreamWidthEstimateParams {
  name?: string;
  /** Input word width in bits. */
  inWidth: number;
  /** Output word width in bits. */
  outWidth: number;
  /** Bits in one vector (elements × element bits); must be a multiple of both widths. */
  vectorBits: number;
  /** Vectors per run. Default 1. */
  numVectors?: number;
}

/** AXI-Stream widths are padded up to a whole number of bytes (§2.7). */
export const AXIS_WIDTH_ALIGN = 8;

/** `bits` rounded up to a multiple of 8, the padded AXI-Stream width. */
export function paddedStreamWidth(bits: number): number {
  return Math.ceil(bits / AXIS_WIDTH_ALIGN) * AXIS_WIDTH_ALIGN;
}

function validate(p: StreamWidthEstimateParams): { inWords: number; outWords: number } {
  const layer = `StreamWidthConverter ${p.name ?? '(unnamed)'}`;
  requirePositiveInteger(layer, 'inWidth', p.inWidth);
  requirePositiveInteger(layer, 'outWidth', p.outWidth);
  requirePositiveInteger(layer, 'vectorBits', p.vectorBits);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  for (const [field, width] of [['inWidth', p.inWidth], ['outWidth', p.outWidth]] as const) {
    if (p.vectorBits % width !== 0) {
      throw new HlsEstimateError(
        `${layer}: vectorBits % ${field} === 0 is broken (vectorBits = ${p.vectorBits}, ${field} = ${width})`,
      );
    }
  }
  return { inWords: p.vectorBits / p.inWidth, outWords: p.vectorBits / p.outWidth };
}

/** Cycles: max(input words, output words) per vector, times the vectors. ESTIMATE. */
export function streamWidthCycles(p: StreamWidthEstimateParams): number {
  const { inWords, outWords } = validate(p);
  return Math.max(inWords, outWords) * (p.numVectors ?? 1);
}

/** LUTs of FINN's converter by the reference's §3.5 formula (not scanflow's kernel). ESTIMATE. */
export function streamWidthLut(inWidth: number, outWidth: number): number {
  const l = (inWidth / gcd(inWidth, outWidth)) * outWidth;
  const inDiffers = inWidth !== l;
  const outDiffers = l !== outWidth;
  const cnt =
    (inDiffers ? Math.abs(Math.ceil(Math.log2(inWidth / l))) : 0) +
    (outDiffers ? Math.abs(Math.ceil(Math.log2(l / outWidth))) : 0);
  const cset = (inDiffers ? l : 0) + (outDiffers ? outWidth : 0);
  return cnt + cset;
}

/** Full converter estimate: cycles and the structural model of scanflow's converter. Every field is an ESTIMATE. */
export function estimateStreamWidth(p: StreamWidthEstimateParams): LayerEstimate {
  const cycles = streamWidthCycles(p);
  return { cycles, ...widthConverterResources({ inBits: p.inWidth, outBits: p.outWidth, trips: cycles }) };
}
