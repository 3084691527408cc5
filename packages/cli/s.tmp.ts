import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findModelProblems } from '@scanflow/ir';
import { loadModel } from '@scanflow/onnx-io';
import { fullRegistry } from './src/verify/full-registry';
const reg = fullRegistry();
const files: string[] = [];
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.onnx')) files.push(p); } };
walk('/work/shared/conformance');
let bad = 0, loadFail = 0;
const byRule: Record<string, number> = {};
for (const f of files) {
  let m; try { m = loadModel(f); } catch (e) { loadFail++; continue; }
  const p = findModelProblems(m, reg);
  if (p.length) { bad++; for (const x of p) byRule[x.rule] = (byRule[x.rule] ?? 0) + 1; console.log(f.replace('/work/shared/conformance/', ''), '|', p[0].message); }
}
console.log({ files: files.length, bad, loadFail, byRule });
