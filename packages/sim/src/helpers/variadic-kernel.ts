import { allocData, type Node, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { defineKernel, type KernelDefinition } from '../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from './broadcast';
import { pickFn } from './binary-kernel';
import { outputBuffer, valueClassOf, valuesOf } from './numeric';

export interface VariadicSpec {
  opType: string;
  /** Folds one more operand into the accumulator, per value class (floats accumulate in double). */
  float?: (acc: number, x: number) => number;
  int?: (acc: number, x: number) => number;
  big?: (acc: bigint, x: bigint) => bigint;
  /** Applied to each accumulated float value at the end, given the operand count (Mean divides). */
  finish?: (acc: number, count: number) => number;
}

/**
 * Max / Min / Sum / Mean over any number of inputs with numpy broadcasting. The whole fold runs in
 * double (or bigint) precision and is rounded once into the output type.
 */
export function variadicKernel(spec: VariadicSpec): KernelDefinition {
  return defineKernel({
    domain: '',
    opType: spec.opType,
    create: (node: Node) => (inputs) => {
      if (inputs.length === 0) throw new SimulationError(`node ${node.label}: needs at least one input`);
      const ts = inputs.map((t, i) => {
        if (!t) throw new SimulationError(`node ${node.label}: input ${i} is missing`);
        return t;
      });
      const type = ts[0].elemType;
      for (const t of ts) {
        if (t.elemType !== type) throw new SimulationError(`node ${node.label}: all inputs must have the same element type, got ${type} and ${t.elemType}`);
      }
      const f = pickFn<(a: any, x: any) => any>(spec, type, node.label);
      const cls = valueClassOf(type);
      const shape = ts.length === 1 ? [...ts[0].dims] : broadcastShapes(ts.map((t) => t.dims), `node ${node.label}`);
      const n = sizeOf(shape);
      // int64 / uint64 fold into their own container (exact); everything else into doubles
      const acc: any = cls === 'big' ? allocData(type, n) : new Float64Array(n);
      ts.forEach((t, i) => {
        const v = valuesOf(t);
        const idx = sizeOf(t.dims) === n ? undefined : broadcastIndex(t.dims, shape);
        if (i === 0) {
          for (let k = 0; k < n; k++) acc[k] = v[idx ? idx[k] : k];
        } else if (idx) {
          for (let k = 0; k < n; k++) acc[k] = f(acc[k], v[idx[k]]);
        } else {
          for (let k = 0; k < n; k++) acc[k] = f(acc[k], v[k]);
        }
      });
      if (cls === 'big') return [new Tensor(type, shape, acc)];
      const buf = outputBuffer(type, n);
      const out = buf.values;
      const fin = spec.finish;
      const count = ts.length;
      if (fin) for (let k = 0; k < n; k++) out[k] = fin(acc[k], count);
      else for (let k = 0; k < n; k++) out[k] = acc[k];
      return [new Tensor(type, shape, buf.finish())];
    },
  });
}
