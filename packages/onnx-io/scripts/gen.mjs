// Regenerates src/gen/onnx.js + onnx.d.ts from the vendored src/proto/onnx.proto with
// protobufjs-cli (`pbjs -t json-module -w esm --dts`), then makes the module use a private
// protobufjs Root instead of the process-wide `roots.default`, so that evaluating the module
// twice (test isolation, HMR, two copies of the package) cannot fail with "duplicate name".
//
//   node scripts/gen.mjs           write into src/gen
//   node scripts/gen.mjs --check   generate into a temporary folder and fail if src/gen differs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const genDir = join(pkgDir, 'src', 'gen');
const outDir = check ? mkdtempSync(join(tmpdir(), 'onnx-io-gen-')) : genDir;
const require = createRequire(join(pkgDir, 'package.json'));
const pbjs = join(dirname(require.resolve('protobufjs-cli/package.json')), 'bin', 'pbjs');

mkdirSync(outDir, { recursive: true });
const outJs = join(outDir, 'onnx.js');
// The proto path is passed relative to the package so nothing machine-specific reaches the output.
execFileSync(process.execPath, [pbjs, '-t', 'json-module', '-w', 'esm', '--dts', '-o', outJs, 'src/proto/onnx.proto'], {
  cwd: pkgDir,
  stdio: ['ignore', 'inherit', 'inherit'],
});

const shared = /\(\$protobuf\.roots\["default"\] \|\| \(\$protobuf\.roots\["default"\] = new \$protobuf\.Root\(\)\)\)/;
const js = readFileSync(outJs, 'utf8');
if (!shared.test(js)) throw new Error('gen: pbjs output changed shape (no roots["default"] expression to replace)');
writeFileSync(outJs, js.replace(shared, 'new $protobuf.Root()'));

if (check) {
  const names = (dir) => readdirSync(dir).sort();
  let stale = names(outDir).join() !== names(genDir).join() ? [`files: ${names(genDir).join(', ')} vs ${names(outDir).join(', ')}`] : [];
  if (!stale.length) stale = names(outDir).filter((f) => !readFileSync(join(outDir, f)).equals(readFileSync(join(genDir, f))));
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`gen:check: src/gen is out of date with src/proto/onnx.proto (${stale.join('; ')}); run \`pnpm --filter @scanflow/onnx-io run gen\` and commit`);
    process.exit(1);
  }
  console.log('gen:check: src/gen matches src/proto/onnx.proto');
} else {
  console.log(`gen: wrote ${outJs} and onnx.d.ts`);
}
