import { attrInt, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { defineKernel, type KernelDefinition } from '../kernel';
import { valueClassOf, valuesOf } from './numeric';

/**
 * ArgMax / ArgMin: int64 indices of the extreme value along `axis` (default 0), keepdims (default 1),
 * select_last_index (opset 12+) for ties. `better(x, best)` says x strictly beats the current best;
 * NaN never beats anything and the first element starts as the best.
 */
export function argReduceKernel(opType: string, better: (x: any, best: any) => boolean): KernelDefinition {
  return defineKernel({
    domain: '',
    opType,
    create: (node) => {
      const axisAttr = attrInt(node, 'axis', 0);
      const keepdims = attrInt(node, 'keepdims', 1) !== 0;
      const last = attrInt(node, 'select_last_index', 0) !== 0;
      return (inputs) => {
        const x = inputs[0];
        if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
        const cls = valueClassOf(x.elemType);
        if (cls !== 'float' && cls !== 'int' && cls !== 'big' && cls !== 'bool') throw new SimulationError(`node ${node.label}: element type ${x.elemType} is not supported`);
        const r = x.rank;
        const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
        if (axis < 0 || axis >= Math.max(r, 1)) throw new SimulationError(`node ${node.label}: axis ${axisAttr} is out of range for rank ${r}`);
        const dims = r === 0 ? [1] : x.dims;
        const dim = dims[axis];
        if (dim === 0) throw new SimulationError(`node ${node.label}: cannot take ${opType} over the empty axis ${axis} of [${x.dims.join(', ')}]`);
        const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
        const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
        const v = valuesOf(x);
        const out = new BigInt64Array(outer * inner);
        for (let o = 0; o < outer; o++) {
          for (let i = 0; i < inner; i++) {
            const base = o * dim * inner + i;
            let best = v[base];
            let at = 0;
            for (let j = 1; j < dim; j++) {
              const y = v[base + j * inner];
              if (better(y, best) || (last && y === best)) {
                best = y;
                at = j;
              }
            }
            out[o * inner + i] = BigInt(at);
          }
        }
        const outDims = r === 0 ? [] : keepdims ? dims.map((d, a) => (a === axis ? 1 : d)) : dims.filter((_, a) => a !== axis);
        return [new Tensor('int64', outDims, out)];
      };
    },
  });
}
