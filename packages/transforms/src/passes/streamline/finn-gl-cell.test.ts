import { quantLstm } from '@scanflow/builders';
import { attrFloat, type Graph, type Node } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { FINN_GL, opCounts, qonnxStage, scanBody, streamlinedStage } from './streamline.test-support';

/**
 * The streamlined FINN-GL cell (10 → 20, W8A6) node by node, against the author's streamlined graph
 * (reference-finn-gl-lstm.md §3.3): 8 integer MatMuls, 4 Adds W·x + U·h, per-channel MultiThresholds
 * requantising the gate accumulators (bias absorbed), threshold MultiThresholds for sigmoid / tanh,
 * Mul f⊙c, i⊙g, o⊙tanh(c), Add for c — and scalar float Muls only outside the Scan.
 * docs/streamlined-finn-gl-cell.md explains every difference from the author's graph.
 */

const qonnx = qonnxStage(quantLstm({ inputSize: 10, hiddenSize: 20, seed: 5, quant: FINN_GL }));
const result = streamlinedStage(qonnx);
const main = result.model.graph;
const body = scanBody(main);

function producer(g: Graph, name: string): Node | undefined {
  return g.nodes.find((n) => n.outputs.includes(name));
}
function readers(g: Graph, name: string): Node[] {
  return g.nodes.filter((n) => n.inputs.includes(name));
}
function dt(g: Graph, name: string): string | undefined {
  return g.getDataType(name)?.name;
}
function thresholds(g: Graph, mt: Node): number[] {
  return [...g.initializers.get(mt.inputs[1])!.dims];
}
function mtRange(g: Graph, mt: Node): [number, number] {
  const b = attrFloat(mt, 'out_bias', 0);
  return [b, b + thresholds(g, mt)[1]];
}

