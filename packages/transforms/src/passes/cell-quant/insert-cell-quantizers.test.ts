import { attrGraph, coreOps, createRegistry, forEachGraph, type Model, OpLookup, type Tensor } from '@scanflow/ir';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { coreKernels, createConstantEvaluator, observeRanges, Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../../builtin-passes';
import { matchLstmCell } from '../../cell/lstm-cell';
import { cellQuantPipeline, runStages } from '../../stages';

const BREVITAS = '../shared/conformance/brevitas';
const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);

function stages(model: Model, inputs: Tensor[], spec: string) {
  return runStages(model, {
    registry,
    evaluate: createConstantEvaluator(registry),
    calibrate: (m, values) => observeRanges(m, registry, [inputs], values),
    pipelines: { 'cell-quant': cellQuantPipeline(spec) },
    checkStructure: true,
  });
}

function opCount(m: Model, opType: string): number {
  let n = 0;
  forEachGraph(m.graph, (g) => (n += g.nodes.filter((x) => x.opType === opType).length));
  return n;
}

describe('insert-cell-quantizers (the cell-quant stage)', () => {
  const model = loadModel(`${BREVITAS}/brevitas_qlstm_10x20_w8a6.onnx`);
  const x = readTensorFile(`${BREVITAS}/brevitas_qlstm_10x20_w8a6/test_data_set_0/input_0.pb`).tensor;

  it('a Brevitas QCDQ export (float cell): every cell quantiser is inserted, the rest of the flow is exact to it, the LSTM becomes a Recurrence', () => {
    const snaps = stages(model, [x], 'w8a6');
    expect(snaps.map((s) => s.stage)).toEqual(['import', 'qonnx', 'cell-quant', 'streamlined', 'hardware']);
    const cq = snaps[2]!.model;
    const scan = cq.graph.nodes.find((n) => n.opType === 'Scan')!;
    const body = attrGraph(scan, 'body');
    const r = matchLstmCell(body, new OpLookup(registry, cq), body.inputs.slice(0, 2).map((i) => i.name));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const g of Object.values(r.cell.gates)) {
      expect(g.accQuant).toBeDefined();
      expect(g.outQuant).toBeDefined();
    }
    expect(r.cell.fcQuant && r.cell.igQuant && r.cell.cSumQuant && r.cell.tanhCQuant && r.cell.hQuant).toBeTruthy();
    const sim = (m: Model) => new Simulator(m, { registry }).run([x]).outputs.map((t) => Array.from(t.data as Float32Array, (v) => v + 0)); // -0 and 0 are the same number
    const reference = sim(cq);
    expect(sim(snaps[3]!.model)).toEqual(reference);
    expect(sim(snaps[4]!.model)).toEqual(reference);
    expect(opCount(snaps[4]!.model, 'Recurrence')).toBe(1);
    expect(opCount(snaps[4]!.model, 'Scan')).toBe(0);
  });
});
