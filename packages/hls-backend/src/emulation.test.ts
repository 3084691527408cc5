import { describe, expect, it } from 'vitest';
import { describeFixture, gppAvailable } from './testing/cpp-fixture.test-support';

// ap_int / ap_uint emulation: exhaustive (small widths) and random (up to 128 bits) checks against
// int64 / __int128 arithmetic computed in the C++ program itself.
describeFixture(
  'ap_int emulation against plain integer arithmetic',
  'emu_ap_int',
  [
    'construct_wrap',
    'exhaustive_small',
    'random_64',
    'random_128',
    'shifts',
    'range_bits',
    'double',
    'native_mix',
    'print',
    'wide_dump',
  ],
  {},
  (fixture) => {
    // Wider than 128 bits: the program prints operands and results in decimal, BigInt checks them.
    it.skipIf(!gppAvailable)('wide values (65..1000 bits) agree with BigInt arithmetic', () => {
      const run = fixture.run('wide_dump');
      expect(run.status).toBe(0);
      const seen = checkWideDump(run.stdout);
      for (const op of ['ADD', 'SUB', 'MUL', 'AND', 'OR', 'XOR', 'CMP', 'CONV', 'NEG', 'NOT', 'SHL', 'SHR', 'RANGE', 'SETRANGE']) {
        expect(seen.get(op) ?? 0, op).toBeGreaterThanOrEqual(200);
      }
    });
  },
);

// hls::stream and ap_axiu emulation.
describeFixture('hls::stream emulation', 'emu_stream', ['fifo_order', 'nonblocking', 'read_empty_throws', 'axiu_fields']);

interface Value {
  readonly width: number;
  readonly signed: boolean;
  readonly value: bigint;
}

function wrap(v: bigint, width: number, signed: boolean): bigint {
  return signed ? BigInt.asIntN(width, v) : BigInt.asUintN(width, v);
}

function inRange(x: Value): boolean {
  return wrap(x.value, x.width, x.signed) === x.value;
}

function plusWidth(a: Value, b: Value): number {
  const wa = a.width + (b.signed && !a.signed ? 1 : 0);
  const wb = b.width + (a.signed && !b.signed ? 1 : 0);
  return Math.max(wa, wb) + 1;
}

/** Parse `OP [ints...] tag W S value ...` lines; throw on the first disagreement; count per op. */
function checkWideDump(stdout: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const tokens = line.trim().split(/\s+/);
    const op = tokens[0]!;
    if (!/^(ADD|SUB|MUL|AND|OR|XOR|CMP|CONV|NEG|NOT|SHL|SHR|RANGE|SETRANGE)$/.test(op)) continue;
    let i = 1;
    const ints: number[] = [];
    while (i < tokens.length && /^-?\d+$/.test(tokens[i]!)) ints.push(Number(tokens[i++]));
    const values = new Map<string, Value>();
    while (i + 3 < tokens.length && /^[abr]$/.test(tokens[i]!)) {
      values.set(tokens[i]!, { width: Number(tokens[i + 1]), signed: tokens[i + 2] === '1', value: BigInt(tokens[i + 3]!) });
      i += 4;
    }
    const trailing = tokens.slice(i);
    const a = values.get('a')!;
    const b = values.get('b');
    const r = values.get('r');
    const fail = (what: string): never => {
      throw new Error(`${op}: ${what}\n  line: ${line}`);
    };
    for (const v of values.values()) if (!inRange(v)) fail(`value ${v.value} outside ${v.signed ? 'int' : 'uint'}${v.width}`);
    const expectR = (value: bigint, width: number, signed: boolean): void => {
      if (r === undefined) return fail('no result');
      if (r.width !== width || r.signed !== signed) fail(`result type ${r.signed ? 'int' : 'uint'}${r.width}, want ${signed ? 'int' : 'uint'}${width}`);
      if (r.value !== value) fail(`result ${r.value}, want ${value}`);
    };
    switch (op) {
      case 'ADD':
        expectR(a.value + b!.value, plusWidth(a, b!), a.signed || b!.signed);
        break;
      case 'SUB':
        expectR(a.value - b!.value, plusWidth(a, b!), true);
        break;
      case 'MUL':
        expectR(a.value * b!.value, a.width + b!.width, a.signed || b!.signed);
        break;
      case 'AND':
        expectR(a.value & b!.value, plusWidth(a, b!) - 1, a.signed || b!.signed);
        break;
      case 'OR':
        expectR(a.value | b!.value, plusWidth(a, b!) - 1, a.signed || b!.signed);
        break;
      case 'XOR':
        expectR(a.value ^ b!.value, plusWidth(a, b!) - 1, a.signed || b!.signed);
        break;
      case 'CMP': {
        const want = a.value < b!.value ? -1 : a.value === b!.value ? 0 : 1;
        if (Number(trailing[0]) !== want) fail(`compare ${trailing[0]}, want ${want}`);
        break;
      }
      case 'CONV':
        expectR(wrap(a.value, r!.width, r!.signed), r!.width, r!.signed);
        break;
      case 'NEG':
        expectR(-a.value, a.width + 1, true);
        break;
      case 'NOT':
        expectR(wrap(~a.value, a.width, a.signed), a.width, a.signed);
        break;
      case 'SHL': {
        const n = ints[0]!;
        expectR(n >= a.width ? 0n : wrap(a.value << BigInt(n), a.width, a.signed), a.width, a.signed);
        break;
      }
      case 'SHR':
        expectR(a.value >> BigInt(ints[0]!), a.width, a.signed);
        break;
      case 'RANGE': {
        const [hi, lo] = [ints[0]!, ints[1]!];
        expectR(BigInt.asUintN(hi - lo + 1, BigInt.asUintN(a.width, a.value) >> BigInt(lo)), a.width, false);
        break;
      }
      case 'SETRANGE': {
        const [hi, lo] = [ints[0]!, ints[1]!];
        const len = hi - lo + 1;
        const mask = ((1n << BigInt(len)) - 1n) << BigInt(lo);
        const bits = (BigInt.asUintN(a.width, a.value) & ~mask) | (BigInt.asUintN(len, b!.value) << BigInt(lo));
        expectR(wrap(bits, a.width, a.signed), a.width, a.signed);
        break;
      }
    }
    seen.set(op, (seen.get(op) ?? 0) + 1);
  }
  return seen;
}

describe('wide-dump checker', () => {
  it('rejects a wrong result (the checker itself can fail)', () => {
    expect(() => checkWideDump('ADD a 65 1 5 b 65 1 7 r 66 1 13')).toThrow(/result 13, want 12/);
    expect(() => checkWideDump('ADD a 65 1 5 b 65 1 7 r 67 1 12')).toThrow(/result type/);
    expect(checkWideDump('MUL a 70 0 3 b 70 1 -4 r 140 1 -12').get('MUL')).toBe(1);
  });
});
