import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantLstm } from '@scanflow/builders';
import { hasControl, type Model } from '@scanflow/ir';
import { encodeTensor, saveModel } from '@scanflow/onnx-io';
import { Tensor } from '@scanflow/ir';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from './program';
import { constantOfShapeBomb, cyclic, dangling, duplicateOutputs, expandBomb, hostileNames, renameOp, twoProducers } from './testing/hostile-models.test-support';
import { capture } from './testing/capture-io.test-support';

/**
 * The cases of scanflow issue 16 ("hostile input, safe output folders, limits, one model checker,
 * one error taxonomy"), each through the whole CLI in-process: every one failed before the fix.
 */

const CONFORMANCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'conformance', 'onnx-node');

async function cli(...args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr };
}

const lines = (text: string): string[] => text.split('\n');

/** Every file under `dir` (relative paths), links not followed. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d)) {
      const st = lstatSync(join(d, e));
      if (st.isDirectory()) walk(join(d, e), join(rel, e));
      else out.push(join(rel, e));
    }
  };
  walk(dir, '');
  return out.sort();
}

let dir: string;
let lstm: string;
beforeAll(() => {
  const shared = mkdtempSync(join(tmpdir(), 'scanflow-hardening-model-'));
  lstm = join(shared, 'lstm.onnx');
  saveModel(quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 2, seed: 1 }), lstm);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-hardening-'));
});

function save(model: Model, name: string): string {
  const path = join(dir, name);
  saveModel(model, path);
  return path;
}

/** No staging or old folder of scanflow left anywhere in the test folder. */
function noLeftovers(): void {
  expect(readdirSync(dir).filter((e) => e.includes('.scanflow-'))).toEqual([]);
}

