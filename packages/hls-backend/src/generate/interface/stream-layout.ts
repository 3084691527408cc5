import { HlsCodegenError } from '../../codegen/errors';

/**
 * Stream layout contract v2 (the host side's view of an AXI-Stream port; docs/board.md):
 * every element sits in a byte-aligned container of `containerBits` ∈ {8, 16, 32, 64} bits (the
 * smallest holding the element), sign-extended for signed types and zero-extended for unsigned ones;
 * `lanes` elements per beat, element k at bits [k·containerBits, (k+1)·containerBits); TDATA is
 * `axiBits` wide, the next power of two ≥ lanes·containerBits (at least 8, at most 1024), padding
 * bits zero; TLAST on the last beat of every output transfer. Bytes are little-endian on the bus.
 */
export const STREAM_LAYOUT_VERSION = 2;

export interface StreamLayout {
  readonly version: typeof STREAM_LAYOUT_VERSION;
  /** Bits of the byte-aligned container of one element: 8, 16, 32 or 64. */
  readonly containerBits: 8 | 16 | 32 | 64;
  /** TDATA width: a power of two in 8 … 1024. */
  readonly axiBits: number;
  /** axiBits / 8. */
  readonly bytesPerBeat: number;
  /** Bits of a beat that carry elements (lanes · containerBits); the rest is zero padding. */
  readonly usedBits: number;
}

const CONTAINERS = [8, 16, 32, 64] as const;

/** The smallest container (8, 16, 32 or 64 bits) holding an element of `elementBits` bits. */
export function containerBits(elementBits: number): 8 | 16 | 32 | 64 {
  if (!Number.isInteger(elementBits) || elementBits < 1) throw new HlsCodegenError(`element width ${elementBits} bits is not a positive integer`);
  const c = CONTAINERS.find((b) => b >= elementBits);
  if (c === undefined) throw new HlsCodegenError(`element width ${elementBits} bits does not fit a 64-bit container (stream layout v${STREAM_LAYOUT_VERSION})`);
  return c;
}

/** The next power of two ≥ n (n ≥ 1). */
function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The v2 layout of a port carrying `lanes` elements of `elementBits` bits per beat. */
export function streamLayout(elementBits: number, lanes: number, port = 'port'): StreamLayout {
  if (!Number.isInteger(lanes) || lanes < 1) throw new HlsCodegenError(`${port}: ${lanes} lanes per beat is not a positive integer`);
  const c = containerBits(elementBits);
  const usedBits = lanes * c;
  const axiBits = Math.max(8, nextPowerOfTwo(usedBits));
  if (axiBits > 1024) throw new HlsCodegenError(`${port}: ${lanes} lanes × ${c}-bit containers = ${usedBits} bits per beat, more than the 1024-bit TDATA limit (AXI DMA)`);
  return { version: STREAM_LAYOUT_VERSION, containerBits: c, axiBits, bytesPerBeat: axiBits / 8, usedBits };
}
