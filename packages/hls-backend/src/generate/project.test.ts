import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attrGraph, DataType, toAttribute } from '@scanflow/ir';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelHeaders } from '../paths';
import { gppAvailable, skipNote } from '../testing/cpp-fixture.test-support';
import { generateHlsProject, withTestCases } from './project';
import { zcu104 } from './testing/csim-case.test-support';
import { chainModel, lstmModel, mvauFoldingsModel } from './testing/models.test-support';
import { simulate } from './testing/reference.test-support';
import { parseTestVectors } from './test-vectors';
import { writeHlsProject } from './write-project';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'scanflow-hls-project-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const lstmFold = { xSimd: 3, xPe: 2, uSimd: 2, uPe: 2, gatePe: 4, cellPe: 1 };

function hasTclsh(): boolean {
  try {
    execFileSync('tclsh', [], { input: 'exit 0\n', stdio: ['pipe', 'ignore', 'ignore'] });
    return true;
  } catch {
    return false;
  }
}
const tclsh = hasTclsh();

describe('generateHlsProject: layout, determinism', () => {
  it('is byte-identical across two generations of the same model (and of a re-built model)', () => {
    const a = lstmModel(lstmFold);
    const b = lstmModel(lstmFold);
    const outputs = simulate(a.model, a.inputs);
    const one = generateHlsProject(a.model, { board: zcu104, testVectors: { inputs: a.inputs, outputs } });
    const two = generateHlsProject(a.model, { board: zcu104, testVectors: { inputs: a.inputs, outputs } });
    const three = generateHlsProject(b.model, { board: zcu104, testVectors: { inputs: b.inputs, outputs } });
    expect([...two.files]).toEqual([...one.files]);
    expect([...three.files]).toEqual([...one.files]);
  });

  it('withTestCases on a project generated without them gives exactly the files of one generation with them', () => {
    const fold = { xSimd: 2, xPe: 2, uSimd: 2, uPe: 4, gatePe: 2, cellPe: 1 };
    for (const reverse of [false, true]) {
      const long = lstmModel(fold, 11, { I: 6, H: 4, T: 5 }, reverse);
      const short = lstmModel(fold, 11, { I: 6, H: 4, T: 4 }, reverse);
      const cases = [
        { seqLen: 5, inputs: long.inputs, outputs: simulate(long.model, long.inputs) },
        { seqLen: 4, inputs: short.inputs, outputs: simulate(short.model, short.inputs) },
      ];
      const once = generateHlsProject(long.model, { board: zcu104, testCases: cases, cosim: true });
      const bare = generateHlsProject(long.model, { board: zcu104 });
      expect(bare.files.has('tb/inputs.txt')).toBe(false);
      const added = withTestCases(bare, cases, { cosim: true });
      expect([...added.files]).toEqual([...once.files]);
      expect(added.sequence).toEqual({ nominal: 5, bounded: reverse });
      // and back: no cases, no vectors, run_hls.tcl without the testbench
      expect([...withTestCases(added, [], { cosim: false }).files]).toEqual([...bare.files]);
      const longer = lstmModel(fold, 11, { I: 6, H: 4, T: 6 }, reverse);
      const tooLong = () => withTestCases(bare, [{ seqLen: 6, inputs: longer.inputs, outputs: simulate(longer.model, longer.inputs) }]);
      if (reverse) expect(tooLong).toThrow(/test case sequence length 6 exceeds 5, what the reverse-direction buffers hold/);
      else expect(tooLong).not.toThrow();
    }
  });

  it('does not modify the model', () => {
    const { model } = chainModel();
    const before = JSON.stringify([...model.graph.valueInfo.keys()]);
    generateHlsProject(model, { board: zcu104 });
    expect(JSON.stringify([...model.graph.valueInfo.keys()])).toBe(before);
  });

  it('lays out a self-contained project: sources, testbench, vectors, scripts, kernel and emulation headers', () => {
    const { model, inputs } = mvauFoldingsModel([{ simd: 1, pe: 1 }, { simd: 2, pe: 2 }]);
    const outputs = simulate(model, inputs);
    const p = generateHlsProject(model, { topName: 'my accel!', board: zcu104, testVectors: { inputs, outputs } });
    expect(p.topName).toBe('my_accel');
    const paths = [...p.files.keys()];
    expect(paths).toEqual(expect.arrayContaining([
      'src/my_accel.hpp', 'src/my_accel.cpp', 'src/layers/dup_dup.hpp', 'src/layers/mvau_mvau0.hpp', 'src/layers/mvau_mvau1.hpp',
      'tb/my_accel_tb.cpp', 'tb/inputs.txt', 'tb/expected.txt', 'run_hls.tcl', 'run_csim.sh', 'scanflow-hls.json',
      'emu/ap_int.h', 'emu/hls_stream.h', 'emu/ap_axi_sdata.h', ...kernelHeaders.map((h) => `include/${h}`),
    ]));
    // test vectors: ports in order, elements in stream order
    const [ins] = parseTestVectors(p.files.get('tb/inputs.txt')!);
    expect(ins!.seqLen).toBe(0); // no Recurrence: no run-time sequence length
    expect([...ins!.ports.keys()]).toEqual(['in_x']);
    expect(ins!.ports.get('in_x')!.map(Number)).toEqual(Array.from(inputs[0]!.data as Float32Array));
    const [outs] = parseTestVectors(p.files.get('tb/expected.txt')!);
    expect([...outs!.ports.keys()]).toEqual(['out_y0', 'out_y1']);
    expect(outs!.ports.get('out_y1')!.map(Number)).toEqual(Array.from(outputs[1]!.data as Float32Array));
    // the manifest describes the ports by their C++ names only
    const manifest = JSON.parse(p.files.get('scanflow-hls.json')!);
    expect(manifest.top).toBe('my_accel');
    // port layout 2: two INT4 elements per beat, each sign-extended in an 8-bit slot, TDATA 16 bits
    expect(manifest.ports.outputs[1]).toMatchObject({ name: 'out_y1', lanes: 2, elementBits: 4, containerBits: 8, wordBits: 16, axiBits: 16, beats: 6 });
    expect(manifest.ports.outputs[1].value).toBeUndefined();
    expect(p.ports.outputs[1]!.value).toBe('y1');
  });

  it('accepts test vectors by value name as well as in port order', () => {
    const { model, inputs } = mvauFoldingsModel([{ simd: 1, pe: 1 }, { simd: 2, pe: 2 }]);
    const outputs = simulate(model, inputs);
    const byOrder = generateHlsProject(model, { board: zcu104, testVectors: { inputs, outputs } });
    const byName = generateHlsProject(model, { board: zcu104, testVectors: { inputs: new Map([['x', inputs[0]!]]), outputs: { y1: outputs[1]!, y0: outputs[0]! } } });
    expect(byName.files.get('tb/expected.txt')).toBe(byOrder.files.get('tb/expected.txt'));
    expect(() => generateHlsProject(model, { board: zcu104, testVectors: { inputs: [], outputs } })).toThrow(/no tensor for input port in_x/);
  });

  it('rejects what the hardware cannot do, with clear errors', () => {
    const noType = chainModel();
    noType.model.graph.setDataType('z', undefined);
    expect(() => generateHlsProject(noType.model, { board: zcu104 })).toThrow(/value 'z' .* has no datatype annotation/);

    const narrow = lstmModel(lstmFold);
    const body = attrGraph(narrow.model.graph.nodes.find((n) => n.opType === 'Recurrence')!, 'body');
    body.setDataType('c', DataType.int(5)); // the state array cannot hold the INT6 next state
    expect(() => generateHlsProject(narrow.model, { board: zcu104 })).toThrow(/the next state 1 \(INT6\) does not fit the state's INT5/);


    expect(() => generateHlsProject(chainModel().model, { board: { part: 'xczu7ev"; exec rm', clockNs: 5 } })).toThrow(/is not a part name/);
    expect(() => generateHlsProject(chainModel().model, { board: { part: 'xczu7ev-ffvc1156-2-e', clockNs: Number.NaN } })).toThrow(/clock period/);
  });
});

describe('writeHlsProject', () => {
  it('writes every file inside the folder, run_csim.sh executable', () => {
    const dir = tempDir();
    const p = generateHlsProject(chainModel().model, { board: zcu104 });
    const written = writeHlsProject(p, join(dir, 'out'));
    expect(written).toHaveLength(p.files.size);
    for (const f of written) expect(f.startsWith(join(dir, 'out') + '/')).toBe(true);
    expect(readFileSync(join(dir, 'out', 'src', 'scanflow_top.cpp'), 'utf8')).toBe(p.files.get('src/scanflow_top.cpp'));
    expect(execFileSync('sh', ['-c', `test -x "${join(dir, 'out', 'run_csim.sh')}" && echo ok`]).toString().trim()).toBe('ok');
  });

  it.each(['../escape.txt', 'a/../../escape.txt', '/tmp/abs.txt', 'a//b', './a', 'a\\..\\..\\b', ''])('refuses %j and writes nothing', (bad) => {
    const dir = tempDir();
    const files = new Map([['ok.txt', 'fine'], [bad, 'evil']]);
    expect(() => writeHlsProject({ files }, join(dir, 'out'))).toThrow(/refusing to write/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe(`run_hls.tcl under tclsh with stub Vitis commands${tclsh ? '' : ' [skipped: tclsh not found; Debian package: tcl]'}`, () => {
  it.skipIf(!tclsh)('runs the Vitis flow on the generated files', () => {
    const dir = tempDir();
    const { model, inputs } = mvauFoldingsModel([{ simd: 1, pe: 1 }, { simd: 3, pe: 4 }]);
    const p = generateHlsProject(model, { board: { part: 'xczu7ev-ffvc1156-2-e', clockNs: 3.3 }, testVectors: { inputs, outputs: simulate(model, inputs) } });
    writeHlsProject(p, join(dir, 'prj'));
    const stub = join(dir, 'stub.tcl');
    writeFileSync(stub, [
      'set ::calls {}',
      'foreach cmd {open_project set_top add_files open_solution set_part create_clock config_dataflow csim_design cosim_design csynth_design export_design config_compile config_export config_interface} {',
      '  proc $cmd args [format {lappend ::calls [concat %s $args]} $cmd]',
      '}',
      'rename exit __real_exit',
      'proc exit args { foreach c $::calls { puts $c }; puts "pwd [pwd]"; __real_exit 0 }',
      'source [lindex $argv 0]',
      'puts "no exit"',
      '',
    ].join('\n'));
    const out = execFileSync('tclsh', [stub, join(dir, 'prj', 'run_hls.tcl')], { encoding: 'utf8' }).trim().split('\n');
    const root = join(dir, 'prj');
    const cflags = `-cflags {-std=c++14 -I${root}/include -I${root}/src}`;
    expect(out).toEqual([
      'open_project -reset scanflow_top_prj',
      'set_top scanflow_top',
      `add_files src/scanflow_top.cpp ${cflags}`,
      `add_files -tb tb/scanflow_top_tb.cpp ${cflags}`,
      'add_files -tb tb/inputs.txt',
      'add_files -tb tb/expected.txt',
      'open_solution -reset solution1 -flow_target vivado',
      'set_part xczu7ev-ffvc1156-2-e',
      'create_clock -period 3.3 -name default',
      'config_dataflow -strict_mode error',
      `csim_design -argv {${root}/tb ${root}/build/actual_csim.txt}`,
      'csynth_design',
      'export_design -format ip_catalog',
      `pwd ${root}`,
    ]);
    for (const f of ['src/scanflow_top.cpp', 'tb/scanflow_top_tb.cpp', 'tb/inputs.txt', 'tb/expected.txt', 'include/scanflow/scanflow.hpp']) {
      expect(existsSync(join(root, f))).toBe(true);
    }
  });
});

describe(`run_csim.sh builds with the project's own headers only${skipNote}`, () => {
  it.skipIf(!gppAvailable)('passes on the LSTM project', () => {
    const dir = tempDir();
    const { model, inputs } = lstmModel(lstmFold);
    const p = generateHlsProject(model, { board: zcu104, testVectors: { inputs, outputs: simulate(model, inputs) } });
    writeHlsProject(p, join(dir, 'prj'));
    const out = execFileSync('sh', [join(dir, 'prj', 'run_csim.sh')], { encoding: 'utf8', cwd: dir });
    expect(out).toContain('SCANFLOW CSIM PASS checked=28 mismatches=0');
  });
});
