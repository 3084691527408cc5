import { HlsCodegenError } from '../codegen/errors';

/**
 * One AXI-Stream port of the generated top function, in port layout 2 (axis.hpp): `lanes` elements
 * per beat, each in a byte-aligned `containerBits` slot (sign-extended when signed), element k at
 * bits [k·containerBits, (k+1)·containerBits), TDATA `axiBits` = a power of two from 8 to 1024
 * (what AXI DMA accepts), padding zero, TLAST on the last beat of every output transfer.
 */
export interface HlsPort {
  /** The C++ argument name of the top function (sanitised; never the raw model name). */
  readonly name: string;
  /** The model value the port carries. */
  readonly value: string;
  readonly direction: 'in' | 'out';
  /** Shape at the nominal sequence length. */
  readonly shape: readonly number[];
  /** QONNX datatype name of the elements (INT8, UINT4, ...). */
  readonly datatype: string;
  /** C++ element type (ap_int<8>, ...). */
  readonly elementType: string;
  readonly elementBits: number;
  readonly signed: boolean;
  /** Elements per call at the nominal sequence length, in stream (row-major) order. */
  readonly elements: number;
  /** Elements per beat (element 0 in the lowest bits). */
  readonly lanes: number;
  /** Bits of one element's slot: 8, 16, 32 or 64. */
  readonly containerBits: number;
  /** Data bits used per beat (lanes × containerBits). */
  readonly wordBits: number;
  /** TDATA width: the smallest power of two ≥ wordBits, at least 8. */
  readonly axiBits: number;
  /** Beats per call at the nominal sequence length; TLAST is set on the last output beat. */
  readonly beats: number;
  /** For a port whose length grows with the run-time sequence length: its elements and beats per step. */
  readonly sequence?: { readonly elementsPerStep: number; readonly beatsPerStep: number };
}

/** Widest TDATA the generated ports use (AXI DMA's limit). */
export const MAX_AXI_BITS = 1024;

/** The element slot: the smallest of 8, 16, 32, 64 bits holding `bits`. */
export function containerBits(bits: number, what: string): number {
  for (const c of [8, 16, 32, 64]) if (bits <= c) return c;
  throw new HlsCodegenError(`${what}: ${bits}-bit elements do not fit a 64-bit slot of an AXI-Stream port`);
}

/** The smallest power of two holding `bits`, at least 8 (axis.hpp, axis_dma_width). */
export function axiWidth(bits: number): number {
  let w = 8;
  while (w < bits) w *= 2;
  return w;
}

/** Lanes of a port whose kernel stream has `kernelLanes` lanes: the largest divisor of it whose slots fit 1024 bits. */
export function portLanes(kernelLanes: number, container: number): number {
  for (let l = Math.min(kernelLanes, Math.floor(MAX_AXI_BITS / container)); l >= 1; l--) if (kernelLanes % l === 0) return l;
  return 1;
}
