import { IrError, ScanflowError } from '../errors';
import type { Graph } from '../graph/graph';
import type { Model } from '../graph/model';
import type { Node } from '../graph/node';
import { topologicalOrder } from '../graph/topological-order';
import { cloneValueType, formatValueType, type Dim, type TensorType, type ValueType } from '../graph/value-type';
import type { Registry } from '../plugin/registry';
import type { Tensor } from '../tensor/tensor';
import type { InferenceContext } from './op-schema';

/** Computes a node's outputs from constant inputs (the simulator supplies this for constant folding). */
export type ConstantEvaluator = (node: Node, inputs: (Tensor | undefined)[], opset: number) => Tensor[] | undefined;

export interface InferTypesOptions {
  /** Folds nodes whose inputs are all known, so shape-computing subgraphs (Shape → Gather → Reshape) resolve. */
  evaluate?: ConstantEvaluator;
  /** Throw when an op has no schema or no inference hook (default: leave its outputs unknown). */
  strict?: boolean;
  /** Largest tensor (elements) kept as a known constant. */
  maxConstantElements?: number;
  /**
   * Called for every node output whose value the inference knows although the node reads a
   * non-constant input — e.g. Shape of a value whose shape is static (an op's `inferValues`).
   */
  onTypeDerivedConstant?: (graph: Graph, node: Node, output: number, value: Tensor) => void;
}

interface Scope {
  types: Map<string, ValueType>;
  consts: Map<string, Tensor>;
  parent?: Scope;
}

function lookup<T>(scope: Scope | undefined, pick: (s: Scope) => Map<string, T>, name: string): T | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = pick(s).get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Merges a declared and an inferred type: known dimensions must agree; unknowns are filled in. */
function mergeTypes(declared: ValueType | undefined, inferred: ValueType | undefined, what: string): ValueType | undefined {
  if (!inferred) return declared;
  if (!declared) return inferred;
  if (declared.kind !== 'tensor' || inferred.kind !== 'tensor') return declared;
  if (declared.elemType !== inferred.elemType) {
    throw new IrError(`${what}: declared type ${formatValueType(declared)} but the node produces ${formatValueType(inferred)}`);
  }
  if (!declared.shape) return inferred;
  if (!inferred.shape) return declared;
  if (declared.shape.length !== inferred.shape.length) {
    throw new IrError(`${what}: declared shape ${formatValueType(declared)} but the node produces ${formatValueType(inferred)}`);
  }
  const shape: Dim[] = declared.shape.map((d, i) => {
    const e = (inferred as TensorType).shape![i];
    if (typeof d === 'number' && typeof e === 'number' && d !== e) {
      throw new IrError(`${what}: declared shape ${formatValueType(declared)} but the node produces ${formatValueType(inferred)}`);
    }
    return typeof e === 'number' ? e : d ?? e;
  });
  return { kind: 'tensor', elemType: declared.elemType, shape };
}

class Inference {
  constructor(
    readonly model: Model,
    readonly registry: Registry,
    readonly options: InferTypesOptions,
  ) {}

