import {
  attrFloat,
  attrInt,
  attrInts,
  forEachGraph,
  type Graph,
  inferTypes,
  type Model,
  Node,
  OpLookup,
  Tensor,
} from '@scanflow/ir';
import { definePass, type PassContext } from '../pass';

/**
 * Raises the default-domain opset of a model to `target` (13 to 17), rewriting the ops whose
 * signature changed on the way so that every later pass sees one form: attribute operands become
 * inputs (Clip min/max < 11, Pad pads/value < 11, Slice starts/ends/axes < 10, Squeeze / Unsqueeze /
 * ReduceSum axes < 13, Split split < 13, Dropout ratio < 12), Softmax / LogSoftmax / Hardmax before
 * 13 (which flatten to 2-D at `axis`) get the explicit single-axis form, and BatchNormalization
 * loses `spatial=1`. Models already at or above `target` are left alone; constructs whose meaning
 * would change (Scan-8, Upsample, BatchNormalization spatial=0, Add/Mul/... with `broadcast`
 * before opset 7) are refused with the node named.
 */
const REFUSE = new Set(['Upsample']);

class Normalizer {
  changed = 0;
  constructor(
    readonly model: Model,
    readonly from: number,
    readonly ctx: PassContext,
    readonly ops: OpLookup,
  ) {}

  constant(graph: Graph, base: string, t: Tensor): string {
    let name = base;
    for (let k = 1; graph.initializers.has(name) || graph.inputs.some((i) => i.name === name); k++) name = `${base}_${k}`;
    graph.initializers.set(name, t);
    return name;
  }

  /** Moves int-list attribute `attr` to input slot `slot` as an int64 tensor. */
  intsToInput(graph: Graph, node: Node, attr: string, slot: number): void {
    if (!node.attributes.has(attr)) return;
    const v = attrInts(node, attr);
    node.attributes.delete(attr);
    while (node.inputs.length < slot) node.inputs.push('');
    node.inputs[slot] = this.constant(graph, `${node.name || node.opType}_${attr}`, Tensor.int64([v.length], v));
    this.changed++;
  }

  elemTypeOf(graph: Graph, name: string): Tensor['elemType'] {
    const t = graph.typeOf(name);
    return t?.kind === 'tensor' ? t.elemType : 'float32';
  }

  node(graph: Graph, node: Node): Node[] | undefined {
    if (node.domain !== '') return undefined;
    const v = this.from;
    const fail = (msg: string): never => {
      throw new Error(`node ${node.label}: ${msg}`);
    };
    if (REFUSE.has(node.opType)) fail(`${node.opType} cannot be normalised (use Resize)`);
    if (node.opType === 'Resize' && v < 11) fail('Resize-10 coordinates differ from Resize-11 on; re-export the model');
    if (node.opType === 'Scan' && v < 9) fail('Scan-8 has a batch axis; re-export the model at opset 9 or later');
    // element-wise ops of opsets 1..6 broadcast only through their `broadcast` / `axis` attributes
    const legacy = this.ops.traits(node).elementwise?.broadcast === 'legacy';
    if (legacy && attrInt(node, 'broadcast', 0) === 1) fail('the opset-6 `broadcast` attribute is not converted');
    if (legacy) {
      node.attributes.delete('broadcast');
      node.attributes.delete('axis');
    }
    switch (node.opType) {
      case 'Clip':
        if (v < 11 && (node.attributes.has('min') || node.attributes.has('max'))) {
          const et = this.elemTypeOf(graph, node.inputs[0]);
          const lo = node.attributes.has('min') ? this.constant(graph, `${node.name || 'clip'}_min`, Tensor.scalar(et, attrFloat(node, 'min'))) : '';
          const hi = node.attributes.has('max') ? this.constant(graph, `${node.name || 'clip'}_max`, Tensor.scalar(et, attrFloat(node, 'max'))) : '';
          node.attributes.delete('min');
          node.attributes.delete('max');
          node.inputs = [node.inputs[0], lo, hi];
          while (node.inputs.length > 1 && !node.inputs[node.inputs.length - 1]) node.inputs.pop();
          this.changed++;
        }
        return undefined;
      case 'Squeeze':
      case 'Unsqueeze':
      case 'ReduceSum':
        if (v < 13) this.intsToInput(graph, node, 'axes', 1);
        return undefined;
      case 'Split':
        if (v < 13) this.intsToInput(graph, node, 'split', 1);
        return undefined;
      case 'Slice':
        if (v < 10) {
          const starts = attrInts(node, 'starts');
          const ends = attrInts(node, 'ends');
          const axes = node.attributes.has('axes') ? attrInts(node, 'axes') : undefined;
          for (const a of ['starts', 'ends', 'axes']) node.attributes.delete(a);
          const base = node.name || 'slice';
          node.inputs = [node.inputs[0], this.constant(graph, `${base}_starts`, Tensor.int64([starts.length], starts)), this.constant(graph, `${base}_ends`, Tensor.int64([ends.length], ends))];
          if (axes) node.inputs.push(this.constant(graph, `${base}_axes`, Tensor.int64([axes.length], axes)));
          this.changed++;
        }
        return undefined;
      case 'Pad':
        if (v < 11) {
          const pads = attrInts(node, 'pads');
          const value = node.attributes.has('value') ? attrFloat(node, 'value') : 0;
          node.attributes.delete('pads');
          node.attributes.delete('value');
          const et = this.elemTypeOf(graph, node.inputs[0]);
          node.inputs = [node.inputs[0], this.constant(graph, `${node.name || 'pad'}_pads`, Tensor.int64([pads.length], pads)), this.constant(graph, `${node.name || 'pad'}_value`, Tensor.scalar(et, value))];
          this.changed++;
        }
        return undefined;
      case 'Dropout':
        if (v < 12 && node.attributes.has('ratio')) {
          const r = attrFloat(node, 'ratio');
          node.attributes.delete('ratio');
          node.inputs[1] = this.constant(graph, `${node.name || 'dropout'}_ratio`, Tensor.scalar('float32', r));
          this.changed++;
        }
        node.attributes.delete('is_test');
        return undefined;
      case 'BatchNormalization':
        if (v < 9) {
          if (attrInt(node, 'spatial', 1) !== 1) fail('spatial=0 has no equivalent from opset 9 on');
          if (node.attributes.delete('spatial')) this.changed++;
          node.attributes.delete('is_test');
          node.attributes.delete('consumed_inputs');
        }
        return undefined;
      case 'Softmax':
      case 'LogSoftmax':
      case 'Hardmax':
        return v < 13 ? this.softmax(graph, node) : undefined;
      default:
        return undefined;
    }
  }

