#!/usr/bin/env node
// Runs the whole vitest suite (every package project) and prints the plain summary line
// `N passed, N failed` that CI reads, then exits with vitest's own status.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = join(root, '.vitest-results.json');
rmSync(out, { force: true });
const vitest = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vitest.cmd' : 'vitest');
const r = spawnSync(vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  shell: false,
});
if (r.error) console.error(`could not start vitest: ${r.error.message}`);
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const json = JSON.parse(readFileSync(out, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // failed tests, plus test files that failed without a failing test (an import or syntax error)
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed = (json.numFailedTests ?? 0) + brokenFiles;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(r.status === 0 && failed === 0 ? 0 : r.status || 1);
