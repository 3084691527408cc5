import { coreOps, createRegistry, definePlugin, GraphBuilder, type Model, Node, parseDataType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { definePass } from '../pass';
import { PassError, runPipeline } from '../pass-manager';

/**
 * x → Add(x, w) → Relu → y, with w an INT4-annotated initializer: a small valid model each broken
 * pass below damages in one way (the message must name the pass and the rule it broke).
 */
function model(): Model {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [2]);
  const w = b.initializer('w', Tensor.float32([2], [3, -8]), parseDataType('INT4'));
  const s = b.op('Add', [x, w], {}, { name: 'add', outputs: ['s'] });
  b.op('Relu', [s], {}, { name: 'relu', outputs: ['y'] });
  b.output('y', 'float32', [2]);
  return b.model({ opset: 17 });
}

const node = (m: Model, name: string): Node => m.graph.nodes.find((n) => n.name === name)!;

/** Each damage a pass can do, the rule that names it, and a fragment of the message. */
const BROKEN: { pass: string; rule: string; says: RegExp; damage: (m: Model) => void }[] = [
  { pass: 'unknown-attribute', rule: 'op-attributes', says: /'add' \(Add\): unknown attribute 'axis' for Add/, damage: (m) => node(m, 'add').attributes.set('axis', { type: 'int', value: 1n }) },
  { pass: 'drop-input', rule: 'op-arity', says: /'add' \(Add\): has 1 inputs, expected 2/, damage: (m) => node(m, 'add').inputs.pop() },
  { pass: 'second-producer', rule: 'single-assignment', says: /'s'/, damage: (m) => m.graph.nodes.push(new Node({ opType: 'Identity', name: 'again', inputs: ['x'], outputs: ['s'] })) },
  { pass: 'dangling-read', rule: 'defined-values', says: /reads 'gone'/, damage: (m) => (node(m, 'relu').inputs[0] = 'gone') },
  { pass: 'producer-last', rule: 'topological-order', says: /'relu' \(Relu\) reads 's' before the node that produces it/, damage: (m) => m.graph.nodes.push(m.graph.nodes.shift()!) },
  { pass: 'stale-annotation', rule: 'datatype', says: /INT4 is annotated on 'w', which is no value of the graph/, damage: (m) => {
    m.graph.initializers.delete('w');
    m.graph.initializers.set('w2', Tensor.float32([2], [3, -8]));
    node(m, 'add').inputs[1] = 'w2';
  } },
  { pass: 'out-of-range-weight', rule: 'datatype', says: /initializer 'w' is annotated INT4 but holds 9/, damage: (m) => ((m.graph.initializers.get('w')!.data as Float32Array)[0] = 9) },
];

function registryWith(passes: ReturnType<typeof definePass>[]) {
  return createRegistry([coreOps(), definePlugin({ name: 'broken-passes', passes })]);
}

const damaging = (name: string, damage: (m: Model) => void) => definePass({ name, description: `breaks the model (${name})`, run: (m) => (damage(m), { changed: true }) });
const harmless = definePass({ name: 'harmless', description: 'renames the Relu node', run: (m) => ((node(m, 'relu').name = 'relu'), { changed: true }) });

describe('the structural verifier between passes (checkStructure)', () => {
  it.each(BROKEN)('catches a pass that breaks $rule and names it ($pass)', ({ pass, rule, says, damage }) => {
    const registry = registryWith([harmless, damaging(pass, damage)]);
    let error: unknown;
    try {
      runPipeline(model(), `harmless,${pass},harmless`, { registry, checkStructure: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PassError);
    const e = error as PassError;
    expect(e.code).toBe('PASS_BROKE_MODEL');
    expect(e.category).toBe('internal');
    expect(e.message).toContain(`pass '${pass}' broke the model (structural verifier, rule ${rule})`);
    expect(e.message).toMatch(says);
  });

  it('is opt-in: without it the broken pass goes through', () => {
    const registry = registryWith([damaging('drop-input', BROKEN[1]!.damage)]);
    expect(() => runPipeline(model(), 'drop-input', { registry })).not.toThrow();
  });

  it('names the pass inside a composite by its path, and tells the instrumentations it failed', () => {
    const registry = registryWith([harmless, damaging('drop-input', BROKEN[1]!.damage), definePass({ name: 'both', description: '', pipeline: 'harmless,drop-input' })]);
    const failed: string[] = [];
    expect(() => runPipeline(model(), 'both', { registry, checkStructure: true, instrumentations: [{ afterPassFailed: (p) => failed.push(p) }] })).toThrow(/pass 'both\/drop-input' broke the model/);
    expect(failed).toEqual(['both/drop-input']);
  });

  it('blames a pass only for problems it introduced (not for the ones the model came with)', () => {
    const registry = registryWith([harmless, damaging('drop-input', BROKEN[1]!.damage)]);
    const m = model();
    (m.graph.initializers.get('w')!.data as Float32Array)[1] = 100; // already outside INT4
    expect(() => runPipeline(m, 'harmless', { registry, checkStructure: true })).not.toThrow();
    expect(() => runPipeline(m, 'drop-input', { registry, checkStructure: true })).toThrow(/pass 'drop-input' broke the model \(structural verifier, rule op-arity\)/);
  });

  it('a valid pipeline passes untouched', () => {
    const registry = registryWith([harmless]);
    const r = runPipeline(model(), 'harmless,harmless', { registry, checkStructure: true });
    expect(r.records.map((x) => x.path)).toEqual(['harmless', 'harmless']);
  });
});
