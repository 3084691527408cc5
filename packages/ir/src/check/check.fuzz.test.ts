import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError } from '../errors';
import type { Attribute } from '../graph/attribute';
import { Graph } from '../graph/graph';
import { Model } from '../graph/model';
import { Node } from '../graph/node';
import { forEachGraph, outerScopeReferences } from '../graph/subgraphs';
import { topologicalOrder } from '../graph/topological-order';
import { coreOps } from '../ops/core-ops';
import { createRegistry } from '../plugin/registry';
import { fuzzParameters } from '../testing/fuzz.test-support';
import { findModelProblems } from './check-model';

/**
 * The model checker on random graphs — any wiring (forward references and cycles included),
 * duplicate producers and outputs, unknown and misspelt ops, wrong arities, random attributes,
 * Scan nodes with random bodies nested a few deep, hostile names. It must never throw (but a
 * LimitError), and what it accepts must really be sound: every graph can be ordered, every read
 * is defined, every value produced once.
 */
const registry = createRegistry([coreOps()]);
const NAMES = ['x', 'a', 'b', 'c', 'y', 's', 'xi', 'w', '', 'a\nb', '\x1b[2J'];
const OPS = ['Relu', 'Neg', 'Add', 'Mul', 'Identity', 'Concat', 'Relu', 'Add', 'Scan', 'Rleu', 'MatMul'];

interface Spec {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: [string, number][];
  body?: GraphSpec;
}
interface GraphSpec {
  inputs: string[];
  outputs: string[];
  nodes: Spec[];
}

const graphSpec: fc.Memo<GraphSpec> = fc.memo((depth) =>
  fc.record({
    inputs: fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }),
    outputs: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
    nodes: fc.array(
      fc.record({
        op: fc.constantFrom(...OPS),
        inputs: fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }),
        outputs: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 2 }),
        attrs: fc.array(fc.tuple(fc.constantFrom('axis', 'num_scan_inputs', 'alpha', 'scan_input_axes'), fc.integer({ min: -2, max: 3 })), { maxLength: 2 }),
        body: depth > 1 ? fc.option(graphSpec(depth - 1), { nil: undefined }) : fc.constant(undefined),
      }),
      { maxLength: 8 },
    ),
  }),
);

function build(spec: GraphSpec, name: string): Graph {
  return new Graph({
    name,
    inputs: spec.inputs.map((n) => ({ name: n, type: { kind: 'tensor', elemType: 'float32', shape: [2] } })),
    outputs: spec.outputs.map((n) => ({ name: n })),
    nodes: spec.nodes.map(
      (s, k) =>
        new Node({
          opType: s.op,
          name: `n${k}`,
          inputs: s.inputs,
          outputs: s.outputs,
          attributes: new Map<string, Attribute>([
            ...s.attrs.map(([a, v]): [string, Attribute] => [a, a === 'scan_input_axes' ? { type: 'ints', value: [BigInt(v)] } : a === 'alpha' ? { type: 'float', value: v } : { type: 'int', value: BigInt(v) }]),
            ...(s.body ? [['body', { type: 'graph', value: build(s.body, `${name}_body${k}`) }] as [string, Attribute]] : []),
          ]),
        }),
    ),
  });
}

describe('the model checker under fuzzing', () => {
  it('never throws, and what it accepts can be ordered, with every read defined and every value assigned once', () => {
    let accepted = 0;
    fc.assert(
      fc.property(graphSpec(3), (spec) => {
        const model = new Model(build(spec, 'main'), { opsetImports: new Map([['', 17]]) });
        let problems;
        try {
          problems = findModelProblems(model, registry, { maxNesting: 4 });
        } catch (e) {
          if (e instanceof LimitError) return;
          throw e;
        }
        for (const p of problems) expect(p.message).not.toMatch(/[\n\r\x1b]/);
        if (problems.length) return;
        accepted++;
        const visit = (g: Graph, outer: Set<string>): void => {
          const order = topologicalOrder(g, outer);
          const defined = new Set([...outer, ...g.inputs.map((i) => i.name), ...g.initializers.keys()]);
          const produced = new Set<string>();
          for (const n of order) {
            for (const i of n.inputs) if (i) expect(defined.has(i), `'${i}' read before it is defined`).toBe(true);
            for (const o of n.outputs) {
              if (!o) continue;
              expect(produced.has(o), `'${o}' produced twice`).toBe(false);
              produced.add(o);
              defined.add(o);
            }
          }
          for (const o of g.outputs) expect(defined.has(o.name)).toBe(true);
          for (const n of g.nodes) for (const a of n.attributes.values()) if (a.type === 'graph') visit(a.value, defined);
        };
        visit(model.graph, new Set());
        forEachGraph(model.graph, (g) => expect(() => outerScopeReferences(g)).not.toThrow());
      }),
      fuzzParameters(400),
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