  graph(graph: Graph, parent: Scope | undefined, inputTypes?: (ValueType | undefined)[]): (ValueType | undefined)[] {
    const scope: Scope = { types: new Map(), consts: new Map(), ...(parent ? { parent } : {}) };
    graph.inputs.forEach((inp, k) => {
      const t = mergeTypes(inp.type, inputTypes?.[k], `graph '${graph.name}' input '${inp.name}'`);
      if (t) scope.types.set(inp.name, t);
    });
    for (const [name, t] of graph.initializers) {
      scope.types.set(name, { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] });
      scope.consts.set(name, t);
    }
    const outer: string[] = [];
    for (let s = parent; s; s = s.parent) outer.push(...s.types.keys(), ...s.consts.keys());
    for (const node of topologicalOrder(graph, outer)) this.node(graph, node, scope);
    for (const [name, t] of scope.types) {
      if (graph.inputs.some((i) => i.name === name) || graph.initializers.has(name)) continue;
      const out = graph.outputs.find((o) => o.name === name);
      if (out) out.type = mergeTypes(out.type, t, `graph '${graph.name}' output '${name}'`);
      else graph.valueInfo.set(name, { ...(graph.valueInfo.get(name) ?? { name }), type: cloneValueType(t) });
    }
    return graph.outputs.map((o) => o.type ?? lookup(scope, (s) => s.types, o.name));
  }

  node(graph: Graph, node: Node, scope: Scope): void {
    const opset = this.model.opsetVersion(node.domain);
    const schema = this.registry.find('ops', node.domain, node.opType, opset);
    const where = `graph '${graph.name}', node ${node.label}`;
    const fail = (message: string): never => {
      throw new IrError(`${where}: ${message}`);
    };
    if (!schema?.inferTypes) {
      if (this.options.strict) fail(`no shape inference registered for ${node.qualifiedType} at opset ${opset}`);
      return;
    }
    const typeOf = (i: number): ValueType | undefined => {
      const name = node.inputs[i];
      return name ? lookup(scope, (s) => s.types, name) ?? graph.typeOf(name) : undefined;
    };
    let count = node.inputs.length;
    while (count > 0 && !node.inputs[count - 1]) count--;
    const ctx: InferenceContext = {
      node,
      opset,
      graph,
      inputCount: count,
      input: typeOf,
      tensorInput: (i) => {
        const t = typeOf(i);
        if (t && t.kind !== 'tensor') fail(`input ${i} ('${node.inputs[i]}') is a ${t.kind}, expected a tensor`);
        return t as TensorType | undefined;
      },
      constant: (i) => (node.inputs[i] ? lookup(scope, (s) => s.consts, node.inputs[i]) : undefined),
      inferSubgraph: (body, inputs) => this.graph(body, scope, inputs),
      fail,
    };
    let outs: (ValueType | undefined)[];
    let known: (Tensor | undefined)[] | undefined;
    try {
      outs = schema.inferTypes(ctx);
      known = schema.inferValues?.(ctx);
    } catch (e) {
      if (e instanceof ScanflowError) throw e;
      throw new IrError(`${where}: shape inference failed: ${(e as Error).message}`, { cause: e });
    }
    node.outputs.forEach((name, k) => {
      if (!name) return;
      const declared = graph.valueInfo.get(name)?.type ?? graph.outputs.find((o) => o.name === name)?.type;
      const t = mergeTypes(declared, outs[k], `${where}, output '${name}'`);
      if (t) scope.types.set(name, t);
    });
    this.fold(node, scope, ctx, opset, known);
  }

  fold(node: Node, scope: Scope, ctx: InferenceContext, opset: number, known?: (Tensor | undefined)[]): void {
    const max = this.options.maxConstantElements ?? 1 << 16;
    known?.forEach((t, k) => {
      const name = node.outputs[k];
      if (name && t && t.size <= max) {
        scope.consts.set(name, t);
        if (this.options.onTypeDerivedConstant && node.inputs.some((_, i) => node.inputs[i] && !ctx.constant(i))) this.options.onTypeDerivedConstant(ctx.graph, node, k, t);
      }
    });
    const evaluate = this.options.evaluate;
    if (!evaluate) return;
    if (known && node.outputs.every((name, k) => !name || known[k])) return;
    const inputs: (Tensor | undefined)[] = [];
    for (let i = 0; i < node.inputs.length; i++) {
      if (!node.inputs[i]) {
        inputs.push(undefined);
        continue;
      }
      const c = ctx.constant(i);
      if (!c) return;
      inputs.push(c);
    }
    if (node.inputs.length === 0 && node.opType !== 'Constant') return;
    let outs: Tensor[] | undefined;
    try {
      outs = evaluate(node, inputs, opset);
    } catch {
      return; // folding is best effort; the simulator reports real errors when the model runs
    }
    outs?.forEach((t, k) => {
      const name = node.outputs[k];
      if (name && t && t.size <= max) {
        scope.consts.set(name, t);
        scope.types.set(name, { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] });
      }
    });
  }
}

/**
 * Infers the type (element type and shape) of every value in the model, through subgraphs, from
 * the registered op schemas, and records them in each graph's value_info and outputs.
 */
export function inferTypes(model: Model, registry: Registry, options: InferTypesOptions = {}): Model {
  new Inference(model, registry, options).graph(model.graph, undefined);
  return model;
}
