// A third-party plugin for the tests: a hardware layer scanflow's packages know nothing about —
// MaxZero, y = max(x, 0) on integer streams, in its own domain — contributed as an op schema, a
// simulator kernel and a hardware layer (code generator, estimator, folding), through the public
// entry points only.
import { type HwLayerDefinition, layerSignature, type LayerPort } from '@scanflow/hls-backend';
import { attrInt, DataType, defineOp, definePlugin, type Plugin, smallestIntTypeForRange, Tensor, toNumbers } from '@scanflow/ir';
import { defineKernel } from '@scanflow/sim';

export const MAX_ZERO_DOMAIN = 'org.example.maxzero';

const maxZeroLayer: HwLayerDefinition = {
  domain: MAX_ZERO_DOMAIN,
  opType: 'MaxZero',
  functionPrefix: 'relu',
  folding: { pe: (node) => attrInt(node, 'channels') },
  estimate: ({ node, folding, numVectors }) => {
    const pe = folding.pe;
    return { cycles: (numVectors ?? 1) * (attrInt(node, 'channels') / pe), lut: 8 * pe, ff: 16 * pe, bram18: 0, uram: 0, dsp: 0, notes: ['max(x, 0): a sign test and a mux per lane'] };
  },
  codegen: (ctx) => {
    const { node } = ctx;
    const pe = attrInt(node, 'pe', 1);
    const x = node.inputs[0]!;
    const y = node.outputs[0]!;
    const elements = ctx.elements(x);
    const seq = ctx.isSeq(x);
    const ti = ctx.elemType(x);
    const to = ctx.elemType(y);
    const input: LayerPort = { index: 0, lanes: pe, elem: ti, elements, seq };
    const output: LayerPort = { index: 0, lanes: pe, elem: to, elements, seq };
    const code = [
      `${layerSignature(ctx.functionName, [input], [output], false, seq)} {`,
      `  for (unsigned i = 0; i < ${ctx.reps(x, pe)}; ++i) {`,
      '    SCANFLOW_PRAGMA(HLS PIPELINE II=1)',
      `    const scanflow::packed_t<${pe}, ${ti.cpp}> w = in0.read();`,
      `    scanflow::packed_t<${pe}, ${to.cpp}> o = 0;`,
      `    for (unsigned p = 0; p < ${pe}u; ++p) {`,
      '      SCANFLOW_PRAGMA(HLS UNROLL)',
      `      const ${ti.cpp} v = scanflow::get_elem<${ti.cpp}>(w, p);`,
      `      scanflow::set_elem<${to.cpp}>(o, p, v < 0 ? ${to.cpp}(0) : ${to.cpp}(v));`,
      '    }',
      '    out0.write(o);',
      '  }',
      '}',
      '',
    ].join('\n');
    return { inputs: [input], outputs: [output], usesSeqLen: seq, definitions: [{ name: ctx.functionName, code }] };
  },
};

/** The plugin: op schema, kernel, hardware layer. */
export default function maxZeroPlugin(): Plugin {
  return definePlugin({
    name: 'example-maxzero',
    ops: [
      defineOp({
        domain: MAX_ZERO_DOMAIN,
        opType: 'MaxZero',
        inputs: [1, 1],
        outputs: [1, 1],
        description: 'max(x, 0) on a channel-last stream of `channels` channels.',
        attributes: { channels: { type: 'int', required: true, description: 'Channels of a vector.' }, pe: { type: 'int', default: 1, description: 'Channels per cycle.' } },
        inferTypes: (ctx) => [ctx.tensorInput(0)],
        inferDataTypes: (ctx) => {
          const a = ctx.dataType(0);
          return [a.isInteger ? smallestIntTypeForRange(0, Math.max(0, a.max)) : DataType.FLOAT32];
        },
      }),
    ],
    kernels: [
      defineKernel({
        domain: MAX_ZERO_DOMAIN,
        opType: 'MaxZero',
        create: () => (inputs) => {
          const x = inputs[0]!;
          return [Tensor.float32([...x.dims], toNumbers(x).map((v) => Math.max(0, v)))];
        },
      }),
    ],
    hwLayers: [maxZeroLayer],
  });
}
