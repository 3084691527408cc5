/**
 * The part of the RNN / LSTM lowering that does not depend on the cell: one ONNX Scan per direction
 * and the graph around it.
 *
 * Body layout (FINN-GL's, generalised to any batch): vectors are columns and the batch runs along
 * the columns, so a body sees x_t [I, B], h_t-1 / c_t-1 [H, B] and computes every product as
 * MatMul(W_g [H, I], x_t) and MatMul(R_g [H, H], h_t-1); biases and peepholes are [H, 1] columns.
 * For batch 1 that is exactly FINN-GL's hand-built body ([H, 1] columns, per-gate weights).
 *
 *   body inputs:  h_t-1, (c_t-1), (step), x_t          states first, then the one scan input
 *   body outputs: h_t, (c_t), (step_next), h_t_concat   new states, then the scan output (= h_t)
 *
 * `step` exists only when sequence_lens may cut a batch entry short: an int64 counter holding the
 * time index of the current step (counting down in a reverse Scan). A body with it computes
 * m = step < sequence_lens ([1, B], bool) and keeps the old state where m is false and writes 0 to
 * the scan output there, so each batch entry stops after its own length (and, walked backwards,
 * starts at its own last step), as the ONNX spec and onnxruntime do.
 *
 * Around the Scans: X [T, B, I] (layout 1: [B, T, I]) is transposed to [T, I, B]; initial states
 * [D, B, H] (layout 1: [B, D, H]) are gathered per direction and transposed to [H, B] (zeros when
 * absent); the scan outputs [T, H, B] are unsqueezed, concatenated over directions and transposed
 * to Y [T, D, B, H] (layout 1: [B, T, D, H]); the final states likewise to Y_h / Y_c [D, B, H]
 * (layout 1: [B, D, H]), with zeros for a batch entry of length 0 (as onnxruntime does).
 *
 * Weights: when W / R / B / P are constants they are split into per-gate, per-direction
 * initializers of the body (W_i [H, I], R_i [H, H], B_i = Wb_i + Rb_i [H, 1], P_i [H, 1]); when they
 * are computed or fed at run time, Gather / Slice nodes in the enclosing graph cut them out and
 * the body reads them from there.
 */
import { attr, type Attribute, Graph, Node, Tensor, type TensorData, type ValueInfo } from '@scanflow/ir';
import { type ActivationCall, emitActivation } from './activations';
import type { NameSource } from '../graph/names';
import { Emitter, type FloatType } from './emitter';

import { type RecurrentSpec, stateName } from './recurrent-spec';

/**
 * What a cell writer gets for one direction: the body emitter, the step's values and the operands.
 * Every name it returns is a value the body can read (a body initializer when the operand is a
 * constant, an outer value the body captures otherwise).
 */
export interface CellContext {
  /** The node's checked attributes and operands. */
  spec: RecurrentSpec;
  /** Writes into the body. */
  body: Emitter;
  /** The direction (index into W / R / B's first axis); `spec.reverse[d]` says whether it walks backwards. */
  d: number;
  /** x_t [I, B]. */
  x: string;
  /** The previous states [H, B] in the order of `RecurrentOp.stateInputs` (h_t-1, then c_t-1 for LSTM). */
  states: string[];
  /** W_g [H, I] or R_g [H, H] of gate `gate` (index into the op's gate order). */
  weight(which: 'W' | 'R', gate: number): string;
  /**
   * The bias of gate `gate` as an [H, 1] column, or undefined without B: `'both'` (the default)
   * Wb_g + Rb_g, `'W'` Wb_g alone, `'R'` Rb_g alone (GRU with linear_before_reset needs them apart).
   */
  bias(gate: number, which?: 'W' | 'R' | 'both'): string | undefined;
  /** Part k of the vector operand `name` (a `RecurrentOp.vectorInputs` entry) as [H, 1], or undefined when the node omits it. */
  vector(name: string, k: number): string | undefined;
  /** Activation k of this direction applied to `x`. */
  activation(k: number, x: string, out: string): string;
  /** Clip to [-clip, clip] when the node has `clip`, else `x` itself. */
  clip(x: string, out: string): string;
}

