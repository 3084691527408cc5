import { attrGraph, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { type ConvLstmWeights, quantConvLstm } from './quant-conv-lstm';
import { GATES } from './quant-lstm';

describe('quantConvLstm', () => {
  it('builds conv front-end → LSTM in Scan → classifier over a 100 × 40 window', () => {
    const m = quantConvLstm({ seed: 4 });
    const ops = m.graph.nodes.map((n) => n.opType);
    expect(ops.filter((o) => o === 'Conv')).toHaveLength(3);
    expect(ops.filter((o) => o === 'Relu')).toHaveLength(3);
    expect(ops.filter((o) => o === 'Scan')).toHaveLength(1);
    expect(m.graph.inputs.map((i) => [i.name, i.type])).toEqual([['X', { kind: 'tensor', elemType: 'float32', shape: [1, 1, 100, 40] }]]);
    expect(m.graph.outputs.map((o) => o.name)).toEqual(['logits']);
    const scan = m.graph.nodes.find((n) => n.opType === 'Scan')!;
    expect(attrGraph(scan, 'body').inputs.map((i) => i.type)).toEqual([
      { kind: 'tensor', elemType: 'float32', shape: [32, 1] },
      { kind: 'tensor', elemType: 'float32', shape: [32, 1] },
      { kind: 'tensor', elemType: 'float32', shape: [16, 1] },
    ]);
    // conv kernels: 1×2 stride 2 (price/volume), 1×2 stride 2 (ask/bid), 1×10 (levels)
    const convs = m.graph.nodes.filter((n) => n.opType === 'Conv');
    expect(convs.map((c) => m.graph.initializers.get(`${c.name}_W`)?.dims)).toEqual([
      [8, 1, 1, 2],
      [8, 8, 1, 2],
      [16, 8, 1, 10],
    ]);
  });

  it('refuses a feature count that is not whole LOB levels', () => {
    expect(() => quantConvLstm({ features: 42 })).toThrow(/multiple of 4/);
  });

  describe('trained weights and explicit quantisers', () => {
    // window 4, features 8 (2 levels), channels [2, 2, 3], hidden 2, 3 classes: small enough to write by hand
    const seq = (n: number, start: number, step: number) => Float32Array.from({ length: n }, (_, k) => start + k * step);
    const weights: ConvLstmWeights = {
      conv: [
        { W: seq(4, -0.5, 0.25), b: Float32Array.of(0.1, -0.1) }, // [2, 1, 1, 2]: max |w| = 0.5
        { W: seq(8, -1, 0.25), b: Float32Array.of(0, 0.2) }, // [2, 2, 1, 2]: max |w| = 1
        { W: seq(12, 0.125, 0.0625), b: Float32Array.of(0, 0, 0.3) }, // [3, 2, 1, 2]: max |w| = 0.8125
      ],
      lstm: {
        W: { f: seq(6, -0.3, 0.1), i: seq(6, 0, 0.1), o: seq(6, 0.1, 0.1), c: seq(6, -0.2, 0.05) },
        U: { f: seq(4, 0, 0.1), i: seq(4, -0.7, 0.1), o: seq(4, 0, 0.2), c: seq(4, 0.1, 0.1) },
        b: { f: Float32Array.of(1, 1), i: Float32Array.of(0, 0), o: Float32Array.of(0, 0), c: Float32Array.of(0, 0) },
      },
      head: { W: seq(6, -0.6, 0.2), b: Float32Array.of(0.5, 0, -0.5) },
    };
    const base = { window: 4, features: 8, channels: [2, 2, 3] as [number, number, number], hiddenSize: 2, weights };
    const init = (m: ReturnType<typeof quantConvLstm>, name: string) => Array.from(m.graph.initializers.get(name)!.data as Float32Array);
    const bodyInit = (m: ReturnType<typeof quantConvLstm>, name: string) => {
      const body = attrGraph(m.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
      return Array.from(body.initializers.get(name)!.data as Float32Array);
    };

    it('puts the given weights in the initializers and derives the weight scales from them', () => {
      const m = quantConvLstm({ ...base, quant: { weight: 8 } });
      expect(init(m, 'conv0_W')).toEqual(Array.from(weights.conv[0].W));
      expect(init(m, 'conv2_B')).toEqual(Array.from(weights.conv[2].b));
      expect(init(m, 'head_W')).toEqual(Array.from(weights.head.W));
      expect(init(m, 'head_B')).toEqual(Array.from(weights.head.b));
      expect(m.graph.initializers.get('conv1_W')!.dims).toEqual([2, 2, 1, 2]);
      // narrow signed 8 bits: max |w| / 127
      expect(init(m, 'conv0_W_scale')).toEqual([Math.fround(0.5 / 127)]);
      expect(init(m, 'conv1_W_scale')).toEqual([Math.fround(1 / 127)]);
      expect(init(m, 'conv2_W_scale')).toEqual([Math.fround(0.8125 / 127)]);
      expect(init(m, 'head_W_scale')).toEqual([Math.fround(Math.fround(0.6) / 127)]);
      for (const g of GATES) expect(bodyInit(m, `W_${g}`)).toEqual(Array.from(weights.lstm.W[g]));
      // gate i: max |W_i, U_i| = 0.7 (U_i[0] = -0.7)
      expect(bodyInit(m, 'W_i_scale')).toEqual([Math.fround(Math.fround(0.7) / 127)]);
    });

    it('takes a bit width or a full spec per convolution, per activation and for the classifier', () => {
      const m = quantConvLstm({
        ...base,
        quant: {
          weight: 8,
          convWeights: [4, undefined, { bits: 6, scale: 0.03125 }],
          headWeight: 5,
          activation: { bits: 6, scale: 0.0625 },
          convActivations: [undefined, 4, { bits: 3, scale: 0.5 }],
          input: { bits: 7, scale: 0.05 },
          output: { bits: 6, scale: 0.25 },
        },
      });
      expect(init(m, 'conv0_W_scale')).toEqual([Math.fround(0.5 / 7)]); // 4 bits narrow: ±7
      expect(init(m, 'conv1_W_scale')).toEqual([Math.fround(1 / 127)]); // falls back to `weight`
      expect(init(m, 'conv2_W_scale')).toEqual([0.03125]);
      expect(init(m, 'head_W_scale')).toEqual([Math.fround(Math.fround(0.6) / 15)]); // 5 bits narrow: ±15
      expect(init(m, 'conv0_act_scale')).toEqual([0.0625]);
      expect(init(m, 'conv1_act_scale')).toEqual([Math.fround(4 / 15)]); // 4 bits unsigned over [0, 4]
      expect(init(m, 'conv2_act_scale')).toEqual([0.5]);
      expect(init(m, 'input_scale')).toEqual([Math.fround(0.05)]);
      expect(init(m, 'logits_scale')).toEqual([0.25]);
      // clip bounds of the narrowed quantisers
      const ints = (name: string) => Array.from(m.graph.initializers.get(name)!.data as Int8Array | Uint8Array);
      expect([ints('conv0_W_min'), ints('conv0_W_max')]).toEqual([[-7], [7]]);
      expect([ints('conv2_act_min'), ints('conv2_act_max')]).toEqual([[0], [7]]);
      expect([ints('logits_min'), ints('logits_max')]).toEqual([[-32], [31]]);
    });

    it('refuses weights of the wrong size, naming them', () => {
      const bad = { ...weights, conv: [weights.conv[0], { W: new Float32Array(7), b: weights.conv[1].b }, weights.conv[2]] as ConvLstmWeights['conv'] };
      expect(() => quantConvLstm({ ...base, weights: bad })).toThrow('weights.conv[1].W has 7 values, expected 8 ([2, 2, 1, 2])');
      const badLstm = { ...weights, lstm: { ...weights.lstm, U: { ...weights.lstm.U, o: new Float32Array(3) } } };
      expect(() => quantConvLstm({ ...base, weights: badLstm })).toThrow('weights.lstm.U.o has 3 values, expected 4 ([2, 2])');
    });

    it('with a batch, runs the windows as the columns of the LSTM state', () => {
      const m = quantConvLstm({ ...base, batch: 5 });
      expect(m.graph.inputs[0].type).toEqual({ kind: 'tensor', elemType: 'float32', shape: [5, 1, 4, 8] });
      expect(m.graph.outputs[0].type).toEqual({ kind: 'tensor', elemType: 'float32', shape: [5, 3] });
      expect(Array.from(m.graph.initializers.get('seq_shape')!.data as BigInt64Array, Number)).toEqual([4, 3, 5]);
      expect(m.graph.initializers.get('h0')).toEqual(Tensor.zeros('float32', [2, 5]));
      const body = attrGraph(m.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
      expect(body.inputs.map((i) => i.type)).toEqual([
        { kind: 'tensor', elemType: 'float32', shape: [2, 5] },
        { kind: 'tensor', elemType: 'float32', shape: [2, 5] },
        { kind: 'tensor', elemType: 'float32', shape: [3, 5] },
      ]);
      expect(m.graph.nodes[m.graph.nodes.length - 1].opType).toBe('Transpose');
      expect(() => quantConvLstm({ ...base, batch: 0 })).toThrow(/batch \(0\)/);
    });
  });
});
