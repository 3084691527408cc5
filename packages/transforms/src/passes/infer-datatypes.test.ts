import { quantLstm } from '@scanflow/builders';
import { attrGraph, coreOps, createRegistry, DataType, GraphBuilder } from '@scanflow/ir';
import { coreKernels } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';

const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);

describe('infer-datatypes', () => {
  it('annotates Quant outputs inside the Scan body (scale 1 → INT<b>, else SCALEDINT<b>)', () => {
    const model = quantLstm({ inputSize: 3, hiddenSize: 4, quant: { acc: 6, sigmoid: 5 } });
    runPipeline(model, 'qcdq-to-quant,infer-datatypes', { registry, checkStructure: true });
    const body = attrGraph(model.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
    const accF = body.nodes.find((n) => n.opType === 'Quant' && n.outputs[0].startsWith('acc_f'))!;
    expect(body.getDataType(accF.outputs[0])?.name).toBe('SCALEDINT<6>');
    const sig = body.nodes.find((n) => n.opType === 'Quant' && n.outputs[0].startsWith('act_f'))!;
    expect(body.getDataType(sig.outputs[0])?.name).toBe('SCALEDINT<5>');
  });

  it('follows integer types through a body that reads outer-scope values', () => {
    const body = new GraphBuilder('body');
    const s = body.input('s', 'float32', [2]);
    const x = body.input('x', 'float32', [2]);
    const sum = body.op('Add', [s, x]);
    const y = body.op('Add', [sum, 'outer_w'], {}, { outputs: ['s_next'] });
    body.output(y);
    body.output(body.op('Identity', [y]));
    const b = new GraphBuilder('main');
    const s0 = b.input('s0', 'float32', [2], DataType.int(4));
    const xs = b.input('xs', 'float32', [3, 2], DataType.int(4));
    b.op('Relu', [b.input('w_in', 'float32', [2], DataType.int(4))], {}, { outputs: ['outer_w'] });
    b.node('Scan', [s0, xs], { num_scan_inputs: 1, body: body.graph }, { outputs: ['s_final', 'ys'] });
    b.output('s_final');
    b.output('ys');
    const model = b.model({ opset: 17 });
    runPipeline(model, 'infer-datatypes', { registry, checkStructure: true });
    // outer_w: Relu of INT4 → UINT3; Add of integers → INT32 (qonnx's accumulator rule); the state widens to INT32.
    expect(model.graph.getDataType('outer_w')?.name).toBe('UINT3');
    expect(body.graph.getDataType('s_next')?.name).toBe('INT32');
    expect(model.graph.getDataType('s_final')?.name).toBe('INT32');
  });
});
