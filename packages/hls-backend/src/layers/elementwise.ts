import { attrInt } from '@scanflow/ir';
import { generateElementwiseAdd, generateElementwiseMul } from '../codegen/layers/elementwise';
import { estimateElementwiseLayer } from '../estimate/layers/elementwise';
import type { HwLayerDefinition } from '../hw-layer';
import { HW_LAYER_DOMAIN } from './domain';

/** b is a second stream unless it is a constant (a per-channel or scalar parameter). */
const streams = (node: { inputs: readonly string[] }, isConstant: (v: string) => boolean): number[] => (isConstant(node.inputs[1] ?? '') ? [0] : [0, 1]);

/** ElementwiseAdd: a + b on PE channels per cycle. */
export const elementwiseAddLayer: HwLayerDefinition = {
  domain: HW_LAYER_DOMAIN,
  opType: 'ElementwiseAdd',
  estimate: estimateElementwiseLayer,
  codegen: generateElementwiseAdd,
  functionPrefix: 'add',
  step: 'add',
  dataInputs: streams,
  folding: { pe: (node) => attrInt(node, 'channels') },
};

/** ElementwiseMul: a · b on PE channels per cycle, the products in LUTs or DSPs. */
export const elementwiseMulLayer: HwLayerDefinition = {
  domain: HW_LAYER_DOMAIN,
  opType: 'ElementwiseMul',
  estimate: estimateElementwiseLayer,
  codegen: generateElementwiseMul,
  functionPrefix: 'mul',
  step: 'mul',
  dataInputs: streams,
  folding: { pe: (node) => attrInt(node, 'channels') },
  multiplies: () => true,
};
