import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantLstm } from '@scanflow/builders';
import { saveModel } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { main } from '../program';
import { pipelineOption } from './pipeline-option';
import { capture } from '../testing/capture-io.test-support';

describe('--pipeline STAGE=TEXT', () => {
  it('parses repeated values into stage pipelines', () => {
    expect(pipelineOption(['streamlined=quant-to-multithreshold,streamline{max-rounds=8}', 'hardware=to-hw-layers'])).toEqual({
      pipelines: { streamlined: 'quant-to-multithreshold,streamline{max-rounds=8}', hardware: 'to-hw-layers' },
    });
    expect(pipelineOption([])).toEqual({});
  });

  const model = join(mkdtempSync(join(tmpdir(), 'scanflow-pipeline-')), 'qlstm.onnx');
  saveModel(quantLstm({ inputSize: 3, hiddenSize: 2, seqLen: 2, seed: 5 }), model);

  it.each([
    [['--pipeline', 'nope=cleanup'], /--pipeline: unknown stage 'nope' \(stages: import, qonnx, cell-quant, streamlined, hardware\)/],
    [['--pipeline', 'qonnx=cleanup{'], /--pipeline qonnx: pipeline 'cleanup\{': /],
    [['--pipeline', 'qonnx'], /--pipeline 'qonnx': expected STAGE=PIPELINE/],
    [['--pipeline', 'qonnx=cleanup', '--pipeline', 'qonnx=infer-shapes'], /stage 'qonnx' is given twice/],
    [['--pipeline', 'qonnx=cleanup,no-such-pass'], /--pipeline qonnx: unknown pass 'no-such-pass' \(registered: /],
  ])('%j is a usage error (exit 2) naming what is wrong', async (args, message) => {
    const io = capture();
    expect(await main(['verify', model, '--no-csim', ...args], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(message);
  });

  it('runs the given pipeline in place of the assembled one (verify names the passes it ran)', async () => {
    const io = capture();
    const code = await main(['verify', model, '--no-csim', '--json', '--pipeline', 'qonnx=qcdq-to-quant,cleanup,infer-datatypes'], io);
    expect(io.stderr.join('\n')).not.toMatch(/error/);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as { stages: { stage: string; passes: number }[] };
    // qcdq-to-quant, then cleanup's five passes, then infer-datatypes
    expect(report.stages.find((s) => s.stage === 'qonnx')!.passes).toBe(7);
  });
});
