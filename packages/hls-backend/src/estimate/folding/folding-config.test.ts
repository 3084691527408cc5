import { attrInt } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { builtinHwRegistry } from '../../hw-layer';

const R = builtinHwRegistry();
import { lstmHwModel, mlpHwModel } from '../hw-models.test-support';
import { foldableLayers } from './foldable-layers';
import { applyFolding, foldingOf, readFoldingConfig } from './folding-config';

describe('readFoldingConfig', () => {
  it('parses JSON text or a parsed object', () => {
    expect(readFoldingConfig('{ "fc1": { "pe": 2, "simd": 4 }, "act3": { "pe": 3 } }')).toEqual({ fc1: { pe: 2, simd: 4 }, act3: { pe: 3 } });
    expect(readFoldingConfig({ fc2: { simd: 2 } })).toEqual({ fc2: { simd: 2 } });
  });

  it.each([
    ['not JSON', '{ fc1', /not valid JSON/],
    ['an array', '[]', /must be an object/],
    ['a non-object entry', '{ "fc1": 3 }', /entry 'fc1' must be an object/],
    ['an unknown key', '{ "fc1": { "pe": 2, "mmv": 1 } }', /entry 'fc1' has unknown key 'mmv' \(allowed: pe, simd, mult, thresholds\)/],
    ['a fractional value', '{ "fc1": { "pe": 1.5 } }', /fc1.pe = 1.5, expected a positive integer/],
    ['an empty entry', '{ "fc1": {} }', /entry 'fc1' sets nothing \(pe, simd, mult or thresholds\)/],
    ['an unknown multiplier', '{ "fc1": { "mult": "bram" } }', /fc1\.mult = "bram", expected one of auto, lut, dsp/],
    ['an unknown threshold method', '{ "fc1": { "thresholds": 3 } }', /fc1\.thresholds = 3, expected one of auto, compare-all, search/],
  ])('rejects %s', (_what, json, message) => {
    expect(() => readFoldingConfig(json)).toThrow(message);
  });

  it('keeps an entry named __proto__ (instead of silently dropping it), so that applying it names the unknown layer', () => {
    const cfg = readFoldingConfig('{ "__proto__": { "pe": 2 } }');
    expect(Object.keys(cfg)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(cfg)).toBe(Object.prototype);
    expect(() => applyFolding(mlpHwModel(), cfg, R)).toThrow(/no foldable layer named '__proto__'/);
  });
});

describe('applyFolding / foldingOf', () => {
  it('writes pe / simd into a copy, including layers inside a Recurrence body', () => {
    const model = lstmHwModel();
    const folded = applyFolding(model, { mvau_u_f: { pe: 4, simd: 5 }, act_h: { pe: 10 }, mvau_w_f: { pe: 2 } }, R);
    const byName = new Map(foldableLayers(folded, R).map((l) => [l.node.name, l.node]));
    expect(attrInt(byName.get('mvau_u_f')!, 'pe')).toBe(4);
    expect(attrInt(byName.get('mvau_u_f')!, 'simd')).toBe(5);
    expect(attrInt(byName.get('act_h')!, 'pe')).toBe(10);
    expect(attrInt(byName.get('mvau_w_f')!, 'pe')).toBe(2);
    // the original is untouched
    expect(foldingOf(model, R).mvau_u_f).toEqual({ pe: 1, simd: 1 });
  });

  it('foldingOf dumps every foldable layer in the config format, and round-trips', () => {
    const f = foldingOf(mlpHwModel(), R);
    expect(f).toEqual({ fc1: { pe: 1, simd: 1 }, fc2: { pe: 1, simd: 1 }, act3: { pe: 1 } });
    const g = { fc1: { pe: 8, simd: 4 }, fc2: { pe: 3, simd: 6 }, act3: { pe: 12 } };
    expect(foldingOf(applyFolding(mlpHwModel(), readFoldingConfig(JSON.stringify(g)), R), R)).toEqual(g);
  });

  it('lists body layers with their path', () => {
    const paths = foldableLayers(lstmHwModel(), R).map((l) => l.path);
    expect(paths).toContain('lstm_loop/mvau_u_g');
    expect(paths).toContain('mvau_w_g');
  });

  it('rejects an unknown node name, listing the known ones', () => {
    expect(() => applyFolding(mlpHwModel(), { fc9: { pe: 1 } }, R)).toThrow(/no foldable layer named 'fc9' \(known: fc1, fc2, act3\)/);
  });

  it('rejects a bad divisor naming node, attribute and allowed values', () => {
    expect(() => applyFolding(mlpHwModel(), { fc2: { simd: 5 } }, R)).toThrow(/node 'fc2' \(MVAU\): simd = 5 does not divide mw = 24; allowed simd values: 1, 2, 3, 4, 6, 8, 12, 24/);
    expect(() => applyFolding(mlpHwModel(), { act3: { pe: 5 } }, R)).toThrow(/node 'act3' \(Thresholding\): pe = 5 does not divide channels = 12; allowed pe values: 1, 2, 3, 4, 6, 12/);
  });

  it('rejects simd on a layer that has none', () => {
    expect(() => applyFolding(mlpHwModel(), { act3: { simd: 2 } }, R)).toThrow(/node 'act3' \(Thresholding\) has no attribute simd/);
  });
});
