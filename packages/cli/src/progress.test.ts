import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressFor, quietProgress, spinnerProgress } from './progress';

/** A stream that claims to be an 100-column terminal and keeps what was drawn on it. */
function fakeTerminal(): { stream: PassThrough; text: () => string } {
  const stream = Object.assign(new PassThrough(), {
    isTTY: true,
    columns: 100,
    cursorTo: (_x: number, cb?: () => void) => (cb?.(), true),
    moveCursor: (_dx: number, _dy: number, cb?: () => void) => (cb?.(), true),
    clearLine: (_dir: number, cb?: () => void) => (cb?.(), true),
  });
  let drawn = '';
  stream.on('data', (c: Buffer) => (drawn += c.toString()));
  // eslint-disable-next-line no-control-regex
  return { stream, text: () => drawn.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
}

describe('progress', () => {
  it('ends a step with a tick, its label and its time, and returns the work result', () => {
    const t = fakeTerminal();
    const v = spinnerProgress(t.stream).step('stages', () => 42);
    expect(v).toBe(42);
    expect(t.text()).toMatch(/✔ stages \(\d+ ms\)/);
  });

  it('ends a failing step with a cross and rethrows the error', () => {
    const t = fakeTerminal();
    expect(() =>
      spinnerProgress(t.stream).step('C-simulation', () => {
        throw new Error('g++ failed');
      }),
    ).toThrow('g++ failed');
    expect(t.text()).toMatch(/✖ C-simulation \(\d+ ms\)/);
  });

  it('waits for asynchronous work and reports it', async () => {
    const t = fakeTerminal();
    const v = await spinnerProgress(t.stream).step('report.html', async () => 'done');
    expect(v).toBe('done');
    expect(t.text()).toMatch(/✔ report\.html/);
  });

  it('shows what a long step is doing when told', () => {
    const t = fakeTerminal();
    spinnerProgress(t.stream).step('stages', (doing) => {
      const until = performance.now() + 150;
      while (performance.now() < until);
      doing('streamline');
    });
    expect(t.text()).toContain('stages: streamline');
  });

  it('is quiet for --json and when not interactive', () => {
    expect(progressFor({ json: true, interactive: true })).toBe(quietProgress);
    expect(progressFor({ interactive: false })).toBe(quietProgress);
    let told = '';
    expect(quietProgress.step('x', (doing) => (doing('y'), (told = 'ran'), 7))).toBe(7);
    expect(told).toBe('ran');
  });
});
