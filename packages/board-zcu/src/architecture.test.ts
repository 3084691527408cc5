import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** docs/architecture.md: board-zcu may import @scanflow/hls-backend for types only. */
describe('board-zcu imports only types from @scanflow/hls-backend', () => {
  it('has no value import of hls-backend outside tests', () => {
    const dir = new URL('.', import.meta.url).pathname;
    const offenders: string[] = [];
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.endsWith('.test-support.ts')) continue;
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'@scanflow\/hls-backend'/gms)) {
        if (!m[2]) offenders.push(`${f}: ${m[0].split('\n')[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
