import { allocData, attrFloat, hasAttr, type Node, Tensor } from '@scanflow/ir';
import { isFloatBitsType } from '../../helpers/float-bits';
import { outputBuffer, valueClassOf, valuesOf } from '../../helpers/numeric';
import { SimulationError } from '../../errors';
import { defineKernel, type Kernel } from '../../kernel';

/**
 * y = min(max(x, lo), hi) with either bound optional: NaN passes through, and lo > hi gives hi
 * everywhere (as the spec says). Written as plain loops: Clip sits in every QCDQ cell.
 */
function clip(node: Node, x: Tensor, lo: number | bigint | undefined, hi: number | bigint | undefined): Tensor {
  const cls = valueClassOf(x.elemType);
  const n = x.data.length;
  if (cls === 'big') {
    const d = x.data as BigInt64Array;
    const out = allocData(x.elemType, n) as BigInt64Array;
    const l = lo as bigint | undefined;
    const h = hi as bigint | undefined;
    for (let k = 0; k < n; k++) {
      let v = d[k];
      if (l !== undefined && v < l) v = l;
      if (h !== undefined && v > h) v = h;
      out[k] = v;
    }
    return new Tensor(x.elemType, x.dims, out);
  }
  if (cls !== 'float' && cls !== 'int') throw new SimulationError(`node ${node.label}: element type ${x.elemType} is not supported`);
  const h = hi === undefined ? Infinity : (hi as number);
  const l = lo === undefined ? -Infinity : Math.min(lo as number, h);
  const bits = isFloatBitsType(x.elemType);
  const d = bits ? valuesOf(x) : (x.data as Float32Array);
  const buf = bits ? outputBuffer(x.elemType, n) : undefined;
  const out = buf ? buf.values : (allocData(x.elemType, n) as Float32Array);
  for (let k = 0; k < n; k++) {
    const v = d[k];
    out[k] = v < l ? l : v > h ? h : v;
  }
  return new Tensor(x.elemType, x.dims, buf ? buf.finish() : out);
}

/** Opsets 1–10: float `min` / `max` attributes (absent = no bound). */
function createClipAttr(node: Node): Kernel {
  const lo = hasAttr(node, 'min') ? Math.fround(attrFloat(node, 'min')) : undefined;
  const hi = hasAttr(node, 'max') ? Math.fround(attrFloat(node, 'max')) : undefined;
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    if (valueClassOf(x.elemType) !== 'float') throw new SimulationError(`node ${node.label}: element type ${x.elemType} is not supported before opset 12`);
    return [clip(node, x, lo, hi)];
  };
}

function bound(t: Tensor | undefined, x: Tensor, node: Node, which: string): number | bigint | undefined {
  if (!t) return undefined;
  if (t.elemType !== x.elemType) throw new SimulationError(`node ${node.label}: '${which}' must have the input's type ${x.elemType}, got ${t.elemType}`);
  if (t.data.length !== 1) throw new SimulationError(`node ${node.label}: '${which}' must be a scalar, got shape [${t.dims.join(', ')}]`);
  return valuesOf(t)[0] as number | bigint;
}

/** Opsets 11+: optional scalar `min` / `max` inputs of the input's type (integer types from 12). */
function createClipInputs(node: Node): Kernel {
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    return [clip(node, x, bound(inputs[1], x, node, 'min'), bound(inputs[2], x, node, 'max'))];
  };
}

/** Clip: attributes before opset 11, optional inputs from 11. */
export default [
  defineKernel({ domain: '', opType: 'Clip', since: 1, create: (node) => createClipAttr(node) }),
  defineKernel({ domain: '', opType: 'Clip', since: 11, create: (node) => createClipInputs(node) }),
];
