import {
  buildUseDef,
  type DataType,
  DEFAULT_MAX_TENSOR_ELEMENTS,
  type Graph,
  type Model,
  type Node,
  outerScopeReferences,
  type Registry,
  ScanflowError,
  type Tensor,
  topologicalOrder,
} from '@scanflow/ir';
import { SimulationError } from '../errors';
import { fuseFakeQuant } from './fuse-fake-quant';
import { checkDataType } from './check-datatype';
import { OutputGuard } from './element-guard';
import type { CompiledGraph, Kernel, KernelContext, RunContext } from '../kernel';

interface Step {
  node: Node;
  kernel: Kernel;
  inputSlots: Int32Array;
  outputSlots: Int32Array;
  /** Slots whose last reader is this step: dropped afterwards so their memory can be reclaimed. */
  release: Int32Array;
  /** The step's input array, reused across runs (kernels must not keep the array they are given). */
  ins?: (Tensor | undefined)[];
  /** Refuses, before the kernel runs, outputs over the element limit (absent for fused steps). */
  guard?: OutputGuard;
}

export interface CompileContext {
  model: Model;
  registry: Registry;
  /** Fuse QuantizeLinear → (Clip) → DequantizeLinear chains into one step (default true; off for traces). */
  fuse?: boolean;
  /** Check every produced value against its QONNX datatype annotation (see check-datatype.ts). */
  checkDataTypes?: boolean;
  /** Largest tensor (elements) a node may produce (default DEFAULT_MAX_TENSOR_ELEMENTS): a LimitError before allocating. */
  maxTensorElements?: number;
}

/** Ops never computed ahead of time: random generators (a fresh draw per run is their meaning). */
const NOT_HOISTABLE = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Multinomial', 'Bernoulli']);

function describe(node: Node, path: string): string {
  return `${path ? `${path}` : ''}node ${node.label}`;
}

/**
 * A graph compiled once into slots and steps: every value gets a slot number, kernels are created
 * per node, and each step knows which slots it reads, writes and may release.
 */
export class GraphPlan implements CompiledGraph {
  readonly graph: Graph;
  readonly inputNames: string[];
  readonly outputNames: string[];
  readonly outerNames: string[];
  readonly maxTensorElements: number;
  private readonly slotOf = new Map<string, number>();
  private readonly template: (Tensor | undefined)[];
  private readonly inputSlots: number[];
  private readonly outerSlots: number[];
  private readonly outputSlots: number[];
  private readonly steps: Step[];
  /** Nodes computed once at compile time because all their inputs are constant (replayed into traces). */
  private readonly hoisted: { node: Node; outputs: Tensor[] }[] = [];
  /** With checkDataTypes: the annotated datatype of each slot that has one. */
  private readonly checks?: Map<number, DataType>;
  /** Slots holding values known at compile time (initializers and hoisted results). */
  private readonly constantSlots = new Set<number>();

  constructor(graph: Graph, cc: CompileContext, outerNames: string[] = []) {
    this.graph = graph;
    this.outerNames = outerNames;
    this.maxTensorElements = cc.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS;
    const slot = (name: string): number => {
      let s = this.slotOf.get(name);
      if (s === undefined) this.slotOf.set(name, (s = this.slotOf.size));
      return s;
    };
    this.outerSlots = outerNames.map(slot);
    for (const [name] of graph.initializers) slot(name);
    this.inputNames = graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name);
    this.inputSlots = this.inputNames.map(slot);
    // Graph inputs that also have an initializer may be overridden by the caller (ONNX rule).
    const order = topologicalOrder(graph, outerNames);
    for (const n of order) for (const o of n.outputs) if (o) slot(o);
    this.outputNames = graph.outputs.map((o) => o.name);
    for (const o of this.outputNames) {
      if (!this.slotOf.has(o)) throw new SimulationError(`graph '${graph.name}': output '${o}' is produced by nothing`);
    }
    this.outputSlots = this.outputNames.map((o) => this.slotOf.get(o)!);
    this.template = new Array(this.slotOf.size).fill(undefined);
    for (const [name, t] of graph.initializers) this.template[this.slotOf.get(name)!] = t;