describe('output folders: nothing written outside the folder, no partial output', () => {
  it('compile --force never writes through a report.json or hls symlink inside --out', async () => {
    const out = join(dir, 'out');
    const victim = join(dir, 'victim');
    mkdirSync(out);
    mkdirSync(victim);
    writeFileSync(join(victim, 'secret.json'), 'secret');
    symlinkSync(join(victim, 'secret.json'), join(out, 'report.json'));
    symlinkSync(victim, join(out, 'hls'));
    const r = await cli('compile', lstm, '--out', out, '--force', '--no-csim');
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    expect(readdirSync(victim)).toEqual(['secret.json']);
    expect(readFileSync(join(victim, 'secret.json'), 'utf8')).toBe('secret');
    expect(lstatSync(join(out, 'report.json')).isFile()).toBe(true);
    expect(lstatSync(join(out, 'hls')).isDirectory()).toBe(true);
    noLeftovers();
  });

  it('run --outputs --force never writes through an output_0.pb symlink', async () => {
    const tc = join(CONFORMANCE, 'test_simple_rnn_defaults');
    const outputs = join(dir, 'outputs');
    mkdirSync(outputs);
    writeFileSync(join(dir, 'victim.pb'), 'keep');
    symlinkSync(join(dir, 'victim.pb'), join(outputs, 'output_0.pb'));
    const r = await cli('run', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0'), '--outputs', outputs, '--force');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'victim.pb'), 'utf8')).toBe('keep');
    expect(lstatSync(join(outputs, 'output_0.pb')).isFile()).toBe(true);
    noLeftovers();
  });

  it('refuses an --out that is itself a symbolic link, and one that is a file', async () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    let r = await cli('compile', lstm, '--out', join(dir, 'link'), '--force', '--no-csim');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/--out '.*link' is a symbolic link; scanflow never writes through links/)]);
    expect(readdirSync(join(dir, 'real'))).toEqual([]);
    writeFileSync(join(dir, 'afile'), 'x');
    r = await cli('compile', lstm, '--out', join(dir, 'afile'), '--no-csim');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/^scanflow: usage error \[USAGE\]: --out '.*afile' exists and is not a folder$/)]);
  });

  it('--force into the folder of another model keeps none of its files', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'hls', 'src'), { recursive: true });
    writeFileSync(join(out, 'hls', 'src', 'stale_layer.h'), '// from another model');
    writeFileSync(join(out, 'old_binary'), 'ELF');
    const r = await cli('compile', lstm, '--out', out, '--force', '--no-csim');
    expect(r.code).toBe(0);
    const written = Number(/wrote (\d+) files/.exec(r.stdout)![1]);
    const files = filesUnder(out);
    expect(files).not.toContain('old_binary');
    expect(files).not.toContain(join('hls', 'src', 'stale_layer.h'));
    expect(files.length).toBe(written);
  });

  it('a failing compile leaves nothing behind, so the same command runs again without --force', async () => {
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'fold.json'), JSON.stringify({ no_such_layer: { pe: 2 } }));
    const bad = await cli('compile', lstm, '--out', out, '--folding', join(dir, 'fold.json'), '--no-csim');
    expect(bad.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    noLeftovers();
    expect((await cli('compile', lstm, '--out', out, '--no-csim')).code).toBe(0);
  });

  describe.skipIf(process.platform === 'win32')('a failing or interrupted C-simulation leaves the previous state untouched', () => {
    const saved = process.env['CXX'];
    afterEach(() => {
      if (saved === undefined) delete process.env['CXX'];
      else process.env['CXX'] = saved;
    });

    /** A fake C++ compiler: answers --version, and either fails or builds a "simulation" that is killed. */
    function fakeCompiler(kind: 'fails' | 'killed'): string {
      const path = join(dir, `fake-${kind}-cxx`);
      const body =
        kind === 'fails'
          ? 'echo "fake: internal compiler error" >&2; exit 1'
          : 'while [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; fi; shift; done\nprintf \'#!/bin/sh\\nkill -9 $$\\n\' > "$out"; chmod +x "$out"';
      writeFileSync(path, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo fake 1.0; exit 0; fi\n${body}\n`);
      chmodSync(path, 0o755);
      return path;
    }

    it.each(['fails', 'killed'] as const)('C++ compiler / simulation %s: no --out folder appears; an existing one keeps its files', async (kind) => {
      process.env['CXX'] = fakeCompiler(kind);
      const out = join(dir, 'out');
      const r = await cli('compile', lstm, '--out', out);
      expect(r.code).toBe(1);
      expect(existsSync(out)).toBe(false);
      noLeftovers();
      mkdirSync(out);
      writeFileSync(join(out, 'previous.txt'), 'previous run');
      expect((await cli('compile', lstm, '--out', out, '--force')).code).toBe(1);
      expect(filesUnder(out)).toEqual(['previous.txt']);
      noLeftovers();
    });
  });
});

describe('hangs and memory', () => {
  it.each(['/dev/zero', '/dev/urandom'])('refuses %s as MODEL at once', async (dev) => {
    if (!existsSync(dev)) return;
    const r = await cli('inspect', dev);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([`scanflow: input error [FILE_UNREADABLE]: ONNX model file '${dev}' is a character device; expected a regular file`]);
  });

  it('refuses a FIFO as MODEL or as an input file without blocking', async () => {
    const fifo = join(dir, 'model.onnx');
    execFileSync('mkfifo', [fifo]);
    expect((await cli('inspect', fifo)).stderr[0]).toMatch(/is a FIFO \(named pipe\); expected a regular file/);
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    execFileSync('mkfifo', [join(inputs, 'input_0.pb')]);
    const r = await cli('verify', lstm, '--inputs', inputs, '--no-csim');
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/tensor file '.*input_0\.pb' is a FIFO/);
  });

  it('stops ConstantOfShape / Expand to [32768, 32768] with a limit error naming --max-elements', async () => {
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    const bomb = save(constantOfShapeBomb(), 'bomb.onnx');
    expect(readFileSync(bomb).length).toBeLessThan(200);
    let r = await cli('run', bomb, '--inputs', inputs, '--outputs', join(dir, 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([expect.stringMatching(/^scanflow: model error \[LIMIT_EXCEEDED\]: .*'fill' \(ConstantOfShape\): output 'big' would have shape \[32768, 32768\] = 1073741824 elements, over the limit maxTensorElements = 67108864 .*--max-elements/)]);
    writeFileSync(join(inputs, 'input_0.pb'), encodeTensor(Tensor.float32([1], [3]), 'x'));
    r = await cli('run', save(expandBomb(), 'expand.onnx'), '--inputs', inputs, '--outputs', join(dir, 'o'), '--max-elements', '1000');
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/'grow' \(Expand\).*over the limit maxTensorElements = 1000/);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });
});

describe('one model checker: every command agrees', () => {
  const commands = (m: string) => [
    ['inspect', m],
    ['run', m, '--inputs', dir, '--outputs', join(dir, 'o')],
    ['verify', m, '--no-csim'],
    ['estimate', m],
    ['compile', m, '--out', join(dir, 'c'), '--no-csim'],
  ];

  it.each([
    ['a value produced by two nodes', twoProducers, /value 'a' is produced by two nodes, node 'r' \(Relu\) and node 'again' \(Abs\)/],
    ['duplicate graph outputs', duplicateOutputs, /graph output 'y' is listed twice/],
    ['a cycle', cyclic, /the nodes form a cycle/],
    ['a dangling input', dangling, /node 'n' \(Neg\) reads 'nowhere', which no node, graph input or initializer provides/],
  ])('%s: every command exits 1 with the same one-line message', async (_what, build, message) => {
    const m = save(build(), 'bad.onnx');
    for (const args of commands(m)) {
      const r = await cli(...args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toEqual([expect.stringMatching(message)]);
      expect(r.stderr[0]).toMatch(/^scanflow: model error \[MODEL_INVALID\]: /);
    }
  });

  it('a misspelt op type (a bit flip: DequantkzeLinear) is refused by estimate like by every other command', async () => {
    const m = save(renameOp(quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 2, seed: 1 }), 'DequantizeLinear', 'DequantkzeLinear'), 'flip.onnx');
    for (const args of commands(m)) {
      const r = await cli(...args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr[0], args[0]).toMatch(/unknown op 'DequantkzeLinear' in the ONNX domain at opset 14/);
    }
  });
});

describe('names from the model are escaped', () => {
  it('a newline, CR or ANSI escape in a name can neither forge a line nor drive the terminal', async () => {
    const m = save(hostileNames(), 'names.onnx');
    // a float model: it stays on the host, which verify accepts only with --allow-host-ops
    for (const args of [['inspect', m], ['inspect', m, '--json'], ['verify', m, '--no-csim', '--allow-host-ops'], ['verify', m, '--no-csim', '--allow-host-ops', '--json']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(lines(r.stdout).some((l) => l.startsWith('scanflow: everything fine') || l.startsWith('scanflow: forged'))).toBe(false);
      expect(lines(r.stdout).some((l) => hasControl(l))).toBe(false);
      if (args.includes('--json')) JSON.parse(r.stdout);
    }
    const text = (await cli('inspect', m)).stdout;
    expect(text).toContain('y\\nscanflow: forged\\u202e: float32[2]');
    expect(lines(text).some((l) => l.startsWith('scanflow: forged'))).toBe(false);
    // in an error message too: one line
    const broken = hostileNames();
    broken.graph.nodes[1]!.inputs = ['gone\nscanflow: everything fine, exit 0'];
    const r = await cli('inspect', save(broken, 'broken.onnx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(hasControl(r.stderr[0]!)).toBe(false);
    expect(r.stderr[0]).toContain("reads 'gone\\nscanflow: everything fine, exit 0'");
  });
});

describe('exit codes and flags', () => {
  it('no arguments and help for an unknown command are usage errors (2); --help is 0', async () => {
    expect((await cli()).code).toBe(2);
    const r = await cli('help', 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/unknown command 'frobnicate'/)]);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('help', 'run')).code).toBe(0);
  });

  it('input-file problems are input errors (1), like a wrong shape', async () => {
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'input_1.pb'), encodeTensor(Tensor.float32([1], [0])));
    let r = await cli('verify', lstm, '--inputs', inputs, '--no-csim');
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/^scanflow: input error \[INPUT_INVALID\]: .*input_0\.pb is missing/);
    r = await cli('verify', lstm, '--inputs', join(dir, 'nowhere'), '--no-csim');
    expect(r.code).toBe(1);
    writeFileSync(join(inputs, 'input_0.pb'), 'not a tensor at all \xff');
    writeFileSync(join(inputs, 'input_2.pb'), encodeTensor(Tensor.float32([2, 1], [0, 0]), 'c0'));
    r = await cli('run', lstm, '--inputs', inputs, '--outputs', join(dir, 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/^scanflow: input error \[ONNX_INVALID\]: .*input_0\.pb/);
    // a wrong shape: the same category
    writeFileSync(join(inputs, 'input_0.pb'), encodeTensor(Tensor.float32([5], [0, 0, 0, 0, 0]), 'X'));
    r = await cli('run', lstm, '--inputs', inputs, '--outputs', join(dir, 'o'));
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(/^scanflow: input error \[SIMULATION_FAILED\]: input 'X': expected float32\[2, 2, 1\], got float32\[5\]/);
  });

  it('--board zcu999 and a bad --folding are usage errors (2), including a folding key __proto__', async () => {
    let r = await cli('estimate', lstm, '--board', 'zcu999');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/unknown board 'zcu999'; known boards: zcu104/);
    writeFileSync(join(dir, 'fold.json'), '{ "__proto__": { "pe": 2 } }');
    r = await cli('estimate', lstm, '--folding', join(dir, 'fold.json'));
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/no foldable layer named '__proto__'/);
  });

  it('refuses flags that would be silently ignored: --dim NOPE=3, --budget without --explore, --inputs with --seed or --dim', async () => {
    const dynamic = save(quantLstm({ inputSize: 2, hiddenSize: 2, seed: 1 }), 'dynamic.onnx');
    let r = await cli('verify', dynamic, '--dim', 'NOPE=3', '--no-csim');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/--dim 'NOPE': the model's inputs have no symbolic dimension of that name \(they have 'T'\)/);
    r = await cli('estimate', lstm, '--budget', '0.5');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/--budget only applies with --explore/);
    r = await cli('verify', lstm, '--inputs', dir, '--seed', '3', '--no-csim');
    expect(r.code).toBe(2);
    expect(r.stderr[0]).toMatch(/option '--seed <n>' cannot be used with option '--inputs <dir>'/);
    expect((await cli('compile', lstm, '--out', join(dir, 'o'), '--inputs', dir, '--dim', 'T=3')).code).toBe(2);
    expect((await cli('run', lstm, '--inputs', dir, '--outputs', join(dir, 'o'), '--max-elements', '0')).code).toBe(2);
  });

  describe('without a C++ compiler', () => {
    const saved = process.env['CXX'];
    afterEach(() => {
      if (saved === undefined) delete process.env['CXX'];
      else process.env['CXX'] = saved;
    });

    it('compile and verify fail (1) naming --no-csim instead of skipping the C-simulation', async () => {
      process.env['CXX'] = join(dir, 'no-such-compiler');
      for (const args of [['compile', lstm, '--out', join(dir, 'o')], ['verify', lstm]]) {
        const r = await cli(...args);
        expect(r.code, args[0]).toBe(1);
        expect(r.stderr).toEqual([expect.stringMatching(/^scanflow: environment error \[NO_CPP_COMPILER\]: .*pass --no-csim$/)]);
      }
      expect(existsSync(join(dir, 'o'))).toBe(false);
    });
  });
});
