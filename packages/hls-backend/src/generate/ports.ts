/** One AXI-Stream port of the generated top function. */
export interface HlsPort {
  /** The C++ argument name of the top function (sanitised; never the raw model name). */
  readonly name: string;
  /** The model value the port carries. */
  readonly value: string;
  readonly direction: 'in' | 'out';
  readonly shape: readonly number[];
  /** QONNX datatype name of the elements (INT8, UINT4, ...). */
  readonly datatype: string;
  /** C++ element type (ap_int<8>, ...). */
  readonly elementType: string;
  readonly elementBits: number;
  readonly signed: boolean;
  /** Elements per call, in stream (row-major) order. */
  readonly elements: number;
  /** Elements per beat (element 0 in the lowest bits). */
  readonly lanes: number;
  /** Data bits used per beat (lanes × element bits). */
  readonly wordBits: number;
  /** TDATA width: wordBits rounded up to a multiple of 8. */
  readonly axiBits: number;
  /** Beats per call; TLAST is set on the last output beat. */
  readonly beats: number;
}

/** Smallest multiple of 8 holding `bits` (axis.hpp, axis_padded_width). */
export function axiWidth(bits: number): number {
  return Math.ceil(bits / 8) * 8;
}
