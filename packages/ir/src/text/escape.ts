/**
 * Characters a terminal may act on instead of showing: C0 controls, DEL, C1 controls, the Unicode
 * line / paragraph separators and the bidirectional overrides (which can reorder what is shown).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown as an escape (`\n`, `\r`, `\x1b`, `\u202e` ...), so
 * that printing it can neither start a new line nor drive the terminal. With `keepNewlines`, `\n`
 * is kept (for text that is several lines on purpose, like JSON or help).
 */
export function escapeControl(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE, escapeOne);
}

/**
 * JSON text (from JSON.stringify, which already escapes C0 controls inside strings) with the
 * remaining terminal-unsafe characters — C1 controls, DEL, line separators, bidi overrides —
 * written as JSON `\uXXXX` escapes, so the document stays valid JSON and parses to the same value.
 */
export function escapeControlInJson(json: string): string {
  return json.replace(UNSAFE_BUT_NEWLINE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether `text` holds a character `escapeControl` would escape (newlines count unless allowed). */
export function hasControl(text: string, allowNewlines = false): boolean {
  const re = allowNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE;
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

/**
 * A name from a model (node, value, graph, file) for a message: in single quotes, with quotes,
 * backslashes and control characters escaped — `'a\nb'` can never forge a second line.
 */
export function quoteName(name: string): string {
  return `'${escapeControl(name.replace(/\\/g, '\\\\').replace(/'/g, "\\'"))}'`;
}
