import { attr, DataType, GraphBuilder, HW_DOMAIN, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { generateHlsProject } from '../project';
import { zcu104 } from '../testing/csim-case.test-support';
import { chainModel, hostileNames, lstmModel } from '../testing/models.test-support';

/**
 * A hardware-stage model with a host side, worked by hand:
 *   X float [3, 4] → Reshape [3, 1, 4] → MultiThreshold (INT4, shared thresholds (k − 7.5)·0.5, out_bias −8) → x_int
 *   accel: x_int → Reshape [3, 4] → MVAU (4 → 2, INT4 weights, acc INT10) → acc [3, 2]
 *   host: acc → Reshape [6] → Mul 0.25 → Add [1.5] → Y [6]
 */
function hostModel(thresholds = Array.from({ length: 15 }, (_, k) => (k - 7.5) * 0.5)) {
  const b = new GraphBuilder('host_model');
  const x = b.input('X', 'float32', [3, 4]);
  const s1 = b.initializer('s1', Tensor.int64([3], [3, 1, 4]));
  const xr = b.op('Reshape', [x, s1], {}, { name: 'to_nc', outputs: ['X_nc'] });
  const t = b.initializer('thr', Tensor.float32([1, thresholds.length], thresholds));
  const q = b.op('MultiThreshold', [xr, t], { out_dtype: 'INT4', out_bias: attr.float(-8) }, { domain: QONNX_DOMAIN, name: 'quant_x', outputs: ['x_int'] });
  b.graph.setDataType(q, DataType.int(4));
  const s2 = b.initializer('s2', Tensor.int64([2], [3, 4]));
  const qv = b.op('Reshape', [q, s2], {}, { name: 'x_view', outputs: ['x_v'] });
  b.graph.setDataType(qv, DataType.int(4));
  const w = b.initializer('W', Tensor.float32([2, 4], [1, -2, 3, 0, 0, 1, 1, -1]), DataType.int(4));
  const acc = b.op('MVAU', [qv, w], { mw: 4, mh: 2, acc_dtype: 'INT10' }, { domain: HW_DOMAIN, name: 'mvau', outputs: ['acc'] });
  b.graph.setDataType(acc, DataType.int(10));
  const s3 = b.initializer('s3', Tensor.int64([1], [6]));
  const flat = b.op('Reshape', [acc, s3], {}, { name: 'flat', outputs: ['acc_flat'] });
  const sc = b.initializer('scale', Tensor.float32([], [0.25]));
  const m = b.op('Mul', [flat, sc], {}, { name: 'scale_y', outputs: ['y_scaled'] });
  const bias = b.initializer('bias', Tensor.float32([1], [1.5]));
  const y = b.op('Add', [m, bias], {}, { name: 'bias_y', outputs: ['Y'] });
  b.output(y, 'float32', [6]);
  return b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1, [QONNX_DOMAIN]: 1 } });
}

