import { describe, expect, it } from 'vitest';
import { IdentifierPool, sanitizeIdentifier } from './identifiers';

describe('sanitizeIdentifier', () => {
  it.each([
    ['x', 'x'],
    ['../../evil; rm -rf /', 'evil_rm_rf'],
    ['int', 'int_v'],
    ['main', 'main_v'],
    ['0abc', 'v_0abc'],
    ['__reserved', 'reserved'],
    ['_X', 'X'],
    ['ħ€llo wörld', 'llo_wo_rld'],
    ['', 'v'],
    ['€€€', 'v'],
    ['a'.repeat(100), 'a'.repeat(32)],
    ['a__b', 'a_b'],
    ['line\nbreak */', 'line_break'],
  ])('%j → %s', (raw, want) => {
    expect(sanitizeIdentifier(raw)).toBe(want);
  });

  it('always yields a C identifier that is not reserved', () => {
    for (const raw of ['', ' ', '1', '_', '__', 'class', 'std', '$(x)', '\u0000', 'a-b.c/d\\e', '😀', 'ÄÖÜ']) {
      const id = sanitizeIdentifier(raw);
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(id).not.toMatch(/_$|__/);
    }
  });
});

describe('IdentifierPool', () => {
  it('makes names unique, case-insensitively, deterministically', () => {
    const pool = new IdentifierPool(['top']);
    expect(pool.unique('', 'top')).toBe('top_2');
    expect(pool.unique('mvau', 'a')).toBe('mvau_a');
    expect(pool.unique('mvau', 'A')).toBe('mvau_A_2');
    expect(pool.unique('mvau', 'a!')).toBe('mvau_a_3');
    expect(pool.unique('', 'int')).toBe('int_v');
  });
});
