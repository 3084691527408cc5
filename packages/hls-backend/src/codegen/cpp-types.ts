import { type DataType, smallestIntTypeForRange } from '@scanflow/ir';
import { HlsCodegenError } from './errors';

/** The C++ element type of an integer value: `ap_int<n>` or `ap_uint<n>`. */
export interface ElemType {
  /** Element width in bits. */
  readonly bits: number;
  readonly signed: boolean;
  /** `ap_int<8>`, `ap_uint<6>`. */
  readonly cpp: string;
  /** The QONNX datatype whose values the C++ type holds. */
  readonly datatype: DataType;
}

/** The C++ element type for a QONNX integer datatype (INTn → ap_int<n>, UINTn / BINARY → ap_uint<n>, TERNARY → ap_int<2>). */
export function elemTypeOf(dt: DataType, what: string): ElemType {
  switch (dt.kind) {
    case 'INT':
    case 'TERNARY':
      return { bits: dt.bitWidth, signed: true, cpp: `ap_int<${dt.bitWidth}>`, datatype: dt };
    case 'UINT':
      return { bits: dt.bitWidth, signed: false, cpp: `ap_uint<${dt.bitWidth}>`, datatype: dt };
    default:
      throw new HlsCodegenError(`${what} has datatype ${dt.name}; the HLS kernels take INTn / UINTn / BINARY / TERNARY values only`);
  }
}

/** The smallest ap_int / ap_uint type holding every value in [lo, hi]. */
export function elemTypeForRange(lo: number, hi: number, what: string): ElemType {
  return elemTypeOf(smallestIntTypeForRange(lo, hi), what);
}

/** The packed stream word type for `lanes` elements. */
export function wordType(lanes: number, elem: ElemType): string {
  return `ap_uint<${lanes * elem.bits}>`;
}

/** `hls::stream<ap_uint<W> >` for `lanes` elements per word. */
export function streamType(lanes: number, elem: ElemType): string {
  return `hls::stream<${wordType(lanes, elem)} >`;
}

/** Whether every value of `from` is a value of `to` (no information lost by converting). */
export function elemFits(from: ElemType, to: ElemType): boolean {
  return to.datatype.minInt <= from.datatype.minInt && to.datatype.maxInt >= from.datatype.maxInt;
}