describe('interface.json', () => {
  it('describes ports, the host quantiser and the de-quantisation (hand-worked)', () => {
    const p = generateHlsProject(hostModel(), { board: zcu104, topName: 'acc' });
    const iface = JSON.parse(p.files.get('interface.json')!);
    expect(iface).toMatchObject({ format: 'scanflow-interface', version: 1, top: 'acc', part: 'xczu7ev-ffvc1156-2-e', clockPeriodNs: 5 });
    expect(iface.control).toEqual({ bus: 's_axi_control', protocol: 'ap_ctrl_hs', apCtrlOffset: 0, seqLen: null });
    expect(iface.graph).toEqual({ inputs: [{ name: 'X', shape: [3, 4] }], outputs: [{ name: 'Y', shape: [6] }] });
    const [pin] = iface.ports.inputs;
    // INT4, one lane: 8-bit containers, TDATA 8 bits, 12 beats of 1 byte
    expect(pin).toMatchObject({ name: 'in_x_int', direction: 'in', shape: [3, 1, 4], datatype: 'INT4', elementBits: 4, signed: true, elements: 12, lanes: 1, beats: 12, containerBits: 8, axiBits: 8, bytesPerBeat: 1, transferBytes: 12, tlast: 'ignored' });
    expect(pin.sequence).toBeUndefined();
    expect(pin.host.supported).toBe(true);
    expect(pin.host.graphInput).toBe(0);
    expect(pin.host.steps.map((s: { op: string }) => s.op)).toEqual(['Reshape', 'MultiThreshold']);
    expect(pin.host.steps[1]).toMatchObject({ node: 'quant_x', inputShape: [3, 1, 4], channelAxis: 1, outBias: -8, outScale: 1 });
    expect(pin.host.quantiser).toEqual({ kind: 'uniform', scale: [0.5], zeroPoint: 0, bits: 4, signed: true, narrow: false, rounding: 'ROUND' });
    const [pout] = iface.ports.outputs;
    // INT10, one lane: 16-bit containers, TDATA 16 bits, 6 beats of 2 bytes
    expect(pout).toMatchObject({ name: 'out_acc', direction: 'out', datatype: 'INT10', containerBits: 16, axiBits: 16, bytesPerBeat: 2, beats: 6, transferBytes: 12, tlast: 'last-beat' });
    expect(pout.host).toMatchObject({ supported: true, graphOutput: 0, dequantiser: { scale: [0.25], zeroPoint: [0], bias: [1.5] } });
    expect(pout.host.steps.map((s: { op: string }) => s.op)).toEqual(['Reshape', 'Mul', 'Add']);
    expect(iface.hostOps).toEqual([
      { node: 'to_nc', opType: 'Reshape', role: 'layout', supported: true },
      { node: 'quant_x', opType: 'MultiThreshold', role: 'input quantiser', supported: true },
      { node: 'flat', opType: 'Reshape', role: 'layout', supported: true },
      { node: 'scale_y', opType: 'Mul', role: 'output scale', supported: true },
      { node: 'bias_y', opType: 'Add', role: 'output offset', supported: true },
    ]);
  });

  it('keeps non-uniform thresholds as the quantiser', () => {
    const p = generateHlsProject(hostModel([-3, -1, 0, 0.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]), { board: zcu104 });
    expect(p.interface.ports.inputs[0]!.host).toMatchObject({ supported: true, quantiser: { kind: 'thresholds', bits: 4, signed: true } });
  });

  it('marks a host node the driver cannot replay, with the reason', () => {
    const m = hostModel();
    const add = m.graph.nodes.find((n) => n.name === 'bias_y')!;
    add.opType = 'Sub';
    const p = generateHlsProject(m, { board: zcu104 });
    expect(p.interface.ports.outputs[0]!.host).toEqual({ supported: false, reason: expect.stringMatching(/host node bias_y \(Sub\) after the accelerator is not one the driver replays/) });
    expect(p.interface.hostOps.find((o) => o.node === 'bias_y')).toMatchObject({ supported: false, role: 'not replayed' });
  });

  it('flags the sequence ports of a Recurrence and the seq_len register', () => {
    // lstmModel: x [T=5, 6] → projections → Recurrence(h0 [1, 4, 1], c0 constant, xp…) → h_final, c_final, h_seq [5, 1, 4]
    const p = generateHlsProject(lstmModel({ xSimd: 3, xPe: 2, uSimd: 2, uPe: 2, gatePe: 4, cellPe: 1 }).model, { board: zcu104 });
    const i = p.interface;
    // Vitis HLS puts the first scalar argument of an ap_ctrl_hs s_axilite bundle at 0x10; forward only, so any T
    expect(i.control.seqLen).toEqual({ register: 'seq_len', offset: 0x10, nominalSteps: 5, maxSteps: null });
    const ports = [...i.ports.inputs, ...i.ports.outputs];
    for (const q of ports) {
      // only the T-major ports are sequences; states are not
      expect(q.sequence !== undefined, q.name).toBe(q.shape[0] === 5 && !/h0|final/.test(q.name));
      if (q.sequence) expect(q.sequence).toEqual({ elementsPerStep: q.elements / 5, beatsPerStep: q.beats / 5, bytesPerStep: q.transferBytes / 5 });
    }
    expect(ports.filter((q) => q.sequence).length).toBeGreaterThanOrEqual(2);
  });

  it('writes no name from the model as it is: nodes and values are sanitised, consistently', () => {
    const m = hostModel();
    m.graph.nodes.find((n) => n.name === 'quant_x')!.name = '"); import os; os.system("rm -rf ~") #';
    m.graph.nodes.find((n) => n.name === 'scale_y')!.name = '../../etc/passwd';
    const p = generateHlsProject(m, { board: zcu104 });
    const text = p.files.get('interface.json')!;
    expect(text).not.toContain('rm -rf');
    expect(text).not.toContain('../');
    expect(p.interface.hostOps.map((o) => o.node)).toEqual(['to_nc', 'import_os_os_system_rm_rf', 'flat', 'etc_passwd', 'bias_y']);
    const chain = generateHlsProject(chainModel(hostileNames).model, { board: zcu104 });
    const description = JSON.stringify(chain.description);
    for (const raw of Object.values(hostileNames).filter((n) => /[^A-Za-z0-9_]/.test(n))) expect(description.includes(raw), raw).toBe(false);
    // wiring kept: every node input is a graph input, a constant or an earlier node's output
    const g = chain.description.graph;
    const known = new Set([...g.inputs, ...Object.keys(g.constants)]);
    for (const n of g.nodes) {
      for (const v of n.inputs) expect(known.has(v), `${n.name} reads ${v}`).toBe(true);
      n.outputs.forEach((o) => known.add(o));
    }
    for (const o of g.outputs) expect(known.has(o)).toBe(true);
  });
});
