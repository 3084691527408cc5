#!/usr/bin/env node
// Runs `pnpm <args>` on a machine that may only have Node and npm: installs the pinned pnpm into
// ./.tools when no pnpm of that version is on PATH, installs the locked dependencies when
// node_modules is missing, then runs the command with that pnpm first on PATH (nx needs it there).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function pnpmVersionOnPath(env) {
  try {
    return execFileSync('pnpm', ['--version'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const env = { ...process.env };
if (pnpmVersionOnPath(env) !== wanted) {
  const toolDir = join(root, '.tools');
  const bin = join(toolDir, 'node_modules', '.bin');
  if (!existsSync(join(bin, 'pnpm'))) {
    console.log(`[scanflow] installing pnpm ${wanted} into .tools/`);
    execFileSync('npm', ['install', '--prefix', toolDir, '--no-save', '--no-audit', '--no-fund', `pnpm@${wanted}`], { stdio: 'inherit' });
  }
  env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
}

if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) {
  console.log('[scanflow] installing the locked dependencies');
  const r = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const r = spawnSync('pnpm', process.argv.slice(2), { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
