import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverTemplatePath, generateDriver } from './driver';

/**
 * The driver's stream packing (layout v2), host steps and reference ops, worked by hand and run
 * under python3 with NumPy (Debian python3-numpy; .ci/run installs it). The end-to-end check against
 * the simulator is in @scanflow/cli (compile-board.test.ts).
 */
function pythonWithNumpy(): string | undefined {
  for (const exe of ['python3', '/usr/bin/python3']) if (spawnSync(exe, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return exe;
  return undefined;
}
const python = pythonWithNumpy();

function py(code: string): { out: string; err: string; status: number | null } {
  const prelude = `import sys, json\nsys.path.insert(0, ${JSON.stringify(dirname(driverTemplatePath()))})\nimport numpy as np\nimport scanflow_driver as d\n`;
  const r = spawnSync(python!, ['-B', '-c', prelude + code], { encoding: 'utf8' });
  return { out: r.stdout.trim(), err: r.stderr.trim(), status: r.status };
}

const port = (o: Record<string, unknown>) => JSON.stringify({ name: 'p', datatype: 'INT4', ...o });

describe('generated driver', () => {
  it('is the package driver with the top and overlay names set, nothing else changed', () => {
    const text = generateDriver('my_top');
    expect(text).toMatch(/\nTOP = 'my_top'\nOVERLAY = 'my_top'\n/);
    expect(text.split('\n').length).toBe(generateDriver('scanflow_top').split('\n').length);
    expect(() => generateDriver("x'; import os")).toThrow(/not a plain identifier/);
  });
});

describe.skipIf(!python)(`driver under python3 + NumPy${python ? '' : ' [skipped: no python3 with NumPy; Debian package: python3-numpy]'}`, () => {
  it('py_compile passes', () => {
    // compiled to a temporary file, so no __pycache__ lands in the package folder
    const cfile = join(mkdtempSync(join(tmpdir(), 'scanflow-pyc-')), 'driver.pyc');
    const r = spawnSync(python!, ['-B', '-c', 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)', driverTemplatePath(), cfile], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    // INT4, 3 lanes: 8-bit sign-extended containers, 32-bit beats (one zero padding byte)
    [port({ elementBits: 4, signed: true, lanes: 3, beats: 2, elements: 6, containerBits: 8, bytesPerBeat: 4, transferBytes: 8, shape: [2, 3] }), [-1, 2, -8, 7, 0, 1], 'ff02f80007000100'],
    // INT10, 4 lanes: 16-bit little-endian containers, 64-bit beats
    [port({ datatype: 'INT10', elementBits: 10, signed: true, lanes: 4, beats: 1, elements: 4, containerBits: 16, bytesPerBeat: 8, transferBytes: 8, shape: [4] }), [-1, 511, -512, 3], 'ffffff0100fe0300'],
    // UINT3, 2 lanes: zero-extended bytes, 16-bit beats
    [port({ datatype: 'UINT3', elementBits: 3, signed: false, lanes: 2, beats: 2, elements: 4, containerBits: 8, bytesPerBeat: 2, transferBytes: 4, shape: [4] }), [7, 5, 0, 3], '07050003'],
    // INT18, 1 lane: 32-bit container
    [port({ datatype: 'INT18', elementBits: 18, signed: true, lanes: 1, beats: 2, elements: 2, containerBits: 32, bytesPerBeat: 4, transferBytes: 8, shape: [2] }), [-131072, 65537], '0000feff01000100'],
  ])('packs %s (hand-worked bytes) and unpacks them back', (p, values, hex) => {
    const r = py(`p = json.loads(${JSON.stringify(p)})\nb = d.pack(p, ${JSON.stringify(values)})\nprint(bytes(b).hex())\nprint(json.dumps(d.unpack(p, b).reshape(-1).tolist()))`);
    expect(r.err).toBe('');
    const [bytes, back] = r.out.split('\n');
    expect(bytes).toBe(hex);
    expect(JSON.parse(back!)).toEqual(values);
  });

  it('refuses values outside the datatype, non-zero padding and containers that are not sign-extended', () => {
    const p = port({ elementBits: 4, signed: true, lanes: 3, beats: 1, elements: 3, containerBits: 8, bytesPerBeat: 4, transferBytes: 4, shape: [3] });
    const cases = [`d.pack(p, [1, 8, 0])`, `d.unpack(p, bytes.fromhex('01020301'))`, `d.unpack(p, bytes.fromhex('010f0000'))`, `d.unpack(p, bytes.fromhex('0102'))`];
    const r = py(`p = json.loads(${JSON.stringify(p)})\nfor c in ${JSON.stringify(cases)}:\n    try:\n        eval(c)\n        print('no error')\n    except d.ScanflowDriverError as e:\n        print(e)`);
    expect(r.err).toBe('');
    expect(r.out.split('\n')).toEqual([
      'port p: element 1 = 8 is outside INT4',
      'port p: padding bits above lane 2 are not zero',
      'port p: element 1 = 15 is outside INT4 (container not sign- or zero-extended?)',
      'port p: 2 bytes, expected 4',
    ]);
  });

  it('host MultiThreshold per channel along axis 1 (NaN counts nothing), then Mul / Add in float32', () => {
    const step = { op: 'MultiThreshold', node: 'q', inputShape: [2, 2], channelAxis: 1, thresholds: [[0, 1], [2, 4]], outBias: -1, outScale: 1 };
    // channel 0 (column 0): 0.5 → 1 − 1 = 0, 1 → 2 − 1 = 1 (x ≥ threshold: the tie counts); channel 1: -1 → −1, NaN → −1
    const r = py(`s = json.loads(${JSON.stringify(JSON.stringify(step))})\nprint(json.dumps(d.run_host_steps([s], np.array([[0.5, -1], [1, float('nan')]], dtype=np.float32)).tolist()))
m = {'op': 'Mul', 'node': 'm', 'constant': {'shape': [], 'values': [0.1]}}
a = {'op': 'Add', 'node': 'a', 'constant': {'shape': [2], 'values': [1, -1]}}
y = d.run_host_steps([m, a], np.array([3, 3], dtype=np.float32))
print(y.dtype, json.dumps([float(v) for v in y]))`);
    expect(r.err).toBe('');
    const [mt, dtype] = r.out.split('\n');
    expect(JSON.parse(mt!)).toEqual([[0, -1], [1, -1]]);
    // fl32(fl32(3 · fl32(0.1)) + 1) and − 1, as the simulator computes (double, rounded once per op)
    const m = Math.fround(3 * Math.fround(0.1));
    expect(dtype!.startsWith('float32 ')).toBe(true);
    expect(JSON.parse(dtype!.slice('float32 '.length))).toEqual([Math.fround(m + 1), Math.fround(m - 1)]);
  });

  it('reference ops: MVAU with and without thresholds, Reshape with 0 and −1 (worked by hand)', () => {
    const g = {
      inputs: ['x'],
      outputs: ['acc', 'y', 'r'],
      constants: { W: { shape: [2, 3], values: [1, 2, 3, -1, 0, 4] }, T: { shape: [2, 2], values: [0, 5, -1, 4] }, s: { shape: [2], values: [0, -1] } },
      nodes: [
        { domain: 'scanflow.hw', op: 'MVAU', name: 'm0', inputs: ['x', 'W'], outputs: ['acc'], attributes: { mw: 3, mh: 2 } },
        { domain: 'scanflow.hw', op: 'MVAU', name: 'm1', inputs: ['x', 'W', 'T'], outputs: ['y'], attributes: { mw: 3, mh: 2, out_bias: -1 } },
        { domain: '', op: 'Reshape', name: 'r', inputs: ['acc', 's'], outputs: ['r'], attributes: {} },
      ],
    };
    // acc: [1,1,1] → [6, 3]; [2,-1,0] → [0, -2]; y = −1 + #{acc ≥ T[r]}: 6 vs [0,5] → 1, 3 vs [-1,4] → 0, 0 → 0, -2 → −1
    const r = py(`g = json.loads(${JSON.stringify(JSON.stringify(g))})\nouts = d.run_graph(g, [np.array([[1, 1, 1], [2, -1, 0]], dtype=np.int64)])\nprint(json.dumps([o.tolist() for o in outs]))`);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual([[[6, 3], [0, -2]], [[1, 0], [0, -1]], [[6, 3], [0, -2]]]);
  });

  it('reference Recurrence = ONNX Scan, forward and reversed (worked by hand)', () => {
    // h' = thr(U·h + x_t), U = [[1, 1], [0, −1]], shared thresholds [1, 3]; outputs (h', y = h')
    const body = {
      inputs: ['h', 'x_t'],
      outputs: ['h_next', 'y'],
      constants: { U: { shape: [2, 2], values: [1, 1, 0, -1] }, T: { shape: [1, 2], values: [1, 3] } },
      nodes: [
        { domain: 'scanflow.hw', op: 'MVAU', name: 'u', inputs: ['h', 'U'], outputs: ['uh'], attributes: { mw: 2, mh: 2 } },
        { domain: 'scanflow.hw', op: 'ElementwiseAdd', name: 'a', inputs: ['uh', 'x_t'], outputs: ['pre'], attributes: { channels: 2 } },
        { domain: 'scanflow.hw', op: 'Thresholding', name: 't', inputs: ['pre', 'T'], outputs: ['act'], attributes: { channels: 2 } },
        { domain: 'scanflow.hw', op: 'DuplicateStreams', name: 'd', inputs: ['act'], outputs: ['h_next', 'y'], attributes: { channels: 2 } },
      ],
    };
    const graph = (dirs: Record<string, number[]>) => ({ inputs: ['h0', 'xs'], outputs: ['hT', 'ys'], constants: {}, nodes: [{ domain: 'scanflow.hw', op: 'Recurrence', name: 'loop', inputs: ['h0', 'xs'], outputs: ['hT', 'ys'], attributes: { body, num_scan_inputs: 1, ...dirs } }] });
    const run = (g: object) => py(`g = json.loads(${JSON.stringify(JSON.stringify(g))})\nouts = d.run_graph(g, [np.zeros((1, 2), dtype=np.int64), np.array([[[1, 2]], [[0, 1]], [[3, -1]]], dtype=np.int64)])\nprint(json.dumps([o.reshape(-1).tolist() for o in outs]))`);
    // t0: [0,0]+[1,2] → [1,1]; t1: U·[1,1] = [2,-1] + [0,1] → [1,0]; t2: U·[1,0] = [1,0] + [3,-1] → [2,0]
    const fwd = run(graph({}));
    expect(fwd.err).toBe('');
    expect(JSON.parse(fwd.out)).toEqual([[2, 0], [1, 1, 1, 0, 2, 0]]);
    // reversed: [3,-1] → [2,0]; U·[2,0] = [2,0] + [0,1] → [1,1]; U·[1,1] = [2,-1] + [1,2] → [2,1]; stacked last step first
    const rev = run(graph({ scan_input_directions: [1], scan_output_directions: [1] }));
    expect(rev.err).toBe('');
    expect(JSON.parse(rev.out)).toEqual([[2, 1], [2, 1, 1, 1, 2, 0]]);
  });

  it('an op without a reference implementation stops with a clear message', () => {
    const g = { inputs: ['x'], outputs: ['y'], constants: {}, nodes: [{ domain: 'scanflow.hw', op: 'Conv2D', name: 'c', inputs: ['x'], outputs: ['y'], attributes: {} }] };
    const r = py(`g = json.loads(${JSON.stringify(JSON.stringify(g))})\ntry:\n    d.run_graph(g, [np.zeros(2, dtype=np.int64)])\nexcept d.ScanflowDriverError as e:\n    print(e)`);
    expect(r.out).toBe('node c: op scanflow.hw::Conv2D has no reference implementation (known: Reshape, scanflow.hw::DuplicateStreams, scanflow.hw::ElementwiseAdd, scanflow.hw::ElementwiseMul, scanflow.hw::MVAU, scanflow.hw::Recurrence, scanflow.hw::Thresholding)');
  });
});
