import { attrInt } from '@scanflow/ir';
import { cppInitializer, cppIntegerLiteral, foldChannelParams } from '../../layout';
import { integerValues, paramElemType } from '../constants';
import { HlsCodegenError } from '../errors';
import { multiplierImpl, multiplierTag } from '../../implementation/multiplier-impl';
import { layerSignature } from './signature';
import type { CodegenContext, LayerCode, LayerGenerator, LayerPort } from './types';

/**
 * ElementwiseAdd / ElementwiseMul → scanflow::elementwise_<op> (b a stream),
 * elementwise_<op>_param (b a constant [C]) or elementwise_<op>_scalar (b a constant [1]).
 */
function elementwise(op: 'add' | 'mul'): LayerGenerator {
  return (ctx: CodegenContext): LayerCode => {
    const { node, graph } = ctx;
    const where = `${node.opType} ${node.label}`;
    const c = attrInt(node, 'channels');
    const pe = attrInt(node, 'pe', 1);
    if (c % pe !== 0) throw new HlsCodegenError(`${where}: channels ${c} is not divisible by pe ${pe}`);
    const a = node.inputs[0]!;
    const b = node.inputs[1]!;
    if (ctx.constant(a)) throw new HlsCodegenError(`${where}: input a must be a stream; only b may be a constant`);
    const elements = ctx.elements(a);
    if (elements % c !== 0) throw new HlsCodegenError(`${where}: input a has ${elements} elements, not whole vectors of ${c} channels`);
    const reps = elements / c;
    const repsExpr = ctx.reps(a, c);
    const seq = ctx.isSeq(a);
    const ta = ctx.elemType(a);
    const to = ctx.elemType(node.outputs[0]!);
    const inA: LayerPort = { index: 0, lanes: pe, elem: ta, elements, seq };
    const output: LayerPort = { index: 0, lanes: pe, elem: to, elements, seq };
    const bConst = ctx.constant(b);
    // products: the multiplier implementation, left implicit when Vitis HLS chooses
    const mul = node.opType === 'ElementwiseMul' ? multiplierImpl(node) : 'auto';
    const policy = mul !== 'auto' ? `, ${multiplierTag(mul)}` : '';
    const lines: string[] = [];
    let inputs: LayerPort[];
    if (!bConst) {
      const inB: LayerPort = { index: 1, lanes: pe, elem: ctx.elemType(b), elements, seq };
      inputs = [inA, inB];
      lines.push(
        `// ${node.opType}: two streams of ${c} channels, PE ${pe}, ${reps} vector(s) per call.`,
        `${layerSignature(ctx.functionName, inputs, [output], false, seq)} {`,
        `  scanflow::elementwise_${op}<${c}, ${pe}, ${ta.cpp}, ${inB.elem.cpp}, ${to.cpp}${policy} >(in0, in1, out0, ${repsExpr});`,
      );
    } else {
      inputs = [inA];
      const values = integerValues(bConst, `${where} parameter b`);
      const tp = paramElemType(graph, b, values, `${where} parameter b`);
      if (values.length === 1) {
        lines.push(
          `// ${node.opType}: stream of ${c} channels and a scalar, PE ${pe}, ${reps} vector(s) per call.`,
          `${layerSignature(ctx.functionName, inputs, [output], false, seq)} {`,
          `  static const ${tp.cpp} value = ${cppIntegerLiteral(values[0]!)};`,
          `  scanflow::elementwise_${op}_scalar<${c}, ${pe}, ${ta.cpp}, ${tp.cpp}, ${to.cpp}${policy} >(in0, out0, value, ${repsExpr});`,
        );
      } else if (values.length === c) {
        lines.push(
          `// ${node.opType}: stream of ${c} channels and a per-channel parameter, PE ${pe}, ${reps} vector(s) per call.`,
          `${layerSignature(ctx.functionName, inputs, [output], false, seq)} {`,
          `  static const ${tp.cpp} param[${pe}][${c / pe}] = ${cppInitializer(foldChannelParams(values, pe))};`,
          '  SCANFLOW_ELEMENTWISE_PARAM_PARTITION(param)',
          `  scanflow::elementwise_${op}_param<${c}, ${pe}, ${ta.cpp}, ${tp.cpp}, ${to.cpp}${policy} >(in0, out0, param, ${repsExpr});`,
        );
      } else {
        throw new HlsCodegenError(`${where}: constant b has ${values.length} elements, expected ${c} (per channel) or 1 (scalar)`);
      }
    }
    lines.push('}', '');
    return { inputs, outputs: [output], usesSeqLen: seq, definitions: [{ name: ctx.functionName, code: lines.join('\n') }] };
  };
}

export const generateElementwiseAdd: LayerGenerator = elementwise('add');
export const generateElementwiseMul: LayerGenerator = elementwise('mul');
