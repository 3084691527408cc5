import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../builder/graph-builder';
import { LimitError } from '../errors';
import { Graph } from '../graph/graph';
import { Model } from '../graph/model';
import { Node } from '../graph/node';
import { coreOps } from '../ops/core-ops';
import { createRegistry } from '../plugin/registry';
import { Tensor } from '../tensor/tensor';
import { checkModel, findModelProblems } from './check-model';
import { ModelCheckError } from './model-check-error';

const registry = createRegistry([coreOps()]);

/** x → Relu → a → Neg → y, opset 17. */
function chain(): { b: GraphBuilder; model: () => Model } {
  const b = new GraphBuilder('main');
  const x = b.input('x', 'float32', [2]);
  const a = b.op('Relu', [x], {}, { outputs: ['a'], name: 'r' });
  b.op('Neg', [a], {}, { outputs: ['y'], name: 'n' });
  b.output('y');
  return { b, model: () => b.model({ opset: 17 }) };
}

function problems(model: Model) {
  return findModelProblems(model, registry);
}

function scanBody(): Graph {
  const body = new GraphBuilder('body');
  const s = body.input('s', 'float32', [2]);
  const x = body.input('xi', 'float32', [2]);
  const t = body.op('Add', [s, x], {}, { outputs: ['s_next'] });
  body.op('Identity', [t], {}, { outputs: ['y_i'] });
  body.output('s_next');
  body.output('y_i');
  return body.graph;
}

function scanModel(attrs: Record<string, unknown> = {}, inputs = ['s0', 'xs'], outputs = ['s_final', 'ys']): Model {
  const b = new GraphBuilder('main');
  b.input('s0', 'float32', [2]);
  b.input('xs', 'float32', [3, 2]);
  b.node('Scan', inputs, { num_scan_inputs: 1, body: scanBody(), ...attrs } as never, { outputs, name: 'scan' });
  for (const o of outputs) b.output(o);
  return b.model({ opset: 17 });
}

