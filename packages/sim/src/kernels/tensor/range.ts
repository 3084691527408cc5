import { Tensor } from '@scanflow/ir';
import { requireInputs } from '../../helpers/binary-kernel';
import { outputBuffer, valueClassOf, valuesOf } from '../../helpers/numeric';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/**
 * Range (opset 11+): start, start + delta, ... up to (excluding) limit; the count is
 * max(ceil((limit - start) / delta), 0). Element i is start + i · delta, rounded once.
 */
export default defineKernel({
  domain: '',
  opType: 'Range',
  since: 11,
  create: (node) => (inputs) => {
    const ts = requireInputs(inputs, 3, node);
    const type = ts[0].elemType;
    ts.forEach((t, i) => {
      if (t.elemType !== type) throw new SimulationError(`node ${node.label}: start, limit and delta must have the same type, got ${type} and ${t.elemType}`);
      if (t.data.length !== 1) throw new SimulationError(`node ${node.label}: input ${i} must be a scalar, got shape [${t.dims.join(', ')}]`);
    });
    const cls = valueClassOf(type);
    if (cls === 'big') {
      const [start, limit, delta] = ts.map((t) => t.data[0] as bigint);
      if (delta === 0n) throw new SimulationError(`node ${node.label}: delta must not be 0`);
      const span = limit - start;
      // ceil division for either sign
      let count = span / delta;
      if (count * delta !== span && span > 0n === delta > 0n) count += 1n;
      const n = count > 0n ? Number(count) : 0;
      const out = Tensor.zeros(type, [n]);
      const d = out.data as BigInt64Array;
      for (let i = 0; i < n; i++) d[i] = start + BigInt(i) * delta;
      return [out];
    }
    if (cls !== 'float' && cls !== 'int') throw new SimulationError(`node ${node.label}: element type ${type} is not supported`);
    const [start, limit, delta] = ts.map((t) => valuesOf(t)[0] as number);
    if (delta === 0) throw new SimulationError(`node ${node.label}: delta must not be 0`);
    const n = Math.max(Math.ceil((limit - start) / delta), 0);
    if (!Number.isFinite(n)) throw new SimulationError(`node ${node.label}: cannot count the elements of Range(${start}, ${limit}, ${delta})`);
    const buf = outputBuffer(type, n);
    for (let i = 0; i < n; i++) buf.values[i] = start + i * delta;
    return [new Tensor(type, [n], buf.finish())];
  },
});
