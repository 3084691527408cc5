import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** /work/<project>/../shared/conformance, found from this file's location (read in place, never copied). */
export const CONFORMANCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'conformance');
export const ONNX_NODE_DIR = join(CONFORMANCE_DIR, 'onnx-node');

/** Names of the ONNX backend-test case folders (those holding a model.onnx). */
export function onnxNodeCases(): string[] {
  if (!existsSync(ONNX_NODE_DIR)) throw new Error(`conformance data not found at ${ONNX_NODE_DIR}`);
  return readdirSync(ONNX_NODE_DIR)
    .filter((c) => existsSync(join(ONNX_NODE_DIR, c, 'model.onnx')))
    .sort();
}

/** test_data_set_* folders of a case and their input_/output_ .pb files, in index order. */
export function testDataFiles(caseName: string): { dir: string; kind: 'input' | 'output'; index: number; path: string }[] {
  const root = join(ONNX_NODE_DIR, caseName);
  const out: { dir: string; kind: 'input' | 'output'; index: number; path: string }[] = [];
  for (const dir of readdirSync(root).filter((d) => d.startsWith('test_data_set_')).sort()) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      const m = /^(input|output)_(\d+)\.pb$/.exec(f);
      if (m) out.push({ dir, kind: m[1] as 'input' | 'output', index: Number(m[2]), path: join(root, dir, f) });
    }
  }
  return out;
}
