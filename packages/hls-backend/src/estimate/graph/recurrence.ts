import { type Graph, type Node, toNumbers } from '@scanflow/ir';
import { hwLayerOf } from '../../hw-layer';
import { multiplierImpl } from '../../implementation/multiplier-impl';
import { thresholdMethod } from '../../implementation/threshold-method';
import { planStep, type StepOp } from '../../codegen/recurrence/step-plan';
import { isChained, sectionCycles } from '../../codegen/recurrence/step-sections';
import { parameterBits, layerLabel, streamBits } from '../layers/operands';
import { HlsEstimateError } from '../types';
import type { Env, GraphEstimate } from './estimate-model';
import type { LayerReport, RecurrenceReport, StepSectionReport } from './report';
import { STEP_OVERHEAD_CYCLES, type StepOpFacts, stepOpDepth } from './step-depth';
import { registerArrayResources } from '../primitives/register-array';
import type { Stage } from './streaming-latency';
import { declaredShape, type ShapeMap } from './value-shapes';

type LayerEstimateFn = (graph: Graph, node: Node, prefix: string, runs: number, shapes: ShapeMap, env: Env) => { report: LayerReport; stage: Stage };

/** What the depth of a step operation depends on beyond the plan: operand widths, multipliers, threshold method. */
function opBits(body: Graph, op: StepOp): StepOpFacts {
  const t = op.thresholds;
  const thresholdMethodOf = t ? { thresholdMethod: thresholdMethod(t.node, toNumbers(body.initializers.get(t.node.inputs[t.input]!)!), t.steps, true) } : {};
  const mult = op.node && (op.kind === 'mvau' || op.ewOp === 'mul') ? { multiplier: multiplierImpl(op.node) } : {};
  if (op.kind !== 'mvau' || !op.node) return { ...thresholdMethodOf, ...mult };
  return { weight: parameterBits(body, op.node, 1, 'weights'), input: streamBits(body, op.node, 0, 'input').bits, ...thresholdMethodOf, ...mult };
}

/**
 * A Recurrence as its fused step runs it (codegen/recurrence/step-plan.ts, the same plan the code
 * generator emits): per step, Σ over the step's sections of (iterations of the slowest member +
 * the deepest member's pipeline depth, ./step-depth.ts) + STEP_OVERHEAD_CYCLES; before the first
 * step the initial states are loaded (C / lanes each; a reverse sequence is buffered whole), after
 * the last the final states are written (and a reverse output flushed). busy = fill + T · step +
 * drain. Body layers are reported per step (runs = T); layers fused into another (an Add into the
 * MVAU it follows, a Thresholding into its producer) run in that layer's iterations; fan-outs and
 * reshapes cost nothing. The state registers (two halves per state) and the step's local arrays are
 * reported as their own entry. ESTIMATES.
 */
