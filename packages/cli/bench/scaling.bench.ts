/**
 * How load, check, shape inference, simulation and the stages scale with the size of the graph:
 * - chains of 1 000, 10 000 and 100 000 nodes (Add, Mul, Relu and QuantizeLinear →
 *   DequantizeLinear pairs on a [1, 8] float32 value): decode, check, infer, simulate, and the
 *   import + qonnx stages;
 * - a quantised MLP chain (quant-chain.ts) of 1 000, 10 000 and 100 000 nodes: each stage's
 *   pipeline — import, qonnx, streamlined, hardware — timed on its own.
 * Prints the time of each step per node count and the ratio of its time per node to the 1 000-node
 * chain's — about 1 for linear work, about 10 and 100 for quadratic. Run with `pnpm bench` (or
 * `pnpm exec vitest bench --run packages/cli/bench/scaling.bench.ts`).
 */
import { checkModel, GraphBuilder, inferTypes, type Model, Tensor } from '@scanflow/ir';
import { decodeModel, encodeModel } from '@scanflow/onnx-io';
import { createConstantEvaluator, Simulator } from '@scanflow/sim';
import { runPipeline, runStages, stagePipelines } from '@scanflow/transforms';
import { bench, describe } from 'vitest';
import { fullRegistry } from '../src/compose/full-registry';
import { quantChain } from './quant-chain';

const SIZES = [1_000, 10_000, 100_000];

function chain(n: number): Model {
  const b = new GraphBuilder('chain');
  let v = b.input('x', 'float32', [1, 8]);
  const c = b.initializer('c', Tensor.float32([1, 8], [1, 2, 3, 4, 5, 6, 7, 8]));
  const s = b.initializer('s', Tensor.float32([], [0.05]));
  const z = b.initializer('z', new Tensor('int8', [], Int8Array.of(0)));
  for (let k = 0; k < n; ) {
    const r = k % 4;
    if (r === 0) v = b.op('Add', [v, c]);
    else if (r === 1) v = b.op('Mul', [v, c]);
    else if (r === 2) v = b.op('Relu', [v]);
    else {
      v = b.op('DequantizeLinear', [b.op('QuantizeLinear', [v, s, z]), s, z]);
      k++;
    }
    k++;
  }
  b.output(v);
  return b.model({ opset: 17 });
}

const registry = fullRegistry();
const evaluate = createConstantEvaluator(registry);
const STEPS = ['decode', 'check', 'infer', 'simulate', 'import + qonnx stages'] as const;
const QUANT_STEPS = ['quantised: import stage', 'quantised: qonnx stage', 'quantised: streamlined stage', 'quantised: hardware stage'] as const;
type Step = (typeof STEPS)[number] | (typeof QUANT_STEPS)[number];
const times = new Map<number, Partial<Record<Step, number>>>();

function measure(n: number): void {
  const bytes = encodeModel(chain(n));
  const t: Partial<Record<Step, number>> = times.get(n) ?? {};
  const step = <T>(name: Step, fn: () => T): T => {
    const t0 = performance.now();
    const r = fn();
    t[name] = performance.now() - t0;
    return r;
  };
  const model = step('decode', () => decodeModel(bytes));
  step('check', () => checkModel(model, registry));
  step('infer', () => inferTypes(model, registry));
  step('simulate', () => new Simulator(model, { registry }).run([Tensor.zeros('float32', [1, 8])]));
  step('import + qonnx stages', () => runStages(model, { registry, evaluate, upTo: 'qonnx' }));
  times.set(n, t);
}

const warm = quantChain(200);

/** The quantised chain through each stage's pipeline in turn, each timed on its own. */
function measureStages(n: number): void {
  const t = times.get(n) ?? {};
  const pipelines = stagePipelines(registry);
  // warm the passes' code once (untimed), so the smallest chain is not charged the JIT's work
  if (n === SIZES[0]) for (const stage of ['import', 'qonnx', 'streamlined', 'hardware'] as const) runPipeline(warm, pipelines[stage]!, { registry, evaluate });
  const model = quantChain(n);
  (['import', 'qonnx', 'streamlined', 'hardware'] as const).forEach((stage, k) => {
    const t0 = performance.now();
    runPipeline(model, pipelines[stage]!, { registry, evaluate });
    t[QUANT_STEPS[k]!] = performance.now() - t0;
  });
  times.set(n, t);
}

function report(): void {
  const base = times.get(SIZES[0]!)!;
  const lines = [`${'step'.padEnd(30)}${SIZES.map((n) => `${n.toLocaleString('en-US')} nodes`.padStart(22)).join('')}`];
  for (const s of [...STEPS, ...QUANT_STEPS]) {
    const cells = SIZES.map((n) => {
      const ms = times.get(n)?.[s];
      if (ms === undefined) return '-'.padStart(22);
      const ratio = ms / n / (base[s]! / SIZES[0]!);
      return `${ms.toFixed(0)} ms (×${ratio.toFixed(2)}/node)`.padStart(22);
    });
    lines.push(`${s.padEnd(30)}${cells.join('')}`);
  }
  console.log(`\nscaling of a chain graph (time, and time per node relative to ${SIZES[0]} nodes):\n${lines.join('\n')}\n`);
}

describe('graph-size scaling (chains of 1k, 10k, 100k nodes)', () => {
  for (const n of SIZES) {
    bench(`${n.toLocaleString('en-US')} nodes: decode, check, infer, simulate, import + qonnx stages`, () => measure(n), { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 });
  }
  for (const n of SIZES) {
    bench(
      `${n.toLocaleString('en-US')}-node quantised chain: import, qonnx, streamlined, hardware stages`,
      () => {
        measureStages(n);
        if (n === SIZES[SIZES.length - 1]) report();
      },
      { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
    );
  }
});
