import { describe, expect, expectTypeOf, it } from 'vitest';
import type { OpSchema } from '../ops/op-schema';
import { definePlugin, type Plugin } from './plugin';
import { createRegistry, DuplicateContributionError } from './registry';

const op = (opType: string, since?: number, domain = ''): OpSchema => ({ domain, opType, ...(since ? { since } : {}), description: `${opType}@${since ?? 1}` });

describe('Registry', () => {
  it('looks ops up by domain, op type and opset version (largest since ≤ version)', () => {
    const r = createRegistry([definePlugin({ name: 'a', ops: [op('Clip', 6), op('Clip', 11), op('Clip', 13)] })]);
    expect(r.find('ops', '', 'Clip', 5)).toBeUndefined();
    expect(r.find('ops', '', 'Clip', 6)?.since).toBe(6);
    expect(r.find('ops', '', 'Clip', 12)?.since).toBe(11);
    expect(r.find('ops', 'ai.onnx', 'Clip', 25)?.since).toBe(13);
    expect(() => r.require('ops', '', 'Clip', 5, 'node c')).toThrow(/node c: no ops registered for Clip at opset 5 \(registered from opset 6, 11, 13\)/);
  });

  it('treats QONNX domain aliases as one domain', () => {
    const r = createRegistry([definePlugin({ name: 'q', ops: [op('Quant', 1, 'qonnx.custom_op.general')] })]);
    for (const d of ['onnx.brevitas', 'finn', 'finn.custom_op.general', 'qonnx.custom_op.general']) expect(r.find('ops', d, 'Quant', 1)).toBeDefined();
  });

  it('refuses a duplicate key unless the plugin says it overrides, and leaves the registry unchanged', () => {
    const r = createRegistry([definePlugin({ name: 'a', ops: [op('Relu', 14)] })]);
    expect(() => r.use(definePlugin({ name: 'b', ops: [op('Tanh'), op('Relu', 14)] }))).toThrow(DuplicateContributionError);
    expect(r.find('ops', '', 'Tanh')).toBeUndefined();
    expect(r.plugins.map((p) => p.name)).toEqual(['a']);
    r.use(definePlugin({ name: 'c', override: true, ops: [{ ...op('Relu', 14), description: 'mine' }] }));
    expect(r.find('ops', '', 'Relu', 14)?.description).toBe('mine');
    expect(r.ownerOf('ops', '::Relu@14')?.name).toBe('c');
  });

  it('accepts an item-level override and ignores a plugin object used twice', () => {
    const a: Plugin = { name: 'a', ops: [op('Relu')] };
    const r = createRegistry([a, a]);
    expect(r.plugins).toHaveLength(1);
    r.use({ name: 'b', ops: [{ ...op('Relu'), override: true, description: 'b' }] });
    expect(r.find('ops', '', 'Relu')?.description).toBe('b');
    expect(() => r.use({ name: 'a', ops: [] })).toThrow(/plugin 'a' is already registered/);
  });

  it('rejects a plugin that contributes the same key twice', () => {
    expect(() => createRegistry([{ name: 'x', ops: [op('Relu'), op('Relu')] }])).toThrow(/contributes ops '::Relu@1' twice/);
  });

  it('registries are independent instances', () => {
    const r1 = createRegistry([{ name: 'a', ops: [op('Relu')] }]);
    const r2 = createRegistry();
    expect(r1.list('ops')).toHaveLength(1);
    expect(r2.list('ops')).toHaveLength(0);
  });

  it('types contributions by kind', () => {
    const r = createRegistry();
    expectTypeOf(r.list('ops')).toEqualTypeOf<OpSchema[]>();
  });
});