describe('model checker', () => {
  it('accepts a valid chain and a valid Scan', () => {
    expect(problems(chain().model())).toEqual([]);
    expect(problems(scanModel())).toEqual([]);
  });

  it('rejects a value produced by two nodes (single static assignment)', () => {
    const { b, model } = chain();
    b.graph.nodes.push(new Node({ opType: 'Abs', name: 'again', inputs: ['x'], outputs: ['a'] }));
    const m = model();
    expect(() => checkModel(m, registry)).toThrow(ModelCheckError);
    const [p] = problems(m);
    expect(p.rule).toBe('single-assignment');
    expect(p.message).toMatch(/value 'a' is produced by two nodes, node 'r' \(Relu\) and node 'again' \(Abs\)/);
  });

  it('rejects a node output that redefines a graph input or an outer value', () => {
    const { b, model } = chain();
    b.graph.nodes.push(new Node({ opType: 'Abs', name: 'shadow', inputs: ['a'], outputs: ['x'] }));
    expect(problems(model())[0].message).toMatch(/node 'shadow' \(Abs\) produces 'x', which is already a graph input/);
    const body = scanBody();
    body.nodes[1].outputs = ['xs']; // 'xs' is a value of the enclosing graph
    body.outputs[1].name = 'xs';
    const s = scanModel({ body });
    expect(problems(s).map((p) => p.message).join('\n')).toMatch(/produces 'xs', which an enclosing graph already defines/);
  });

  it('lets a subgraph reuse a name the enclosing graph defines only after the subgraph\'s node (as ONNX does)', () => {
    const s = scanModel();
    s.graph.nodes.push(new Node({ opType: 'Identity', name: 'later', inputs: ['ys'], outputs: ['y_i'] })); // 'y_i' is also a body value
    s.graph.outputs.push({ name: 'y_i' });
    expect(problems(s)).toEqual([]);
  });

  it('rejects duplicate graph inputs and duplicate graph outputs', () => {
    const { b, model } = chain();
    b.graph.outputs.push({ name: 'y' });
    b.graph.inputs.push({ name: 'x' });
    const msgs = problems(model()).map((p) => p.message);
    expect(msgs).toContain("graph 'main': graph input 'x' is declared twice");
    expect(msgs).toContain("graph 'main': graph output 'y' is listed twice; graph outputs must be distinct");
  });

  it('rejects dangling node inputs and graph outputs', () => {
    const { b, model } = chain();
    b.graph.nodes[1].inputs = ['nowhere'];
    b.graph.outputs.push({ name: 'ghost' });
    const p = problems(model());
    expect(p.map((x) => x.rule)).toEqual(['defined-values', 'defined-values']);
    expect(p[0].message).toMatch(/node 'n' \(Neg\) reads 'nowhere', which no node, graph input or initializer provides/);
    expect(p[1].message).toMatch(/graph output 'ghost' is produced by no node/);
  });

  it('rejects a cycle, also one closed through a subgraph', () => {
    const { b, model } = chain();
    b.graph.nodes[0].inputs = ['y']; // Relu reads Neg's output, Neg reads Relu's
    expect(problems(model())).toEqual([{ rule: 'acyclic', message: expect.stringMatching(/the nodes form a cycle; 2 node\(s\) can never run/) }]);
    const s = scanModel();
    // the body reads 'ys', the Scan's own output
    (s.graph.nodes[0].attributes.get('body')!.value as Graph).nodes[0].inputs = ['s', 'ys'];
    expect(problems(s).map((p) => p.rule)).toContain('acyclic');
  });

  it('rejects unknown or misspelt ops, wrong input counts, bad attributes', () => {
    const { b, model } = chain();
    b.graph.nodes[0].opType = 'Rleu';
    expect(problems(model())[0].message).toMatch(/node 'r' \(Rleu\): unknown op 'Rleu' in the ONNX domain at opset 17/);
    b.graph.nodes[0].opType = 'Relu';
    b.graph.nodes[0].inputs.push('x');
    b.graph.nodes[1].attributes.set('alpha', { type: 'float', value: 1 });
    const p = problems(model());
    expect(p[0]).toEqual({ rule: 'op-arity', message: "graph 'main': node 'r' (Relu): has 2 inputs, expected 1" });
    expect(p[1]).toEqual({ rule: 'op-attributes', message: "graph 'main': node 'n' (Neg): unknown attribute 'alpha' for Neg (it takes no attributes)" });
    const s = scanModel({ num_scan_inputs: 1.5 });
    expect(problems(s).map((x) => x.message)).toContain("graph 'main': node 'scan' (Scan): attribute 'num_scan_inputs' is of kind float, expected int");
    const missing = scanModel();
    missing.graph.nodes[0].attributes.delete('body');
    expect(problems(missing).map((x) => x.message)).toContain("graph 'main': node 'scan' (Scan): required attribute 'body' is missing");
  });

  it('rejects a misspelt op even when nothing uses its output', () => {
    const { b, model } = chain();
    b.graph.nodes.push(new Node({ opType: 'DequantkzeLinear', name: 'dq', inputs: ['x', 's'], outputs: ['unused'] }));
    b.initializer('s', Tensor.float32([], [1]));
    expect(problems(model())[0].message).toMatch(/unknown op 'DequantkzeLinear'/);
  });

  it('requires the ONNX domain to be imported when it is used', () => {
    const m = chain().model();
    m.opsetImports = new Map([['qonnx.custom_op.general', 1]]);
    expect(problems(m)[0].message).toMatch(/does not import it/);
  });

  it('checks Scan attributes against its inputs and body', () => {
    expect(problems(scanModel({ num_scan_inputs: 3 }))[0].message).toMatch(/num_scan_inputs = 3 with 2 state and scan inputs/);
    expect(problems(scanModel({ scan_input_axes: [0, 1] }))[0].message).toMatch(/scan_input_axes has 2 values, expected 1/);
    expect(problems(scanModel({ scan_output_directions: [2] }))[0].message).toMatch(/scan_output_directions must hold 0 \(forward\) or 1 \(reverse\)/);
    expect(problems(scanModel({}, ['s0', 'xs'], ['s_final']))[0].message).toMatch(/the body has 2 outputs, expected 1/);
    expect(problems(scanModel({}, ['s0', ''], ['s_final', 'ys']))[0].message).toMatch(/input 1 is empty/);
  });

  it('quotes and escapes hostile names in its messages', () => {
    const { b, model } = chain();
    b.graph.nodes[1].name = 'n\nscanflow: everything fine, exit 0\x1b[2J';
    b.graph.nodes[1].inputs = ['gone\r'];
    const [p] = problems(model());
    expect(p.message).not.toMatch(/[\n\r\x1b]/);
    expect(p.message).toContain("node 'n\\nscanflow: everything fine, exit 0\\x1b[2J' (Neg) reads 'gone\\r'");
  });

  it('enforces the node count and nesting limits with a LimitError naming the limit', () => {
    expect(() => checkModel(chain().model(), registry, { maxNodes: 1 })).toThrow(LimitError);
    expect(() => checkModel(chain().model(), registry, { maxNodes: 1 })).toThrow(/maxNodes = 1/);
    let body = scanBody();
    for (let d = 0; d < 4; d++) {
      const outer = new GraphBuilder(`level${d}`);
      outer.input('s0', 'float32', [2]);
      outer.input('xs', 'float32', [3, 2]);
      outer.node('Scan', ['s0', 'xs'], { num_scan_inputs: 1, body }, { outputs: ['s_next', 'y_i'] });
      outer.output('s_next');
      outer.output('y_i');
      body = outer.graph;
    }
    const deep = new Model(body, { opsetImports: new Map([['', 17]]) });
    expect(() => checkModel(deep, registry, { maxNesting: 2 })).toThrow(/nested 3 deep.*maxNesting = 2/);
  });

  it('names the file and counts further problems', () => {
    const { b, model } = chain();
    b.graph.nodes[0].opType = 'Nope';
    b.graph.nodes[1].opType = 'Nope2';
    expect(() => checkModel(model(), registry, { file: 'm.onnx' })).toThrow(/^m\.onnx: graph 'main': node 'r' \(Nope\): unknown op 'Nope'.* \(and 1 more problem\)$/);
  });
});
