import { describe, expect, it } from 'vitest';
import { escapeControl, escapeControlInJson, hasControl, quoteName } from './escape';

describe('escapeControl / quoteName', () => {
  it('shows newlines, CR, tabs, ESC, DEL, C1 and bidi overrides as escapes', () => {
    expect(escapeControl('a\nb\rc\td\x1b[2Je\x7f\x9b\u202eZ')).toBe('a\\nb\\rc\\td\\x1b[2Je\\x7f\\x9b\\u202eZ');
    expect(escapeControl('line 1\nline\x1b 2', true)).toBe('line 1\nline\\x1b 2');
    expect(escapeControl('plain ünïcode → ok')).toBe('plain ünïcode → ok');
  });

  it('quotes names so that they stay on one line and cannot close the quote', () => {
    expect(quoteName("x\nscanflow: everything fine, exit 0")).toBe("'x\\nscanflow: everything fine, exit 0'");
    expect(quoteName("it's")).toBe("'it\\'s'");
    expect(quoteName('a\\nb')).toBe("'a\\\\nb'");
    expect(quoteName('\x1b[2J')).toBe("'\\x1b[2J'");
  });

  it('keeps JSON valid and equal in value while escaping C1 and bidi characters', () => {
    const value = { name: 'a\u009b2J\u202eb\u2028c', n: 'x\ny' };
    const json = JSON.stringify(value, null, 2);
    const safe = escapeControlInJson(json);
    expect(safe).not.toMatch(/[\u0080-\u009f\u202e\u2028]/);
    expect(JSON.parse(safe)).toEqual(value);
  });

  it('detects control characters', () => {
    expect(hasControl('ok')).toBe(false);
    expect(hasControl('a\nb')).toBe(true);
    expect(hasControl('a\nb', true)).toBe(false);
    expect(hasControl('a\u2028b', true)).toBe(true);
  });
});
