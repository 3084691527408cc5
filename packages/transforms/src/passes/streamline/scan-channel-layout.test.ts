import { quantLstm } from '@scanflow/builders';
import { attrGraph } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, opCounts, qonnxStage, randomInputs, run, scanBody } from './streamline.test-support';

describe('scan-channel-layout', () => {
  const qonnx = qonnxStage(quantLstm({ inputSize: 3, hiddenSize: 4, seqLen: 5, seed: 3 }));
  it('reshapes the column-vector LSTM body to [1, n, 1], with Reshapes outside the Scan', () => {
    const r = checkPass(qonnx, 'fold-quant-weights,scan-channel-layout', randomInputs(1, 20, [[5, 3, 1], [4, 1], [4, 1]], -2, 2));
    const body = scanBody(r.after.graph);
    expect(body.inputs.map((i) => (i.type?.kind === 'tensor' ? i.type.shape : undefined))).toEqual([[1, 4, 1], [1, 4, 1], [1, 3, 1]]);
    expect(body.outputs.map((i) => (i.type?.kind === 'tensor' ? i.type.shape : undefined))).toEqual([[1, 4, 1], [1, 4, 1], [1, 4, 1]]);
    expect(opCounts(r.after.graph)).toEqual({ Quant: 2, Reshape: 6, Scan: 1 });
    expect(r.outputs).toEqual(r.before);
  });

  it('accepts weights still behind their Quant, and leaves a body with other ops alone', () => {
    const direct = checkPass(qonnx, 'scan-channel-layout', []);
    expect(direct.changed).toBe(true);
    const blocked = qonnxStage(quantLstm({ inputSize: 3, hiddenSize: 4, seqLen: 5, seed: 3 }));
    const first = attrGraph(blocked.graph.nodes.find((n) => n.opType === 'Scan')!, 'body').nodes[0];
    first.opType = 'Softmax';
    first.domain = '';
    const r = run(blocked, 'scan-channel-layout');
    expect(r.records[0].changed).toBe(false);
    expect(r.records[0].notes.join()).toMatch(/Softmax is not known to be rank-independent/);
  });
});
