import { coreOps, createRegistry, DataType, definePlugin, defineOp, GraphBuilder, type OpSchema, OpLookup, type OpTraits, Tensor } from '@scanflow/ir';
import { coreKernels, createConstantEvaluator, Simulator } from '@scanflow/sim';
import type { KernelDefinition } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../../builtin-passes';
import { runPipeline } from '../../pass-manager';
import { analyseGraph } from './ranges';

/**
 * Streamlining reads what it may assume about an op from the op's traits, through the registry: a
 * plugin's op declaring a trait is treated like the core op declaring the same one, and without the
 * trait it is left alone.
 */
const DOMAIN = 'test.traits';

/** `Flip`: reverses a 1-D vector (a layout-only data movement when declared so). */
function flipSchema(traits: OpTraits | undefined): OpSchema {
  return defineOp({ domain: DOMAIN, opType: 'Flip', inputs: [1, 1], outputs: [1, 1], inferTypes: (ctx) => [ctx.tensorInput(0)], ...(traits ? { traits } : {}) });
}

const flipKernel: KernelDefinition = {
  domain: DOMAIN,
  opType: 'Flip',
  create: () => (inputs) => {
    const x = inputs[0]!;
    return [new Tensor('float32', x.dims, Float32Array.from(x.data as Float32Array).reverse())];
  },
};

/** `Triple`: 3·x, with a `ranges` hook. */
const tripleSchema = defineOp({
  domain: DOMAIN,
  opType: 'Triple',
  inputs: [1, 1],
  outputs: [1, 1],
  inferTypes: (ctx) => [ctx.tensorInput(0)],
  traits: {
    ranges: (ctx) => {
      const a = ctx.range(0);
      return a ? [{ lo: 3 * a.lo, hi: 3 * a.hi }] : undefined;
    },
  },
});

function registryWith(traits: OpTraits | undefined) {
  return createRegistry([coreOps(), coreKernels(), corePasses(), definePlugin({ name: 'test-traits', ops: [flipSchema(traits), tripleSchema], kernels: [flipKernel] })]);
}

function scaledFlip() {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [4]);
  const f = b.op('Flip', [b.op('Mul', [x, b.scalar('s', 0.25)])], {}, { domain: DOMAIN });
  b.output(f, 'float32');
  const m = b.model({ opset: 14 });
  m.opsetImports.set(DOMAIN, 1);
  return m;
}

describe('op traits in streamlining', () => {
  it('a per-tensor scale moves past a plugin op declared layout-only data movement, with the same results', () => {
    const registry = registryWith({ dataMovement: { kind: 'layout' } });
    const model = scaledFlip();
    const after = runPipeline(scaledFlip(), 'move-mul-past-invariants', { registry, checkStructure: true, evaluate: createConstantEvaluator(registry) }).model;
    expect(after.graph.nodes.map((n) => n.opType)).toEqual(['Flip', 'Mul']);
    const x = new Tensor('float32', [4], Float32Array.of(1, -2, 3.5, 8));
    const before = new Simulator(model, { registry }).run([x]).outputs[0]!;
    const out = new Simulator(after, { registry }).run([x]).outputs[0]!;
    expect(Array.from(out.data as Float32Array)).toEqual(Array.from(before.data as Float32Array));
    expect(Array.from(out.data as Float32Array)).toEqual([2, 0.875, -0.5, 0.25]);
  });

  it('without the trait the same op is left alone', () => {
    const registry = registryWith(undefined);
    const r = runPipeline(scaledFlip(), 'move-mul-past-invariants', { registry, checkStructure: true });
    expect(r.records[0]!.changed).toBe(false);
    expect(r.model.graph.nodes.map((n) => n.opType)).toEqual(['Mul', 'Flip']);
  });

  it("range analysis runs a plugin op's ranges hook, and data movement keeps its input's interval", () => {
    const registry = registryWith({ dataMovement: { kind: 'layout' } });
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [4]);
    const t = b.op('Triple', [x], {}, { domain: DOMAIN });
    const f = b.op('Flip', [t], {}, { domain: DOMAIN });
    const d = b.op('Sub', [f, b.initializer('five', Tensor.float32([1], [5]))]);
    b.output(d, 'float32');
    const m = b.model({ opset: 14 });
    m.opsetImports.set(DOMAIN, 1);
    m.graph.setDataType('x', DataType.int(4));
    const r = analyseGraph(new OpLookup(registry, m), m.graph, new Map());
    // INT4: [-8, 7]; ·3 → [-24, 21]; flipped: same; − 5 → [-29, 16]
    expect(r.get(t)).toEqual({ lo: -24, hi: 21 });
    expect(r.get(f)).toEqual({ lo: -24, hi: 21 });
    expect(r.get(d)).toEqual({ lo: -29, hi: 16 });
  });

  it('the core schemas carry the traits the passes rely on', () => {
    const registry = createRegistry([coreOps()]);
    const m = new GraphBuilder('g').model({ opset: 14 });
    const ops = new OpLookup(registry, m);
    const traits = (opType: string, domain = ''): OpTraits => ops.traits({ opType, domain } as never);
    expect(['Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Flatten', 'Identity'].every((t) => traits(t).dataMovement?.kind === 'layout')).toBe(true);
    expect(['Gather', 'Slice', 'Expand', 'Tile', 'Concat', 'Split'].every((t) => traits(t).dataMovement?.kind === 'select')).toBe(true);
    expect(['Add', 'Mul', 'Div', 'Sigmoid', 'Tanh', 'Relu', 'Clip'].every((t) => traits(t).elementwise)).toBe(true);
    expect(traits('QuantizeLinear').elementwise?.broadcast).toBe('per-axis');
    expect(traits('Quant', 'qonnx.custom_op.general').quantizer).toBe(true);
    expect(traits('MultiThreshold', 'qonnx.custom_op.general').scaleCommuting).toBe('absorb');
    expect(traits('MatMul').scaleCommuting).toBe('linear');
    expect(traits('Softmax').elementwise).toBeUndefined();
    expect(traits('MatMul').elementwise).toBeUndefined();
  });

  it("a loop's binding: Scan states are carried, scan inputs sliced, the rest stacked", () => {
    const body = new GraphBuilder('body');
    const h = body.input('h', 'float32', [2]);
    const xs = body.input('xs', 'float32', [2]);
    const hn = body.op('Add', [h, xs]);
    body.output(hn, 'float32');
    body.output(body.op('Identity', [hn]), 'float32');
    const b = new GraphBuilder('g');
    const h0 = b.input('h0', 'float32', [2]);
    const seq = b.input('seq', 'float32', [3, 2]);
    const [hf, ys] = b.node('Scan', [h0, seq], { body: { type: 'graph', value: body.graph }, num_scan_inputs: 1 }, { outputCount: 2 });
    b.output(hf!, 'float32');
    b.output(ys!, 'float32');
    const m = b.model({ opset: 14 });
    const scan = m.graph.nodes[0]!;
    const loop = new OpLookup(createRegistry([coreOps()]), m).loop(scan)!;
    expect(loop.inputs).toEqual([
      { kind: 'carried', initial: 0, next: 0, final: 0 },
      { kind: 'sliced', from: 1 },
    ]);
    expect(loop.stacked).toEqual([{ bodyOutput: 1, nodeOutput: 1 }]);
  });
});
