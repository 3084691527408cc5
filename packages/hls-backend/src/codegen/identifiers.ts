/**
 * C++ identifiers for generated code. Names from the model file are never trusted: every
 * identifier (and every generated file name, which is derived from one) goes through
 * {@link sanitizeIdentifier} and is made unique by an {@link IdentifierPool}.
 */

const CPP_KEYWORDS = [
  'alignas', 'alignof', 'and', 'and_eq', 'asm', 'auto', 'bitand', 'bitor', 'bool', 'break', 'case', 'catch', 'char',
  'char16_t', 'char32_t', 'char8_t', 'class', 'compl', 'concept', 'const', 'consteval', 'constexpr', 'constinit',
  'const_cast', 'continue', 'co_await', 'co_return', 'co_yield', 'decltype', 'default', 'delete', 'do', 'double',
  'dynamic_cast', 'else', 'enum', 'explicit', 'export', 'extern', 'false', 'float', 'for', 'friend', 'goto', 'if',
  'inline', 'int', 'long', 'mutable', 'namespace', 'new', 'noexcept', 'not', 'not_eq', 'nullptr', 'operator', 'or',
  'or_eq', 'private', 'protected', 'public', 'register', 'reinterpret_cast', 'requires', 'return', 'short', 'signed',
  'sizeof', 'static', 'static_assert', 'static_cast', 'struct', 'switch', 'template', 'this', 'thread_local',
  'throw', 'true', 'try', 'typedef', 'typeid', 'typename', 'union', 'unsigned', 'using', 'virtual', 'void',
  'volatile', 'wchar_t', 'while', 'xor', 'xor_eq',
];

/** Names a generated identifier must not take: C++ keywords, and names the generated code or its headers use. */
const RESERVED = new Set<string>([
  ...CPP_KEYWORDS,
  'main', 'std', 'hls', 'scanflow', 'ap_int', 'ap_uint', 'ap_axiu', 'ap_axis', 'NULL', 'assert', 'errno',
  'stdin', 'stdout', 'stderr', 'printf', 'exit', 'abort', 'size_t',
]);

/** Longest model-derived part of an identifier (keeps file names and Vitis RTL names short). */
const MAX_PART = 32;

/**
 * A C++ identifier made from an arbitrary string: ASCII letters, digits and single underscores
 * only, no leading digit, no leading or trailing underscore (so never a reserved `_X` / `__x`
 * name), at most 32 characters, never a C++ keyword. Empty results become `fallback`.
 */
export function sanitizeIdentifier(raw: string, fallback = 'v'): string {
  let s = raw
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  s = s.slice(0, MAX_PART).replace(/_+$/, '');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `${fallback}_${s}`;
  if (RESERVED.has(s)) s = `${s}_${fallback}`;
  return s;
}

/**
 * Hands out unique identifiers within one C++ scope (or one folder of generated files).
 * Uniqueness is case-insensitive, so that file names derived from the identifiers never collide
 * on case-insensitive file systems. Deterministic: the same requests in the same order give the
 * same names.
 */
export class IdentifierPool {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }

  /** Marks an exact identifier as used (it must already be valid). */
  reserve(name: string): string {
    this.taken.add(name.toLowerCase());
    return name;
  }

  /** A unique identifier `prefix_<sanitised raw>` (or just the sanitised raw when prefix is ''). */
  unique(prefix: string, raw: string): string {
    const part = sanitizeIdentifier(raw);
    const base = prefix ? `${prefix}_${part}` : part;
    let name = base;
    for (let k = 2; this.taken.has(name.toLowerCase()) || RESERVED.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
