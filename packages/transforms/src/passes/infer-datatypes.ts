import {
  attrGraph,
  definedNames,
  attrInt,
  DataType,
  HW_DOMAIN,
  type DataTypeContext,
  type Graph,
  type Model,
  type Node,
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
  constructor(
    readonly model: Model,
    readonly registry: Registry,
  ) {}

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
      if ((node.opType === 'Scan' && node.domain === '') || (node.opType === 'Recurrence' && node.domain === HW_DOMAIN)) {
        this.scan(graph, node, lookup, outer);
        continue;
      }
      const schema = this.registry.find('ops', node.domain, node.opType, this.model.opsetVersion(node.domain));
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

  /** Scan: body inputs take the Scan inputs' types; a state whose type changes across an iteration widens until stable. */
  scan(graph: Graph, node: Node, lookup: (n: string) => DataType, outer: Map<string, DataType>): void {
    const body = attrGraph(node, 'body');
    const m = attrInt(node, 'num_scan_inputs');
    const n = node.inputs.length - m;
    // Every value of the enclosing graphs is visible in the body (annotated or FLOAT32).
    const inner = new Map(outer);
    for (const name of definedNames(graph)) inner.set(name, lookup(name));
    const state = node.inputs.slice(0, n).map((i) => (i ? lookup(i) : DataType.FLOAT32));
    for (let round = 0; round < 8; round++) {
      body.inputs.forEach((inp, k) => this.set(body, inp.name, k < n ? state[k] : lookup(node.inputs[k])));
      this.graph(body, inner);
      let stable = true;
      for (let k = 0; k < n; k++) {
        const next = join(state[k], body.getDataType(body.outputs[k].name) ?? DataType.FLOAT32);
        if (!next.equals(state[k])) {
          state[k] = next;
          stable = false;
        }
      }
      if (stable) break;
    }
    node.outputs.forEach((o, k) => {
      if (!o) return;
      const t = k < n ? state[k] : body.getDataType(body.outputs[k].name);
      this.set(graph, o, t);
    });
  }
}

/**
 * Annotates every value with its QONNX datatype (INT<n>, UINT<n>, BIPOLAR, SCALEDINT<n> ... ;
 * FLOAT32 is the default and not written), from the op schemas' rules, through Scan bodies. Graph
 * inputs keep the datatypes they were given.
 */
export default definePass({
  name: 'infer-datatypes',
  description: 'annotate every value with its QONNX datatype, through Scan bodies',
  stage: 'qonnx',
  run(model, ctx) {
    const inf = new DataTypeInference(model, ctx.registry);
    inf.graph(model.graph, new Map());
    return { changed: inf.changed > 0 };
  },
});
