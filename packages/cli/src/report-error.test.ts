import { IrError, LimitError, ScanflowError } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from './cli-error';
import type { CliIO } from './io';
import { reportError } from './report-error';

function capture(): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l) };
}

describe('reportError: one line, a code and a category per error', () => {
  it.each([
    [new UsageError('--x takes a number'), 2, 'scanflow: usage error [USAGE]: --x takes a number'],
    [new IrError('graph g: bad'), 1, 'scanflow: model error [IR_INVALID]: graph g: bad'],
    [new InputError('input_0.pb is missing'), 1, 'scanflow: input error [INPUT_INVALID]: input_0.pb is missing'],
    [new LimitError('maxNodes', 'too many nodes', { category: 'model' }), 1, 'scanflow: model error [LIMIT_EXCEEDED]: too many nodes'],
    [new ScanflowError('PASS_FAILED', 'pass x failed', { category: 'internal' }), 70, 'scanflow: internal error [PASS_FAILED]: pass x failed (a bug in scanflow; --debug shows the stack trace)'],
    [new TypeError("Cannot read properties of undefined (reading 'dims')"), 70, "scanflow: internal error: Cannot read properties of undefined (reading 'dims') (a bug in scanflow; --debug shows the stack trace)"],
    [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/out/x' }), 1, "scanflow: environment error [ENOSPC]: '/out/x': no space left on the device (ENOSPC)"],
  ])('%s → exit %i', (error, code, line) => {
    const io = capture();
    expect(reportError(error, io, false)).toBe(code);
    expect(io.lines).toEqual([line]);
  });

  it('escapes newlines and terminal controls in the message, and shows the stack only with --debug', () => {
    const io = capture();
    expect(reportError(new IrError("node 'a\nscanflow: everything fine, exit 0\x1b[2J' is bad"), io, false)).toBe(1);
    expect(io.lines).toEqual(["scanflow: model error [IR_INVALID]: node 'a\\nscanflow: everything fine, exit 0\\x1b[2J' is bad"]);
    const debug = capture();
    reportError(new TypeError('boom'), debug, true);
    expect(debug.lines[0]).toBe('scanflow: internal error: boom (a bug in scanflow; --debug shows the stack trace)');
    expect(debug.lines[1]).toMatch(/^TypeError: boom\n\s+at /);
  });
});
