import {
  DataType,
  type DataTypeContext,
  definedNames,
  type Graph,
  type LoopBinding,
  type Model,
  type Node,
  OpLookup,
  type Registry,
  topologicalOrder,
} from '@scanflow/ir';
import { definePass } from '../pass';

/** The covering type of two datatypes: equal → itself; both integer → smallest INT/UINT holding both; else FLOAT32. */
function join(a: DataType, b: DataType): DataType {
  if (a.equals(b)) return a;
  if (a.isInteger && b.isInteger) {
    const lo = Math.min(a.min, b.min);
    const hi = Math.max(a.max, b.max);
    if (a.contains(b)) return a;
    if (b.contains(a)) return b;
    for (let bits = 1; bits <= 64; bits++) {
      const t = lo >= 0 ? DataType.uint(bits) : DataType.int(bits);
      if (t.min <= lo && t.max >= hi) return t;
    }
  }
  return DataType.FLOAT32;
}

class DataTypeInference {
  changed = 0;
  readonly ops: OpLookup;
  constructor(
    readonly model: Model,
    readonly registry: Registry,
  ) {
    this.ops = new OpLookup(registry, model);
  }

  set(graph: Graph, name: string, dt: DataType | undefined): void {
    const next = dt && !dt.equals(DataType.FLOAT32) ? dt : undefined;
    const prev = graph.getDataType(name);
    if (prev?.name === next?.name) return;
    graph.setDataType(name, next);
    this.changed++;
  }

  graph(graph: Graph, outer: Map<string, DataType>): void {
    const lookup = (name: string): DataType => graph.getDataType(name) ?? outer.get(name) ?? DataType.FLOAT32;
    const scopeNames = [...outer.keys()];
    for (const node of topologicalOrder(graph, scopeNames)) {
      const loop = this.ops.loop(node);
      if (loop) {
        this.loop(graph, node, loop, lookup, outer);
        continue;
      }
      const schema = this.ops.schema(node);
      if (!schema?.inferDataTypes) {
        for (const o of node.outputs) if (o) this.set(graph, o, undefined);
        continue;
      }
      const ctx: DataTypeContext = {
        node,
        opset: this.model.opsetVersion(node.domain),
        graph,
        dataType: (i) => (node.inputs[i] ? lookup(node.inputs[i]) : DataType.FLOAT32),
        constant: (i) => (node.inputs[i] ? graph.initializers.get(node.inputs[i]) : undefined),
      };
      const out = schema.inferDataTypes(ctx);
      node.outputs.forEach((o, k) => o && this.set(graph, o, out[k]));
    }
  }

  /**
   * A loop (Scan, Recurrence): body inputs take the types of the node inputs they come from; a
   * carried state whose type changes across an iteration widens until stable.
   */
  loop(graph: Graph, node: Node, loop: LoopBinding, lookup: (n: string) => DataType, outer: Map<string, DataType>): void {
    const { body } = loop;
    // Every value of the enclosing graphs is visible in the body (annotated or FLOAT32).
    const inner = new Map(outer);
    for (const name of definedNames(graph)) inner.set(name, lookup(name));
    const carried = loop.inputs.flatMap((b, k) => (b.kind === 'carried' ? [{ ...b, bodyInput: k }] : []));
    const state = carried.map((c) => (node.inputs[c.initial] ? lookup(node.inputs[c.initial]) : DataType.FLOAT32));
    const bodyInputType = (k: number): DataType | undefined => {
      const c = carried.findIndex((x) => x.bodyInput === k);
      if (c >= 0) return state[c];
      const b = loop.inputs[k];
      return b?.kind === 'sliced' ? lookup(node.inputs[b.from]) : undefined;
    };
    for (let round = 0; round < 8; round++) {
      body.inputs.forEach((inp, k) => this.set(body, inp.name, bodyInputType(k)));
      this.graph(body, inner);
      let stable = true;
      carried.forEach((c, k) => {
        const next = join(state[k], body.getDataType(body.outputs[c.next].name) ?? DataType.FLOAT32);
        if (!next.equals(state[k])) {
          state[k] = next;
          stable = false;
        }
      });
      if (stable) break;
    }
    const out: (DataType | undefined)[] = node.outputs.map(() => undefined);
    carried.forEach((c, k) => {
      if (c.final !== undefined) out[c.final] = state[k];
    });
    for (const s of loop.stacked) out[s.nodeOutput] = body.getDataType(body.outputs[s.bodyOutput].name);
    node.outputs.forEach((o, k) => {
      if (o) this.set(graph, o, out[k]);
    });
  }
}

/**
 * Annotates every value with its QONNX datatype (INT<n>, UINT<n>, BIPOLAR, SCALEDINT<n> ... ;
 * FLOAT32 is the default and not written), from the op schemas' rules, through loop bodies (the
 * ops' `subgraphs` trait: Scan, Recurrence). Graph
 * inputs keep the datatypes they were given.
 */
export default definePass({
  name: 'infer-datatypes',
  description: 'annotate every value with its QONNX datatype, through Scan bodies',
  stage: 'qonnx',
  placement: [
    { stage: 'qonnx', order: 'post' },
    { stage: 'streamlined', order: 'post', after: ['infer-shapes'] },
  ],
  run(model, ctx) {
    const inf = new DataTypeInference(model, ctx.registry);
    inf.graph(model.graph, new Map());
    return { changed: inf.changed > 0 };
  },
});