describe('the streamlined FINN-GL cell (10 → 20, W8A6)', () => {
  it('holds only integer MatMul, Add, Mul and MultiThreshold in the Scan body', () => {
    expect(opCounts(body)).toEqual({ MultiThreshold: 15, MatMul: 8, Add: 5, Mul: 3 });
    // no float constant is multiplied or added inside the loop
    for (const n of body.nodes.filter((x) => x.opType === 'Mul' || x.opType === 'Add')) expect(n.inputs.every((i) => !body.initializers.has(i))).toBe(true);
    // the states are integer streams
    expect(body.inputs.map((i) => dt(body, i.name))).toEqual(['INT8', 'INT7', undefined]);
  });

  it('gates: W·x + U·h with INT8 weights first, a per-channel MultiThreshold (bias absorbed), then sigmoid / tanh as a threshold table', () => {
    const gates = body.nodes.filter((n) => n.opType === 'Add' && n.inputs.every((i) => producer(body, i)?.opType === 'MatMul'));
    expect(gates.length).toBe(4);
    for (const add of gates) {
      const [wx, uh] = add.inputs.map((i) => producer(body, i)!);
      for (const [mm, cols] of [
        [wx, 10],
        [uh, 20],
      ] as const) {
        const w = body.initializers.get(mm.inputs[0])!;
        expect(w.dims).toEqual([20, cols]);
        expect(dt(body, mm.inputs[0])).toBe('INT8');
        expect(Array.from(w.data as Float32Array).every((v) => Number.isInteger(v) && Math.abs(v) <= 127)).toBe(true);
      }
      expect(wx.inputs[1]).toBe(producer(body, wx.inputs[1])?.outputs[0]);
      expect(producer(body, wx.inputs[1])!.inputs[0]).toBe('inp');
      expect(uh.inputs[1]).toBe(body.inputs[0].name);
      const [acc] = readers(body, add.outputs[0]);
      expect(acc.opType).toBe('MultiThreshold');
      expect(thresholds(body, acc)[0]).toBe(20);
      expect(thresholds(body, acc)[1]).toBeLessThanOrEqual(63);
      expect(dt(body, acc.outputs[0])).toBe('INT6');
      expect(dt(body, add.outputs[0])).toMatch(/^INT(1[89]|20)$/);
      const [act] = readers(body, acc.outputs[0]);
      expect(act.opType).toBe('MultiThreshold');
      expect(thresholds(body, act)[0]).toBe(1);
      expect(Array.from(body.initializers.get(act.inputs[1])!.data as Float32Array).every(Number.isInteger)).toBe(true);
    }
    const kinds = gates.map((a) => dt(body, readers(body, readers(body, a.outputs[0])[0].outputs[0])[0].outputs[0]));
    expect(kinds.sort()).toEqual(['INT6', 'UINT6', 'UINT6', 'UINT6']);
  });

  it('cell and hidden state: Mul f⊙c, i⊙g → MultiThresholds → Add c; c → MT → tanh MT → Mul with o → MT h (twice: state and output)', () => {
    const muls = body.nodes.filter((n) => n.opType === 'Mul');
    const fc = muls.find((m) => m.inputs.includes(body.inputs[1].name))!;
    expect(fc).toBeDefined();
    const cAdd = producer(body, body.outputs[1].name)!;
    expect(cAdd.opType).toBe('Add');
    expect(dt(body, cAdd.outputs[0])).toBe('INT7');
    const [qfc, qig] = cAdd.inputs.map((i) => producer(body, i)!);
    expect([qfc.opType, qig.opType]).toEqual(['MultiThreshold', 'MultiThreshold']);
    expect(qfc.inputs[0]).toBe(fc.outputs[0]);
    const ig = producer(body, qig.inputs[0])!;
    expect(ig.opType).toBe('Mul');
    const cq = readers(body, cAdd.outputs[0]).find((n) => n.opType === 'MultiThreshold')!;
    expect(mtRange(body, cq)).toEqual([-32, 31]);
    const [tanh] = readers(body, cq.outputs[0]);
    expect(tanh.opType).toBe('MultiThreshold');
    const [oh] = readers(body, tanh.outputs[0]);
    expect(oh.opType).toBe('Mul');
    const hs = readers(body, oh.outputs[0]);
    expect(hs.map((n) => n.opType)).toEqual(['MultiThreshold', 'MultiThreshold']);
    expect(hs.map((n) => n.outputs[0]).sort()).toEqual([body.outputs[0].name, body.outputs[2].name].sort());
  });

  it('moves the scales outside the loop: quantisers for h0, c0 before it, scalar Muls after it', () => {
    const ops = main.nodes.map((n) => n.opType);
    // 4 MultiThresholds: the builder's own h0 / c0 quantisers (hardware semantics), and the
    // state-grid quantisers integerize-scan-state puts at the loop edge (idempotent on those values;
    // merging the two is a later clean-up).
    expect(opCounts(main)).toEqual({ Reshape: 6, MultiThreshold: 4, Scan: 1, Mul: 3 });
    const scan = main.nodes.find((n) => n.opType === 'Scan')!;
    expect(scan.inputs.slice(0, 2).map((i) => producer(main, i)?.opType)).toEqual(['MultiThreshold', 'MultiThreshold']);
    expect(main.nodes.filter((n) => n.opType === 'Mul').every((m) => ops.indexOf('Scan') < main.nodes.indexOf(m) && main.initializers.get(m.inputs[1])!.size === 1)).toBe(true);
  });

  it('prints the body node by node', () => {
    const rows = body.nodes.map((n) => {
      const t = n.opType === 'MultiThreshold' ? ` T[${thresholds(body, n).join('×')}] out_bias ${attrFloat(n, 'out_bias', 0)}` : '';
      const w = n.opType === 'MatMul' ? ` W[${body.initializers.get(n.inputs[0])!.dims.join('×')}] ${dt(body, n.inputs[0])}` : '';
      return `| ${n.opType} | ${n.inputs.filter((i) => !body.initializers.has(i)).join(', ')} | ${n.outputs[0]} | ${dt(body, n.outputs[0]) ?? 'FLOAT32'} |${w}${t}`;
    });
    console.info(['| op | dynamic inputs | output | datatype | parameters', ...rows].join('\n'));
    expect(rows.length).toBe(31);
  });
});
