import { attrInt, attrString, parseDataType } from '@scanflow/ir';
import { cppInitializer, foldMvauWeights, foldThresholds } from '../../layout';
import { elemTypeOf } from '../cpp-types';
import { integerValues, paramElemType, requireInitializer, rowsOf } from '../constants';
import { HlsCodegenError } from '../errors';
import { multiplierImpl, multiplierTag } from '../../implementation/multiplier-impl';
import { thresholdMethod, thresholdMethodTag } from '../../implementation/threshold-method';
import { layerSignature } from './signature';
import type { CodegenContext, LayerCode, LayerPort } from './types';

/** MVAU → scanflow::mvau (no thresholds) or scanflow::mvau_thresholds, weights and thresholds as static const memories. */
export function generateMvau(ctx: CodegenContext): LayerCode {
  const { node, graph } = ctx;
  const where = `MVAU ${node.label}`;
  const mw = attrInt(node, 'mw');
  const mh = attrInt(node, 'mh');
  const pe = attrInt(node, 'pe', 1);
  const simd = attrInt(node, 'simd', 1);
  const outBias = attrInt(node, 'out_bias', 0);
  if (mw % simd !== 0 || mh % pe !== 0) throw new HlsCodegenError(`${where}: mw ${mw} / simd ${simd} or mh ${mh} / pe ${pe} do not divide`);
  const acc = elemTypeOf(parseDataType(attrString(node, 'acc_dtype')), `${where} acc_dtype`);
  const x = node.inputs[0]!;
  const y = node.outputs[0]!;
  const elements = ctx.elements(x);
  if (elements % mw !== 0) throw new HlsCodegenError(`${where}: input has ${elements} elements, not whole vectors of mw = ${mw}`);
  const reps = elements / mw;
  const repsExpr = ctx.reps(x, mw);
  const seq = ctx.isSeq(x);
  const ti = ctx.elemType(x);
  const to = ctx.elemType(y);

  const wName = node.inputs[1]!;
  const wValues = integerValues(requireInitializer(graph, wName, `${where}: weights (input 1)`), `${where} weights`);
  if (wValues.length !== mh * mw) throw new HlsCodegenError(`${where}: weights have ${wValues.length} elements, expected ${mh} x ${mw}`);
  const tw = paramElemType(graph, wName, wValues, `${where} weights`);
  const weights = foldMvauWeights(rowsOf(wValues, mh, mw), { mw, mh, simd, pe });
  const tiles = (mh / pe) * (mw / simd);
  const mul = multiplierImpl(node);

  const input: LayerPort = { index: 0, lanes: simd, elem: ti, elements, seq };
  const output: LayerPort = { index: 0, lanes: pe, elem: to, elements: reps * mh, seq };
  const lines = [
    `// MVAU: ${mh} x ${mw} weights, SIMD ${simd}, PE ${pe}, ${reps} vector(s) per call.`,
    `${layerSignature(ctx.functionName, [input], [output], false, seq)} {`,
    `  static const ${tw.cpp} weights[${pe}][${tiles}][${simd}] = ${cppInitializer(weights)};`,
    '  SCANFLOW_MVAU_WEIGHTS_PARTITION(weights)',
  ];
  const tName = node.inputs[2];
  if (tName) {
    const t = requireInitializer(graph, tName, `${where}: thresholds (input 2)`);
    if (t.rank !== 2 || (t.dims[0] !== 1 && t.dims[0] !== mh) || t.dims[1]! < 1) {
      throw new HlsCodegenError(`${where}: thresholds have shape [${t.dims.join(', ')}], expected [${mh} or 1, steps >= 1]`);
    }
    const nt = t.dims[1]!;
    const tValues = integerValues(t, `${where} thresholds`);
    const rows = t.dims[0] === 1 ? Array.from({ length: mh }, () => tValues.slice(0, nt)) : rowsOf(tValues, mh, nt);
    const tt = paramElemType(graph, tName, tValues, `${where} thresholds`);
    const method = thresholdMethod(node, tValues, nt, false);
    // the kernel's defaults (mul_auto, compare-all) are left implicit
    const policies = mul !== 'auto' || method !== 'compare-all' ? `, ${multiplierTag(mul)}, ${thresholdMethodTag(method)}` : '';
    lines.push(
      `  static const ${tt.cpp} thresholds[${pe}][${mh / pe}][${nt}] = ${cppInitializer(foldThresholds(rows, pe))};`,
      '  SCANFLOW_MVAU_THRESHOLDS_PARTITION(thresholds)',
      `  scanflow::mvau_thresholds<${mw}, ${mh}, ${simd}, ${pe}, ${nt}, ${outBias}, ${ti.cpp}, ${tw.cpp}, ${acc.cpp}, ${tt.cpp}, ${to.cpp}${policies} >(in0, out0, weights, thresholds, ${repsExpr});`,
    );
  } else {
    lines.push(`  scanflow::mvau<${mw}, ${mh}, ${simd}, ${pe}, ${ti.cpp}, ${tw.cpp}, ${acc.cpp}, ${to.cpp}${mul !== 'auto' ? `, ${multiplierTag(mul)}` : ''} >(in0, out0, weights, ${repsExpr});`);
  }
  lines.push('}', '');
  return { inputs: [input], outputs: [output], usesSeqLen: seq, definitions: [{ name: ctx.functionName, code: lines.join('\n') }] };
}