    const { consumers } = buildUseDef(graph);
    const keep = new Set([...this.outputNames, ...graph.initializers.keys(), ...outerNames]);
    // Per node, the slots whose last reader it is (built once: linear in the graph's size).
    const releasedBy = new Map<Node, number[]>();
    for (const [name, list] of consumers) {
      const last = list[list.length - 1];
      if (!last || keep.has(name) || !this.slotOf.has(name)) continue;
      const r = releasedBy.get(last);
      if (r) r.push(this.slotOf.get(name)!);
      else releasedBy.set(last, [this.slotOf.get(name)!]);
    }

    if (cc.checkDataTypes) {
      this.checks = new Map();
      for (const [name, a] of graph.annotations) if (a.datatype && this.slotOf.has(name)) this.checks.set(this.slotOf.get(name)!, a.datatype);
    }
    const steps = order.map((node) => {
      const opset = cc.model.opsetVersion(node.domain);
      const kctx: KernelContext = {
        node,
        opset,
        graph,
        model: cc.model,
        registry: cc.registry,
        compileSubgraph: (body) => new GraphPlan(body, cc, [...outerScopeReferences(body)].sort()),
        dataTypeOf: (v) => graph.getDataType(v),
        isConstantInput: (i) => {
          const slot = node.inputs[i] ? this.slotOf.get(node.inputs[i]) : undefined;
          return slot !== undefined && this.constantSlots.has(slot);
        },
        fail: (message) => {
          throw new SimulationError(`graph '${graph.name}', ${describe(node, '')}: ${message}`);
        },
      };
      let kernel: Kernel;
      try {
        const def = cc.registry.require('kernels', node.domain, node.opType, opset, `graph '${graph.name}', node ${node.label}`);
        kernel = def.create(node, kctx);
      } catch (e) {
        if (e instanceof ScanflowError) throw e;
        throw new SimulationError(`graph '${graph.name}', node ${node.label}: ${(e as Error).message}`, { cause: e });
      }
      const release = releasedBy.get(node) ?? [];
      const schema = cc.registry.find('ops', node.domain, node.opType, opset);
      return {
        node,
        kernel,
        guard: new OutputGuard(node, schema, opset, graph),
        inputSlots: Int32Array.from(node.inputs, (i) => (i ? this.requireSlot(i, node) : -1)),
        outputSlots: Int32Array.from(node.outputs, (o) => (o ? this.slotOf.get(o)! : -1)),
        release: Int32Array.from(release),
      };
    });
    const live = this.hoistConstants(steps, graph);
    this.steps = cc.fuse === false ? live : (fuseFakeQuant(live, (s) => (this.constantSlots.has(s) ? this.template[s] : undefined), new Set(this.outputSlots)) as Step[]);
  }

  /**
   * Runs, once, every step whose inputs are all initializers or results of such steps (weight
   * quantisers in a Scan body, shape computations ...) and keeps the results as constants, so each
   * inference (and each Scan iteration) only does the work that depends on the inputs.
   */
  private hoistConstants(steps: Step[], graph: Graph): Step[] {
    const overridable = new Set(graph.inputs.map((i) => i.name));
    const constant = this.constantSlots;
    for (const [name] of graph.initializers) if (!overridable.has(name)) constant.add(this.slotOf.get(name)!);
    const kept: Step[] = [];
    const ctx: RunContext = { lookup: (name) => this.template[this.slotOf.get(name) ?? -1], path: '' };
    for (const step of steps) {
      const n = step.node;
      const pure = !NOT_HOISTABLE.has(n.opType) && ![...n.attributes.values()].some((a) => a.type === 'graph' || a.type === 'graphs');
      if (!pure || !Array.from(step.inputSlots).every((s) => s < 0 || constant.has(s)) || step.inputSlots.length === 0) {
        kept.push(step);
        continue;
      }
      let outs: (Tensor | undefined)[];
      const ins = Array.from(step.inputSlots, (s) => (s < 0 ? undefined : this.template[s]));
      // Over the element limit: refused here, named, rather than allocated.
      step.guard?.check(ins, this.maxTensorElements);
      try {
        outs = step.kernel(ins, ctx);
      } catch {
        kept.push(step); // the error will be reported when the model runs
        continue;
      }
      step.guard?.checkProduced(outs, this.maxTensorElements);
      if (step.outputSlots.some((s, k) => s >= 0 && outs[k] === undefined)) {
        kept.push(step);
        continue;
      }
      step.outputSlots.forEach((s, k) => {
        if (s < 0) return;
        this.template[s] = outs[k];
        constant.add(s);
      });
      this.hoisted.push({ node: n, outputs: outs as Tensor[] });
    }
    // A hoisted value's slot must never be released: it lives in the template.
    for (const step of kept) step.release = step.release.filter((s) => !constant.has(s));
    return kept;
  }

  private requireSlot(name: string, node: Node): number {
    const s = this.slotOf.get(name);
    if (s === undefined) throw new SimulationError(`graph '${this.graph.name}', node ${node.label}: input '${name}' is produced by nothing`);
    return s;
  }

  run(inputs: readonly (Tensor | undefined)[], outer: readonly (Tensor | undefined)[], parent?: RunContext, path = ''): Tensor[] {
    const slots = this.template.slice();
    for (let k = 0; k < this.inputSlots.length; k++) {
      slots[this.inputSlots[k]] = inputs[k];
      const dt = this.checks?.get(this.inputSlots[k]);
      if (dt && inputs[k]) checkDataType(this.inputNames[k], dt, inputs[k]!, `${(parent?.path ?? '') + path}graph '${this.graph.name}' input`);
    }
    for (let k = 0; k < this.outerSlots.length; k++) slots[this.outerSlots[k]] = outer[k];
    const slotOf = this.slotOf;
    const ctx: RunContext = {
      lookup: (name) => {
        const s = slotOf.get(name);
        return s === undefined ? undefined : slots[s];
      },
      path: (parent?.path ?? '') + path,
      ...(parent?.trace ? { trace: parent.trace } : {}),
    };
    const trace = ctx.trace;
    if (trace) {
      for (const h of this.hoisted) {
        h.node.outputs.forEach((o, k) => o && trace.record({ path: ctx.path, node: h.node.name, opType: h.node.opType, output: o, tensor: h.outputs[k] }));
      }
    }
    for (const step of this.steps) {
      const ins = (step.ins ??= new Array<Tensor | undefined>(step.inputSlots.length));
      for (let k = 0; k < ins.length; k++) {
        const s = step.inputSlots[k];
        if (s >= 0) {
          const t = slots[s];
          if (t === undefined) {
            throw new SimulationError(`${ctx.path}node ${step.node.label}: input '${step.node.inputs[k]}' has no value (an optional output that was not produced?)`);
          }
          ins[k] = t;
        }
      }
      let outs: (Tensor | undefined)[];
      step.guard?.check(ins, this.maxTensorElements, ctx.path);
      try {
        outs = step.kernel(ins, ctx);
      } catch (e) {
        if (e instanceof ScanflowError) throw e;
        throw new SimulationError(`${ctx.path}graph '${this.graph.name}', node ${step.node.label}: ${(e as Error).message}`, { cause: e, category: 'internal' });
      }
      step.guard?.checkProduced(outs, this.maxTensorElements, ctx.path);
      for (let k = 0; k < step.outputSlots.length; k++) {
        const s = step.outputSlots[k];
        if (s < 0) continue;
        slots[s] = outs[k];
        if (this.checks && outs[k]) {
          const dt = this.checks.get(s);
          if (dt) checkDataType(step.node.outputs[k], dt, outs[k]!, `${ctx.path}node ${step.node.label}`);
        }
        if (trace && outs[k]) trace.record({ path: ctx.path, node: step.node.name, opType: step.node.opType, output: step.node.outputs[k], tensor: outs[k]! });
      }
      for (let k = 0; k < step.release.length; k++) slots[step.release[k]] = undefined;
    }
    return this.outputSlots.map((s, k) => {
      const t = slots[s];
      if (t === undefined) throw new SimulationError(`${ctx.path}graph '${this.graph.name}': output '${this.outputNames[k]}' was not produced`);
      return t;
    });
  }
}
