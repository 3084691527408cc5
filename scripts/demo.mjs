#!/usr/bin/env node
// Runs the quick-start example (examples/qlstm-quickstart) after the packages are built; its files go
// to ./demo-out at the repository root.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'demo-out');
const r = spawnSync('pnpm', ['--filter', '@scanflow-examples/qlstm-quickstart', 'run', 'demo', out], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
