#!/usr/bin/env node
// The main job: the mid-price example (examples/mid-price) — a trained, quantised ConvLSTM on
// FI-2010-format limit-order-book data (synthetic unless pointed at the real files), its accuracy on
// scanflow's simulator, and its zcu104 accelerator compiled end to end. Its files go to ./demo-out at
// the repository root (results.json, compiled/). `node scripts/demo.mjs --quickstart [DIR]` runs the
// second example, the FINN-GL-size LSTM (examples/qlstm-quickstart).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const quickstart = args[0] === '--quickstart';
const rest = quickstart ? args.slice(1) : args;
const out = rest[0] ? resolve(rest[0]) : join(root, quickstart ? 'demo-out-quickstart' : 'demo-out');
const example = quickstart ? '@scanflow-examples/qlstm-quickstart' : '@scanflow-examples/mid-price';
const r = spawnSync('pnpm', ['--filter', example, 'run', 'demo', out], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