export function estimateRecurrence(graph: Graph, node: Node, prefix: string, runs: number, shapes: ShapeMap, env: Env, estimateLayer: LayerEstimateFn): GraphEstimate & { stage: Stage; report: RecurrenceReport } {
  const plan = planStep(node, env.registry);
  const body = plan.body;
  const N = plan.states.length;
  let steps: number | undefined;
  node.inputs.slice(N).forEach((name) => {
    const s = shapes.get(name) ?? declaredShape(graph, name);
    if (!s) throw new HlsEstimateError(`${layerLabel(node)}: the shape of input '${name}' is unknown`);
    if (steps !== undefined && s[0] !== steps) throw new HlsEstimateError(`${layerLabel(node)}: sequence '${name}' has ${s[0]} steps, an earlier one ${steps}`);
    steps = s[0];
  });
  const T = steps!;
  const path = `${prefix}${node.name}`;

  // the step: sections in order
  const sections: StepSectionReport[] = plan.sections.map((section, k) => {
    const c = sectionCycles(section, (op) => stepOpDepth(op, opBits(body, op)));
    return { index: k + 1, ...c, ops: section.map((o) => (o.node ? `${o.kind} ${o.node.name}` : o.kind)), ...(isChained(section) ? { chained: true } : {}) };
  });
  const step = sections.reduce((a, s) => a + s.cycles, 0) + STEP_OVERHEAD_CYCLES;
  const fill = plan.states.reduce((a, s) => a + s.channels / s.factor, 0) + plan.seqs.filter((s) => s.reverse).reduce((a, s) => a + (T * s.perStep) / s.lanes, 0);
  const drain = plan.states.filter((s) => node.outputs[s.index]).reduce((a, s) => a + s.channels / s.factor, 0) + plan.scanOuts.filter((q) => q.reverse && node.outputs[N + q.index]).reduce((a, q) => a + (T * q.perStep) / q.lanes, 0);
  const cycles = fill + T * step + drain;

  // per-layer entries: every hardware layer of the body, costed like its streaming form, cycles per step
  const inner: ShapeMap = new Map();
  body.inputs.forEach((i) => {
    const s = declaredShape(body, i.name);
    if (s) inner.set(i.name, s);
  });
  const opOf = new Map<Node, StepOp>();
  for (const op of plan.ops) if (op.node) opOf.set(op.node, op);
  const layers: LayerReport[] = [];
  for (const b of body.nodes) {
    const def = hwLayerOf(env.registry, b);
    if (!def || def.step === 'fan-out') continue;
    const op = opOf.get(b);
    const fusedInto = op ? undefined : plan.ops.find((o) => o.fused?.includes(b));
    // a fused layer runs on the lanes of the layer it is fused into: one unit per lane of that layer
    const laneEnv: Env = { ...(fusedInto && b.name ? { ...env, options: { ...env.options, folding: { ...(env.options.folding ?? {}), [b.name]: { pe: fusedInto.lanes } } } } : env), inStep: true };
    const { report } = estimateLayer(body, b, `${path}/`, runs * T, inner, laneEnv);
    const section = (op ?? fusedInto)?.level;
    const pathCycles = section !== undefined ? sections.find((x) => plan.sections[x.index - 1]?.some((o) => o.level === section))?.cycles : undefined;
    layers.push({
      ...report,
      ...(pathCycles !== undefined ? { pathCycles } : {}),
      cycles: op ? op.iterations : 0,
      delay: op ? stepOpDepth(op, opBits(body, op)) : 0,
      notes: [...report.notes, ...(op ? [`fused step: ${op.iterations} iteration(s) per step in section ${op.level}`] : [`fused step: runs inside ${fusedInto?.node?.name ?? 'the layer it follows'}`])],
    });
  }
  // the state pairs (two halves, read with the state's factor of lanes) and the step's local arrays
  const regs = [
    ...plan.states.map((s) => registerArrayResources({ elements: s.channels, bits: s.elem.bits, copies: 2, readLanes: s.factor, writeLanes: s.factor })),
    ...plan.locals.map((l) => registerArrayResources({ elements: l.size, bits: l.elem.bits, copies: 1, readLanes: l.factor, writeLanes: l.factor })),
    ...plan.seqs.map((s) => registerArrayResources({ elements: s.perStep, bits: s.elem.bits, copies: 1, readLanes: s.lanes, writeLanes: s.lanes })),
  ];
  const stateFf = regs.slice(0, plan.states.length).reduce((a, r) => a + r.ff, 0);
  const localFf = regs.slice(plan.states.length).reduce((a, r) => a + r.ff, 0);
  const muxLut = regs.reduce((a, r) => a + r.lut, 0);
  layers.push({
    name: `${node.name}_registers`,
    opType: 'StepRegisters',
    path: `${path}/registers`,
    pe: 1,
    vectors: 1,
    cycles: 0,
    runs: runs * T,
    delay: 0,
    lut: muxLut,
    ff: stateFf + localFf,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [`state ping-pong pairs ${stateFf} FF, step arrays ${localFf} FF, read multiplexers and write enables ${muxLut} LUT`],
  });

  // the layer to speed up: the member with the most iterations of the section with the most
  const slowest = [...plan.ops].filter((o) => o.node).sort((a, b) => b.iterations - a.iterations)[0];
  const bottleneck = slowest?.node ? `${path}/${slowest.node.name}` : undefined;
  const report: RecurrenceReport = {
    name: node.name,
    path,
    steps: T,
    chainCycles: step - STEP_OVERHEAD_CYCLES,
    stateCopyCycles: 0,
    stepCycles: step,
    fillCycles: fill,
    drainCycles: drain,
    overheadCycles: STEP_OVERHEAD_CYCLES,
    sections,
    cycles,
    ...(bottleneck !== undefined ? { bottleneck } : {}),
  };
  body.outputs.forEach((o, k) => {
    const s = declaredShape(body, o.name);
    if (s && node.outputs[k]) shapes.set(node.outputs[k]!, k < N ? s : [T, ...s]);
  });
  const stage: Stage = { id: path, inputs: node.inputs.filter(Boolean), outputs: node.outputs.filter(Boolean), cycles, delay: fill + step, tail: 0 };
  return { stages: [], layers, recurrences: [], leafOf: new Map(), shapes: inner, stage, report };
}
