import { attrInt } from '@scanflow/ir';
import { HlsCodegenError } from '../errors';
import { layerSignature } from './signature';
import type { CodegenContext, LayerCode, LayerPort } from './types';

/** DuplicateStreams → scanflow::duplicate_streams (2 copies) or duplicate_streams_n (an array of N streams). */
export function generateDuplicateStreams(ctx: CodegenContext): LayerCode {
  const { node } = ctx;
  const where = `DuplicateStreams ${node.label}`;
  const c = attrInt(node, 'channels');
  const pe = attrInt(node, 'pe', 1);
  if (c % pe !== 0) throw new HlsCodegenError(`${where}: channels ${c} is not divisible by pe ${pe}`);
  const n = node.outputs.length;
  if (n < 2) throw new HlsCodegenError(`${where}: needs at least 2 outputs, has ${n}`);
  const x = node.inputs[0]!;
  const elements = ctx.elements(x);
  if (elements % pe !== 0) throw new HlsCodegenError(`${where}: ${elements} elements are not whole words of ${pe} lanes`);
  const elem = ctx.elemType(x);
  const seq = ctx.isSeq(x);
  const input: LayerPort = { index: 0, lanes: pe, elem, elements, seq };
  const outputs: LayerPort[] = node.outputs.map((_, k) => ({ index: k, lanes: pe, elem, elements, seq }));
  const words = ctx.reps(x, pe);
  const array = n > 2;
  const call = array ? `  scanflow::duplicate_streams_n<${n}>(in0, outs, ${words});` : `  scanflow::duplicate_streams(in0, out0, out1, ${words});`;
  const code = [
    `// DuplicateStreams: ${n} copies of ${elements / pe} word(s) of ${pe} x ${elem.cpp} per call${seq ? ' (at the nominal sequence length)' : ''}.`,
    `${layerSignature(ctx.functionName, [input], outputs, array, seq)} {`,
    call,
    '}',
    '',
  ].join('\n');
  return { inputs: [input], outputs, outputArray: array, usesSeqLen: seq, definitions: [{ name: ctx.functionName, code }] };
}
