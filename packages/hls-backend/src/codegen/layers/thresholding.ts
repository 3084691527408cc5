import { attrInt } from '@scanflow/ir';
import { cppInitializer, foldThresholds } from '../../layout';
import { integerValues, paramElemType, requireInitializer, rowsOf } from '../constants';
import { HlsCodegenError } from '../errors';
import { thresholdMethod, thresholdMethodTag } from '../../implementation/threshold-method';
import { layerSignature } from './signature';
import type { CodegenContext, LayerCode, LayerPort } from './types';

/** Thresholding → scanflow::thresholding (per channel) or scanflow::thresholding_shared (one row). */
export function generateThresholding(ctx: CodegenContext): LayerCode {
  const { node, graph } = ctx;
  const where = `Thresholding ${node.label}`;
  const c = attrInt(node, 'channels');
  const pe = attrInt(node, 'pe', 1);
  const outBias = attrInt(node, 'out_bias', 0);
  if (c % pe !== 0) throw new HlsCodegenError(`${where}: channels ${c} is not divisible by pe ${pe}`);
  const x = node.inputs[0]!;
  const elements = ctx.elements(x);
  if (elements % c !== 0) throw new HlsCodegenError(`${where}: input has ${elements} elements, not whole vectors of ${c} channels`);
  const reps = elements / c;
  const repsExpr = ctx.reps(x, c);
  const seq = ctx.isSeq(x);
  const ti = ctx.elemType(x);
  const to = ctx.elemType(node.outputs[0]!);
  const tName = node.inputs[1]!;
  const t = requireInitializer(graph, tName, `${where}: thresholds (input 1)`);
  if (t.rank !== 2 || (t.dims[0] !== 1 && t.dims[0] !== c) || t.dims[1]! < 1) {
    throw new HlsCodegenError(`${where}: thresholds have shape [${t.dims.join(', ')}], expected [${c} or 1, steps >= 1]`);
  }
  const nt = t.dims[1]!;
  const values = integerValues(t, `${where} thresholds`);
  const tt = paramElemType(graph, tName, values, `${where} thresholds`);
  const input: LayerPort = { index: 0, lanes: pe, elem: ti, elements, seq };
  const output: LayerPort = { index: 0, lanes: pe, elem: to, elements, seq };
  const shared = t.dims[0] === 1;
  const method = thresholdMethod(node, values, nt, false);
  const policy = method !== 'compare-all' ? `, ${thresholdMethodTag(method)}` : '';
  const lines = [
    `// Thresholding: ${c} channels, ${nt} ${shared ? 'shared thresholds' : 'thresholds per channel'}, PE ${pe}, ${reps} vector(s) per call.`,
    `${layerSignature(ctx.functionName, [input], [output], false, seq)} {`,
  ];
  if (shared) {
    lines.push(
      `  static const ${tt.cpp} thresholds[${nt}] = ${cppInitializer(values)};`,
      '  SCANFLOW_SHARED_THRESHOLDS_PARTITION(thresholds)',
      `  scanflow::thresholding_shared<${c}, ${pe}, ${nt}, ${outBias}, ${ti.cpp}, ${tt.cpp}, ${to.cpp}${policy} >(in0, out0, thresholds, ${repsExpr});`,
    );
  } else {
    lines.push(
      `  static const ${tt.cpp} thresholds[${pe}][${c / pe}][${nt}] = ${cppInitializer(foldThresholds(rowsOf(values, c, nt), pe))};`,
      '  SCANFLOW_THRESHOLDS_PARTITION(thresholds)',
      `  scanflow::thresholding<${c}, ${pe}, ${nt}, ${outBias}, ${ti.cpp}, ${tt.cpp}, ${to.cpp}${policy} >(in0, out0, thresholds, ${repsExpr});`,
    );
  }
  lines.push('}', '');
  return { inputs: [input], outputs: [output], usesSeqLen: seq, definitions: [{ name: ctx.functionName, code: lines.join('\n') }] };
}
