import { forEachGraph, type Model } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { MUTATION_KINDS, mutateModel } from './mutate-model';
import { quantConvLstm } from './quant-conv-lstm';

function fingerprint(model: Model): string {
  const parts: string[] = [];
  forEachGraph(model.graph, (g) => {
    parts.push(g.inputs.map((i) => `${i.name}:${JSON.stringify(i.type)}`).join());
    parts.push(g.outputs.map((o) => o.name).join());
    for (const [k, t] of g.initializers) parts.push(`${k}:${t.elemType}[${t.dims}]`);
    for (const n of g.nodes) parts.push(`${n.name}/${n.opType}(${n.inputs})->${n.outputs}{${[...n.attributes].map(([k, a]) => `${k}:${a.type}`)}}`);
  });
  return parts.join('\n');
}

describe('mutateModel', () => {
  const base = quantConvLstm({ window: 4, features: 4, channels: [2, 2, 2], hiddenSize: 2, seed: 1 });

  it('is deterministic in its seed and leaves the original alone', () => {
    const before = fingerprint(base);
    const a = mutateModel(base, 7, 5);
    const b = mutateModel(base, 7, 5);
    expect(a.applied).toEqual(b.applied);
    expect(fingerprint(a.model)).toBe(fingerprint(b.model));
    expect(fingerprint(base)).toBe(before);
  });

  it('applies every kind of mutation to a quantised ConvLSTM, each changing the model', () => {
    for (const kind of MUTATION_KINDS) {
      let changed = false;
      for (let seed = 1; seed < 40 && !changed; seed++) {
        const { model, applied } = mutateModel(base, seed, 1, [kind]);
        changed = applied.length === 1 && fingerprint(model) !== fingerprint(base);
        if (kind === 'huge-shape-values' || kind === 'attribute-value') changed ||= applied.length === 1; // same shapes, new values
      }
      expect(changed, kind).toBe(true);
    }
  });
});
