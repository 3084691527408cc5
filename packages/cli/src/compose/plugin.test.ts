import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { DataType, GraphBuilder } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { main } from '../program';
import maxZeroPlugin, { MAX_ZERO_DOMAIN } from '../../test/plugins/max-zero';
import { capture } from '../testing/capture-io.test-support';

/**
 * The plugin contract end to end through the CLI: a hardware layer no core file knows (MaxZero, in
 * test/plugins/max-zero.ts: op schema, kernel, code generator, estimator) is compiled, estimated and
 * C-simulated once a plugin brings it — by --plugin, by the config file, or by main's options.
 */
const PLUGIN = fileURLToPath(new URL('../../test/plugins/max-zero.ts', import.meta.url));
const gxx = hasCppCompiler();

/** X: INT4 [4, 8] → MaxZero → Y. */
function model(dir: string): string {
  const b = new GraphBuilder('relu_layer');
  const x = b.input('X', 'float32', [4, 8]);
  const y = b.op('MaxZero', [x], { channels: 8 }, { domain: MAX_ZERO_DOMAIN, name: 'relu' });
  b.output(y, 'float32', [4, 8]);
  const m = b.model({ opset: 17, opsets: { [MAX_ZERO_DOMAIN]: 1 } });
  m.graph.setDataType('X', DataType.int(4));
  const path = join(dir, 'relu.onnx');
  saveModel(m, path);
  return path;
}

describe('a plugin hardware layer through the CLI', () => {
  it('without the plugin the op is unknown: exit 1, one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-plugin-'));
    const io = capture();
    expect(await main(['compile', model(dir), '--out', join(dir, 'out'), '--no-csim'], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/MaxZero/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it.skipIf(!gxx)('with --plugin: compiled, estimated and C-simulated bit-exact; the layer in the HLS project and the estimate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-plugin-'));
    const io = capture();
    const out = join(dir, 'out');
    const code = await main(['compile', model(dir), '--out', out, '--plugin', PLUGIN], io);
    expect(io.stderr, io.stderr.join('\n')).toEqual([]);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact — 32 output elements/);
    expect(text).toMatch(/completed by the host part.*bit-exact against the original model/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.estimate.layers.map((l: { opType: string; cycles: number }) => [l.opType, l.cycles])).toEqual([['MaxZero', 32]]);
    const layers = readdirSync(join(out, 'hls', 'src', 'layers'));
    expect(layers.some((f) => f.startsWith('relu'))).toBe(true);
  }, 120_000);

  it('the folding explores the plugin layer too, and the config file or main(argv, { plugins }) bring it as well', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-plugin-'));
    const path = model(dir);
    const viaFlag = capture();
    expect(await main(['estimate', path, '--plugin', PLUGIN, '--explore', '--json'], viaFlag)).toBe(0);
    const explored = JSON.parse(viaFlag.stdout.join('\n'));
    // 8 channels: fully parallel within the board, 4 vectors of one cycle
    expect(explored.estimate.layers[0]).toMatchObject({ opType: 'MaxZero', pe: 8, cycles: 4 });
    writeFileSync(join(dir, 'scanflow.config.json'), JSON.stringify({ plugins: [PLUGIN], board: 'zcu104' }));
    const viaConfig = capture();
    expect(await main(['estimate', path, '--json'], { io: viaConfig, cwd: dir })).toBe(0);
    expect(JSON.parse(viaConfig.stdout.join('\n')).estimate.layers[0]).toMatchObject({ opType: 'MaxZero', pe: 1, cycles: 32 });
    const viaOptions = capture();
    expect(await main(['estimate', path, '--json', '--no-config'], { io: viaOptions, cwd: dir, plugins: [maxZeroPlugin()] })).toBe(0);
    expect(JSON.parse(viaOptions.stdout.join('\n')).estimate.layers[0].opType).toBe('MaxZero');
  });

  it('a plugin module that cannot be loaded or exports no plugin is a usage error naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-plugin-'));
    let io = capture();
    expect(await main(['inspect', model(dir), '--plugin', join(dir, 'missing.js')], io)).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/--plugin '.*missing\.js': cannot load the module/)]);
    writeFileSync(join(dir, 'nothing.mjs'), 'export default 42;\n');
    io = capture();
    expect(await main(['inspect', model(dir), '--plugin', join(dir, 'nothing.mjs')], io)).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/exports no scanflow plugin/)]);
    writeFileSync(join(dir, 'scanflow.config.json'), JSON.stringify({ plugin: [] }));
    io = capture();
    expect(await main(['inspect', model(dir)], { io, cwd: dir })).toBe(2);
    expect(io.stderr).toEqual([expect.stringMatching(/unknown key 'plugin' \(allowed: plugins, board, folding, pipelines\)/)]);
  });
});
