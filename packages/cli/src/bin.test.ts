import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The real process (bin.ts run from source through tsx): what happens when standard output goes
 * away (`scanflow inspect M | head -1`) or fills up (/dev/full).
 */
const here = dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
const nodeArgs = ['--import', tsx, '--conditions=@scanflow/source', join(here, 'bin.ts')];

let model: string;
beforeAll(() => {
  // 4000 graph outputs: `inspect` prints a line each, far more than a pipe holds (64 KiB), so a
  // reader that goes away really makes the writes fail
  const b = new GraphBuilder('wide');
  const x = b.input('x', 'float32', [1]);
  for (let k = 0; k < 4000; k++) b.output(b.op('Identity', [x], {}, { outputs: [`output_value_number_${k}`] }), 'float32', [1]);
  model = join(mkdtempSync(join(tmpdir(), 'scanflow-bin-')), 'wide.onnx');
  saveModel(b.model({ opset: 17 }), model);
});

describe('standard output', () => {
  it('a reader that stops after the first line (EPIPE) ends the run quietly: no stack, exit code unchanged', async () => {
    const child = spawn(process.execPath, [...nodeArgs, 'inspect', model], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it.skipIf(!existsSync('/dev/full'))('a full standard output is one environment error (exit 1), not a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [...nodeArgs, 'inspect', model], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.stderr.trim().split('\n')).toEqual(['scanflow: environment error [STDOUT]: cannot write to standard output: no space left on the device (ENOSPC); the output is incomplete']);
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  }, 60_000);
});
