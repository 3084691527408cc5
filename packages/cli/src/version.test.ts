import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './program';

describe('scanflow --version', () => {
  it("prints @scanflow/cli's package.json version", async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const out: string[] = [];
    expect(await main(['--version'], { out: (l) => out.push(l), err: (l) => out.push(`err: ${l}`) })).toBe(0);
    expect(out).toEqual([version]);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