  /** Before opset 13 these ops flatten to [prod(d[:a]), prod(d[a:])]: make that explicit. */
  softmax(graph: Graph, node: Node): Node[] | undefined {
    const t = graph.typeOf(node.inputs[0]);
    const shape = t?.kind === 'tensor' ? t.shape : undefined;
    if (!shape) throw new Error(`node ${node.label}: the input's rank is needed to convert ${node.opType} from opset ${this.from}`);
    const rank = shape.length;
    let axis = attrInt(node, 'axis', 1);
    if (axis < 0) axis += rank;
    this.changed++;
    if (axis === rank - 1) {
      node.attributes.set('axis', { type: 'int', value: -1n });
      return undefined;
    }
    if (!shape.every((d) => typeof d === 'number')) throw new Error(`node ${node.label}: ${node.opType} over axes ${axis}..${rank - 1} needs a static input shape`);
    const dims = shape as number[];
    const rows = dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const cols = dims.slice(axis).reduce((a, b) => a * b, 1);
    const base = node.name || node.opType.toLowerCase();
    const flat = `${node.outputs[0]}_2d_in`;
    const flatOut = `${node.outputs[0]}_2d_out`;
    const shape2 = this.constant(graph, `${base}_shape2d`, Tensor.int64([2], [rows, cols]));
    const shapeN = this.constant(graph, `${base}_shape`, Tensor.int64([rank], dims));
    const reshapeIn = new Node({ opType: 'Reshape', name: `${base}_to2d`, inputs: [node.inputs[0], shape2], outputs: [flat] });
    const op = new Node({ opType: node.opType, name: node.name, inputs: [flat], outputs: [flatOut], attributes: { axis: -1 } });
    const reshapeOut = new Node({ opType: 'Reshape', name: `${base}_back`, inputs: [flatOut, shapeN], outputs: [node.outputs[0]] });
    return [reshapeIn, op, reshapeOut];
  }
}

export default definePass({
  name: 'normalize-opset',
  description: 'raise the default-domain opset to a target, rewriting ops whose signature changed',
  stage: 'import',
  options: { target: { default: 14, description: 'the opset to raise to (13 to 17)' } },
  run(model, ctx, options) {
    const target = options.target as number;
    if (!Number.isInteger(target) || target < 13 || target > 17) throw new Error(`target ${target}: choose an opset from 13 to 17`);
    const from = model.opsetVersion('');
    if (from >= target) {
      ctx.note(`opset ${from} is already at or above ${target}`);
      return { changed: false };
    }
    try {
      inferTypes(model, ctx.registry, ctx.evaluate ? { evaluate: ctx.evaluate } : {});
    } catch {
      // ranks are only needed by Softmax-like ops, which say so when they lack them
    }
    const n = new Normalizer(model, from, ctx, new OpLookup(ctx.registry, model));
    forEachGraph(model.graph, (g) => {
      g.nodes = g.nodes.flatMap((node) => n.node(g, node) ?? [node]);
    });
    for (const key of [...model.opsetImports.keys()]) if (key === '' || key === 'ai.onnx') model.opsetImports.delete(key);
    model.opsetImports.set('', target);
    if (model.rawOpsetImports) model.rawOpsetImports = model.rawOpsetImports.map(([d, v]) => (d === '' || d === 'ai.onnx' ? [d, target] : [d, v]));
    ctx.note(`opset ${from} → ${target}: ${n.changed} node(s) rewritten`);
    return { changed: true };
  },
});
