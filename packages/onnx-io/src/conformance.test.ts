import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValueInfo } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { onnx } from './gen/onnx.js';
import { decodeModel, encodeModel, loadModel, readTensorFile } from './index';
import { ONNX_NODE_DIR, onnxNodeCases, testDataFiles } from './testing/conformance.test-support';
import { diffModels } from './testing/diff-models.test-support';
import { canonicalModelJson } from './testing/proto-canonical.test-support';

const cases = onnxNodeCases();

function modelPath(c: string): string {
  return join(ONNX_NODE_DIR, c, 'model.onnx');
}

/** The model as protobufjs decodes it, to check the IR against a reading that does not go through our converter. */
function rawProto(c: string): onnx.ModelProto {
  const b = readFileSync(modelPath(c));
  return onnx.ModelProto.decode(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

describe('ONNX backend-test models (../shared/conformance/onnx-node)', () => {
  it('finds the case folders', () => {
    expect(cases.length).toBeGreaterThanOrEqual(420);
  });

  describe.each(cases)('%s', (c) => {
    it('loads, and load → encode → decode gives the same model', () => {
      const model = loadModel(modelPath(c));
      const proto = rawProto(c);
      const g = proto.graph as onnx.GraphProto;
      expect(model.graph.nodes.map((n) => n.opType)).toEqual(g.node.map((n) => n.opType));
      expect(model.graph.nodes.map((n) => n.outputs)).toEqual(g.node.map((n) => n.output));
      expect([...model.graph.initializers.keys()]).toEqual(g.initializer.map((t) => t.name));
      expect(model.graph.inputs.map((i) => i.name)).toEqual(g.input.map((i) => i.name));
      expect(model.graph.outputs.map((o) => o.name)).toEqual(g.output.map((o) => o.name));
      expect(model.rawOpsetImports).toEqual(proto.opsetImport.map((o) => [o.domain ?? '', Number(o.version)]));
      expect(model.irVersion).toBe(Number(proto.irVersion));

      const again = decodeModel(encodeModel(model), { fileName: `${c} (re-encoded)` });
      expect(diffModels(model, again)).toEqual([]);
    });

    it('re-encodes to the original bytes, or differs only in what the IR does not keep; deterministically', () => {
      const original = new Uint8Array(readFileSync(modelPath(c)));
      const first = encodeModel(loadModel(modelPath(c)));
      const second = encodeModel(decodeModel(first));
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      if (!Buffer.from(first).equals(Buffer.from(original))) {
        expect(canonicalModelJson(first)).toEqual(canonicalModelJson(original));
      }
    });

    it('test data decodes with the dtype and shape the graph declares', () => {
      const model = loadModel(modelPath(c));
      const declared = { input: model.graph.runtimeInputs, output: model.graph.outputs };
      for (const f of testDataFiles(c)) {
        const decl: ValueInfo | undefined = declared[f.kind][f.index];
        expect(decl, `${f.path}: no graph ${f.kind} #${f.index}`).toBeDefined();
        const type = decl?.type;
        // Sequence / optional values are SequenceProto / OptionalProto files, not TensorProto.
        if (type && type.kind !== 'tensor') continue;
        const { tensor } = readTensorFile(f.path);
        if (!type) continue;
        expect(tensor.elemType, f.path).toBe(type.elemType);
        if (type.shape) {
          expect(tensor.dims.length, f.path).toBe(type.shape.length);
          type.shape.forEach((d, i) => {
            if (typeof d === 'number') expect(tensor.dims[i], `${f.path} dim ${i}`).toBe(d);
          });
        }
      }
    });
  });
});