/**
 * Writes one step of the cell into `c.body`; returns the new states (in the order of `c.states`; the
 * first is also the scan output Y) before any sequence_lens masking, which the lowering adds.
 */
export type CellWriter = (c: CellContext) => string[];

function sliceRows(t: Tensor, d: number, start: number, count: number, dims: number[], ft: FloatType): Tensor {
  const perDir = t.size / t.dims[0];
  const rowLen = t.rank === 3 ? t.dims[2] : 1;
  const from = d * perDir + start * rowLen;
  const data = (t.data as Float32Array | Float64Array).slice(from, from + count * rowLen) as TensorData;
  return new Tensor(ft, dims, data);
}

/**
 * Replaces `spec.node` in `graph` by Scan-based nodes computing the same outputs (the output names
 * are kept). Returns the number of Scans written.
 */
export function lowerRecurrent(spec: RecurrentSpec, graph: Graph, opset: number, names: NameSource, cell: CellWriter): number {
  const { node, D, H, layout, floatType: ft, inputs } = spec;
  const G = spec.op.gates.length;
  const base = (node.name || spec.op.opType.toLowerCase()).replace(/[^A-Za-z0-9_]/g, '_');
  const nodes: Node[] = [];
  const outer = new Emitter({ graph, nodes, prefix: `${base}_` }, names, opset, ft);
  const tAxis = layout === 0 ? 0 : 1;
  const bAxis = layout === 0 ? 1 : 0;
  const perDir = spec.activations.length / D;

  const xCols = outer.transpose(inputs.X, layout === 0 ? [0, 2, 1] : [1, 2, 0], 'X_cols');
  let shapeX: string | undefined;
  const xShape = (): string => (shapeX ??= outer.op('Shape', [inputs.X], {}, 'X_shape'));
  let zeros: string | undefined;
  const zeroState = (): string => {
    if (zeros) return zeros;
    if (spec.B !== undefined) return (zeros = outer.float(0, [H, spec.B]));
    const b = outer.unsqueeze(outer.gather(xShape(), bAxis, 0, 'batch'), [0], 'batch_1d');
    const dims = outer.concat([outer.int64([H]), b], 0, 'state_dims');
    const value = ft === 'float32' ? new Tensor('float32', [1], new Float32Array(1)) : new Tensor('float64', [1], new Float64Array(1));
    return (zeros = outer.op('ConstantOfShape', [dims], { value }, 'zero_state'));
  };
  const lensRow = spec.masked ? outer.unsqueeze(outer.cast(inputs.lens, 'int64', 'lens_i64'), [0], 'lens_row') : undefined;

  const cols = (rows: number | undefined): ValueInfo['type'] => ({ kind: 'tensor', elemType: ft, shape: [rows ?? null, spec.B ?? null] });
  const finals: string[][] = spec.op.stateInputs.map(() => []);
  const ys: string[] = [];

  for (let d = 0; d < D; d++) {
    const reverse = spec.reverse[d];
    const dirName = D === 2 ? (d === 0 ? '_fwd' : '_bwd') : reverse ? '_bwd' : '';
    const init = inputs.initial.map((s, k) => {
      if (!s) return zeroState();
      const per = outer.gather(s, d, layout === 0 ? 0 : 1, `${k === 0 ? 'h' : 'c'}0${dirName}_rows`);
      return outer.transpose(per, [1, 0], `${k === 0 ? 'h' : 'c'}0${dirName}`);
    });
    let step0: string | undefined;
    if (spec.masked) {
      if (!reverse) step0 = outer.int64([0], true);
      else if (spec.T !== undefined) step0 = outer.int64([spec.T - 1], true);
      else step0 = outer.op('Sub', [outer.gather(xShape(), tAxis, 0, 'steps'), outer.int64([1], true)], {}, 'last_step');
    }

    const bodyGraph = new Graph({ name: `${base}_body${dirName}` });
    const body = new Emitter({ graph: bodyGraph, nodes: bodyGraph.nodes, prefix: '' }, names, opset, ft);
    const stateNames = spec.op.stateInputs.map((_, k) => names.fresh(`${stateName(spec.op, k)}_t-1`));
    const stepIn = spec.masked ? names.fresh('step') : undefined;
    const xIn = names.fresh('x_t');
    for (const s of stateNames) bodyGraph.inputs.push({ name: s, type: cols(H) });
    if (stepIn) bodyGraph.inputs.push({ name: stepIn, type: { kind: 'tensor', elemType: 'int64', shape: [] } });
    bodyGraph.inputs.push({ name: xIn, type: cols(spec.I) });

    // Operands of direction d: per-gate body initializers for constants, outer slices otherwise.
    const rowsOf = new Map<string, string>();
    const dirRows = (name: string): string => {
      let v = rowsOf.get(name);
      if (!v) rowsOf.set(name, (v = outer.gather(name, d, 0, `${name}${dirName}`)));
      return v;
    };
    const gateName = (g: number): string => (G > 1 ? `_${spec.op.gates[g]}` : '');
    // Wb_g or Rb_g alone as [H, 1].
    const biasHalf = (g: number, which: 'W' | 'R'): string => {
      const label = `${which}b${gateName(g)}${dirName}`;
      const start = (which === 'W' ? g : G + g) * H;
      const c = spec.constants.get(inputs.B);
      if (c) return body.initializer(label, sliceRows(c, d, start, H, [H, 1], ft));
      return outer.unsqueeze(outer.slice(dirRows(inputs.B), start, start + H, 0, `${label}_row`), [1], label);
    };
    const ctx: CellContext = {
      spec,
      body,
      d,
      x: xIn,
      states: stateNames,
      weight(which, g) {
        const name = which === 'W' ? inputs.W : inputs.R;
        const label = `${which}${gateName(g)}${dirName}`;
        const c = spec.constants.get(name);
        if (c) return body.initializer(label, sliceRows(c, d, g * H, H, [H, c.dims[2]], ft));
        return outer.slice(dirRows(name), g * H, (g + 1) * H, 0, label);
      },
      bias(g, which = 'both') {
        if (!inputs.B) return undefined;
        if (which !== 'both') return biasHalf(g, which);
        const label = `B${gateName(g)}${dirName}`;
        const c = spec.constants.get(inputs.B);
        if (c) {
          const src = c.data as Float32Array | Float64Array;
          const off = d * 2 * G * H;
          const sum = ft === 'float32' ? new Float32Array(H) : new Float64Array(H);
          for (let j = 0; j < H; j++) sum[j] = src[off + g * H + j] + src[off + (G + g) * H + j];
          return body.initializer(label, new Tensor(ft, [H, 1], sum));
        }
        const rows = dirRows(inputs.B);
        const wb = outer.slice(rows, g * H, (g + 1) * H, 0, `Wb${gateName(g)}${dirName}`);
        const rb = outer.slice(rows, (G + g) * H, (G + g + 1) * H, 0, `Rb${gateName(g)}${dirName}`);
        return outer.unsqueeze(outer.op('Add', [wb, rb], {}, `${label}_row`), [1], label);
      },
      vector(name, k) {
        const decl = spec.op.vectorInputs?.find((v) => v.name === name);
        if (!decl) throw new Error(`${spec.op.opType} declares no vector input '${name}'`);
        const operand = inputs.vectors[name];
        if (!operand) return undefined;
        const label = `${name}_${decl.parts[k]}${dirName}`;
        const c = spec.constants.get(operand);
        if (c) return body.initializer(label, sliceRows(c, d, k * H, H, [H, 1], ft));
        return outer.unsqueeze(outer.slice(dirRows(operand), k * H, (k + 1) * H, 0, `${label}_row`), [1], label);
      },
      activation(k, x, out) {
        const call: ActivationCall = spec.activations[d * perDir + k];
        return emitActivation(body, call, x, out);
      },
      clip(x, out) {
        return spec.clip === undefined ? x : body.clip(x, spec.clip, out);
      },
    };
    const next = cell(ctx);

    // Outputs of the body: new states, the step counter, the scan output.
    let outStates = next;
    let y: string;
    let stepNext: string | undefined;
    if (stepIn && lensRow) {
      const m = body.op('Less', [stepIn, lensRow], {}, 'in_sequence');
      stepNext = body.op(reverse ? 'Sub' : 'Add', [stepIn, body.int64([1], true)], {}, 'step_next');
      outStates = next.map((s, k) => body.op('Where', [m, s, stateNames[k]], {}, `${stateName(spec.op, k)}_t_kept`));
      y = body.op('Where', [m, next[0], body.float(0)], {}, 'h_t_concat');
    } else {
      y = body.op('Identity', [next[0]], {}, 'h_t_concat');
    }
    for (const s of outStates) bodyGraph.outputs.push({ name: s, type: cols(H) });
    if (stepNext) bodyGraph.outputs.push({ name: stepNext, type: { kind: 'tensor', elemType: 'int64', shape: [] } });
    bodyGraph.outputs.push({ name: y, type: cols(H) });

    const scanOuts = outStates.map((_, k) => outer.fresh(`${stateName(spec.op, k)}_final${dirName}`));
    if (stepNext) scanOuts.push(outer.fresh(`step_final${dirName}`));
    const yCols = outer.fresh(`Y_cols${dirName}`);
    scanOuts.push(yCols);
    const scanInputs = [...init, ...(step0 ? [step0] : []), xCols];
    nodes.push(scanNode(names.fresh(`${base}_Scan${dirName}`), scanInputs, scanOuts, bodyGraph, reverse));
    outStates.forEach((_, k) => finals[k].push(scanOuts[k]));
    ys.push(yCols);
  }

  // Reassemble Y, Y_h (and Y_c) in the node's layout under the node's output names.
  const stack = (parts: string[], what: string): string => {
    const un = parts.map((p) => outer.unsqueeze(p, [0], `${what}_1`));
    return un.length === 1 ? un[0] : outer.concat(un, 0, `${what}_dirs`);
  };
  const yName = node.outputs[0];
  if (yName) outer.transpose(stack(ys, 'Y'), layout === 0 ? [1, 0, 3, 2] : [3, 1, 0, 2], yName, true);
  let started: string | undefined;
  finals.forEach((parts, k) => {
    const out = node.outputs[1 + k];
    if (!out) return;
    let v = stack(parts, `Y_${stateName(spec.op, k)}`);
    if (lensRow) {
      started ??= outer.op('Greater', [lensRow, outer.int64([0], true)], {}, 'started');
      v = outer.op('Where', [started, v, outer.float(0)], {}, `Y_${stateName(spec.op, k)}_started`);
    }
    outer.transpose(v, layout === 0 ? [0, 2, 1] : [2, 0, 1], out, true);
  });

  graph.nodes.splice(graph.nodes.indexOf(node), 1, ...nodes);
  return D;
}

/** A Scan-9+ node over one scan input and one scan output, walked backwards when `reverse`. */
function scanNode(name: string, inputs: string[], outputs: string[], body: Graph, reverse: boolean): Node {
  const attributes = new Map<string, Attribute>([
    ['body', attr.graph(body)],
    ['num_scan_inputs', attr.int(1)],
  ]);
  if (reverse) {
    attributes.set('scan_input_directions', attr.ints([1]));
    attributes.set('scan_output_directions', attr.ints([1]));
  }
  return new Node({ opType: 'Scan', name, inputs, outputs, attributes });
}
