import { createRegistry, definePlugin, GraphBuilder, type Model, Node } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { definePass, type PassDefinition } from './pass';
import { PassError, type PassInstrumentation, runPipeline } from './pass-manager';

/** Test passes: append a node named after the pass, so the order of runs is visible in the graph. */
function marker(name: string, extra: Partial<PassDefinition> = {}): PassDefinition {
  return definePass({
    name,
    description: `marks ${name}`,
    run(model, ctx, options) {
      model.graph.nodes.push(new Node({ opType: 'Marker', name: `${name}${options.tag ? `:${String(options.tag)}` : ''}` }));
      ctx.note(`ran ${name}`);
      return { changed: true };
    },
    ...extra,
  });
}

function setup(passes: PassDefinition[]) {
  const registry = createRegistry([definePlugin({ name: 'test-passes', passes })]);
  const model = new GraphBuilder('g').model();
  return { registry, model };
}

const names = (m: Model) => m.graph.nodes.map((n) => n.name);

describe('runPipeline', () => {
  it('runs passes in pipeline order with their options and defaults', () => {
    const { registry, model } = setup([marker('a', { options: { tag: { default: 'none', description: '' } } }), marker('b')]);
    const r = runPipeline(model, 'b,a{tag=x},a', { registry });
    expect(names(model)).toEqual(['b', 'a:x', 'a:none']);
    expect(r.records.map((x) => [x.path, x.options])).toEqual([
      ['b', {}],
      ['a', { tag: 'x' }],
      ['a', { tag: 'none' }],
    ]);
    expect(r.records[0].notes).toEqual(['ran b']);
  });

  it("keeps what a pass publishes in its record (and nothing for a pass that publishes nothing)", () => {
    const { registry, model } = setup([marker('a'), definePass({ name: 'p', description: '', run: (_m, ctx) => (ctx.publish?.('answer', { n: 42 }), { changed: false }) })]);
    const r = runPipeline(model, 'a,p', { registry });
    expect(r.records.map((x) => x.results)).toEqual([undefined, { answer: { n: 42 } }]);
  });

  it('expands composite passes and records their nesting', () => {
    const { registry, model } = setup([marker('a'), marker('b'), definePass({ name: 'both', description: '', pipeline: 'a,b' })]);
    const r = runPipeline(model, 'both,a', { registry });
    expect(names(model)).toEqual(['a', 'b', 'a']);
    expect(r.records.map((x) => x.path)).toEqual(['both/a', 'both/b', 'a']);
  });

  it('fails before running anything on an unknown pass, option or option type, or a self-including composite', () => {
    const { registry, model } = setup([marker('a', { options: { n: { default: 1, description: '' } } }), definePass({ name: 'loop', description: '', pipeline: 'a,loop' })]);
    expect(() => runPipeline(model, 'a,nope', { registry })).toThrow(/unknown pass 'nope' in pipeline 'a,nope' \(registered: a, loop\)/);
    expect(() => runPipeline(model, 'a{m=2}', { registry })).toThrow(/pass 'a' has no option 'm' \(options: n\)/);
    expect(() => runPipeline(model, 'a{n=two}', { registry })).toThrow(/option 'n' takes a number, got 'two'/);
    expect(() => runPipeline(model, 'loop', { registry })).toThrow(/includes itself \(loop → loop\)/);
    expect(model.graph.nodes).toHaveLength(0);
  });

  it('calls instrumentation hooks around every pass, and afterPassFailed with the failing pass', () => {
    const boom = definePass({
      name: 'boom',
      description: '',
      run() {
        throw new Error('kaput');
      },
    });
    const { registry, model } = setup([marker('a'), boom]);
    const events: string[] = [];
    const hook: PassInstrumentation = {
      beforePass: (p) => events.push(`before ${p}`),
      afterPass: (r) => events.push(`after ${r.path} changed=${r.changed}`),
      afterPassFailed: (p, e) => events.push(`failed ${p}: ${(e as Error).message}`),
    };
    expect(() => runPipeline(model, 'a,boom,a', { registry, instrumentations: [hook] })).toThrow(/pass 'boom' failed: kaput/);
    expect(events).toEqual(['before a', 'after a changed=true', 'before boom', 'failed boom: kaput']);
  });

  it('names the first pass after which the verifier sees different results', () => {
    const { registry, model } = setup([marker('a'), marker('bad'), marker('c')]);
    // The "verifier" here: results differ once a 'bad' marker is in the graph.
    const verify = (before: Model, after: Model) => ({ ok: names(before).includes('bad') === names(after).includes('bad'), detail: 'marker bad appeared' });
    expect(() => runPipeline(model, 'a,bad,c', { registry, verify })).toThrow(PassError);
    const r = runPipeline(setup([marker('a'), marker('bad'), marker('c')]).model, 'a,bad,c', { registry, verify, stopOnDivergence: false });
    expect(r.firstDivergence?.path).toBe('bad');
    expect(r.records.map((x) => x.verification?.ok)).toEqual([true, false, true]);
  });
});
