import { streamType } from '../cpp-types';
import type { LayerPort } from './types';

/** Parameter name of input stream k of a layer function. */
export const inputParam = (k: number): string => `in${k}`;
/** Parameter name of output stream k of a layer function. */
export const outputParam = (k: number): string => `out${k}`;
/** Parameter name of the output stream array (DuplicateStreams with N > 2). */
export const OUTPUT_ARRAY_PARAM = 'outs';

/** `static void name(hls::stream<..>& in0, ..., hls::stream<..>& out0, ...)` */
export function layerSignature(name: string, inputs: readonly LayerPort[], outputs: readonly LayerPort[], outputArray = false, seqLen = false): string {
  const params = inputs.map((p, k) => `${streamType(p.lanes, p.elem)}& ${inputParam(k)}`);
  if (outputArray) {
    const o = outputs[0]!;
    params.push(`${streamType(o.lanes, o.elem)} ${OUTPUT_ARRAY_PARAM}[${outputs.length}]`);
  } else {
    outputs.forEach((p, k) => params.push(`${streamType(p.lanes, p.elem)}& ${outputParam(k)}`));
  }
  if (seqLen) params.push('unsigned seq_len');
  return `static void ${name}(${params.join(', ')})`;
}
