import { attrFloat, attrInt, attrString, type Graph, hasAttr, type Node, type Tensor, toNumbers } from '@scanflow/ir';
import { PassError } from '../pass-manager';
import { type ActivationCall, readActivationCalls } from './activations';
import type { FloatType } from './emitter';

/**
 * A per-direction operand besides X / W / R / B / sequence_lens / initial states, cut into `parts`
 * vectors of H values each (LSTM's peepholes P: `{ name: 'P', index: 7, parts: ['i', 'o', 'f'] }`,
 * shape [D, 3·H]). A cell reads part k of direction d as an [H, 1] column through
 * {@link CellContext.vector}.
 */
export interface RecurrentVectorInput {
  /** Its name in messages and in the names of the values the lowering writes (`P_i`, `P_o` ...). */
  name: string;
  /** Its position among the node's inputs. */
  index: number;
  /** Names of its H-long parts, in order. */
  parts: readonly string[];
}

/**
 * What distinguishes one op of the ONNX RNN family (or any op of that shape: inputs X, W, R, B,
 * sequence_lens, initial states; outputs Y and the final states) for the generic lowering
 * ({@link lowerAllRecurrent}). The common part — directions, layout, hidden_size, activations, clip,
 * sequence_lens, initial states, W / R / B sliced per gate — is read for every op; an op declares
 * its extras here and checks / describes them through the hooks.
 *
 * @example The ONNX GRU (gate rows z, r, h; one state):
 * ```ts
 * const GRU: RecurrentOp = { opType: 'GRU', gates: ['z', 'r', 'h'], stateInputs: [5], maxInputs: 6,
 *   defaultActivations: ['Sigmoid', 'Tanh'], extraAttributes: ['linear_before_reset'] };
 * ```
 */
export interface RecurrentOp {
  /** The op type of the nodes to lower. */
  opType: string;
  /** Their domain ('' — the ONNX default domain — when absent). */
  domain?: string;
  /** Gate names in the order of W / R / B rows (LSTM: i, o, f, c). */
  gates: readonly string[];
  /** Positions of the initial states among the node's inputs (e.g. initial_h, then initial_c). */
  stateInputs: readonly number[];
  /** Short names of the states, in the order of `stateInputs` (default `h`, `c`, `s2` ...), used in value names. */
  stateNames?: readonly string[];
  /** The most inputs a node may have (LSTM 8, RNN and GRU 6). */
  maxInputs: number;
  /** Per-direction vector operands besides the common ones (LSTM: P). */
  vectorInputs?: readonly RecurrentVectorInput[];
  defaultActivations: readonly string[];
  /** Attributes besides the common ones (activations, activation_alpha / _beta, clip, direction, hidden_size, layout). */
  extraAttributes: readonly string[];
  /** Checks the op's own attributes; calls `fail` (which throws a PassError naming the node) on a bad one. */
  checkAttributes?(node: Node, fail: (msg: string) => never): void;
  /** Extra words for the pass's note about a lowered node (e.g. `peepholes`, `linear_before_reset`). */
  describe?(spec: RecurrentSpec): string[];
}

/** The short name of state `k` of `op` (`h`, `c` unless the op names them). */
export function stateName(op: RecurrentOp, k: number): string {
  return op.stateNames?.[k] ?? (k === 0 ? 'h' : k === 1 ? 'c' : `s${k}`);
}

const COMMON_ATTRIBUTES = ['activation_alpha', 'activation_beta', 'activations', 'clip', 'direction', 'hidden_size', 'layout'];

/** A recurrent node's attributes and operands, checked. */
export interface RecurrentSpec {
  op: RecurrentOp;
  node: Node;
  /** Number of directions; `reverse[d]` says whether direction d walks the sequence backwards. */
  D: 1 | 2;
  reverse: boolean[];
  layout: 0 | 1;
  clip: number | undefined;
  H: number;
  /** Activation functions of all directions (forward's first), `op.defaultActivations.length` each. */
  activations: ActivationCall[];
  floatType: FloatType;
  /** Static sizes when known. */
  T: number | undefined;
  B: number | undefined;
  I: number | undefined;
  /** Operand names ('' when omitted); `vectors` by {@link RecurrentVectorInput.name}. */
  inputs: { X: string; W: string; R: string; B: string; lens: string; initial: string[]; vectors: Record<string, string> };
  /** Operands whose values are known (initializers or Constant outputs, seen through enclosing scopes). */
  constants: Map<string, Tensor>;
  /** Whether sequence_lens can cut some batch entry short (so steps must be masked). */
  masked: boolean;
}

/**
 * The value of `name` if it is a constant: an initializer (not also a graph input, which a caller
 * may override) or a Constant node's `value`, looked up from the innermost scope outwards.
 */
export function resolveConstant(name: string, scopes: readonly Graph[]): Tensor | undefined {
  for (const g of scopes) {
    const producer = g.nodes.find((n) => n.outputs.includes(name));
    if (producer) {
      const v = producer.opType === 'Constant' && producer.domain === '' ? producer.attributes.get('value') : undefined;
      return v?.type === 'tensor' ? v.value : undefined;
    }
    if (g.inputs.some((i) => i.name === name)) return undefined;
    const init = g.initializers.get(name);
    if (init) return init;
  }
  return undefined;
}

function declaredShape(name: string, scopes: readonly Graph[], constants: Map<string, Tensor>): (number | undefined)[] | undefined {
  const c = constants.get(name);
  if (c) return [...c.dims];
  for (const g of scopes) {
    const t = g.typeOf(name);
    if (t?.kind === 'tensor' && t.shape) return t.shape.map((d) => (typeof d === 'number' ? d : undefined));
    if (t) return undefined;
  }
  return undefined;
}

function declaredElemType(name: string, scopes: readonly Graph[], constants: Map<string, Tensor>): string | undefined {
  const c = constants.get(name);
  if (c) return c.elemType;
  for (const g of scopes) {
    const t = g.typeOf(name);
    if (t?.kind === 'tensor') return t.elemType;
  }
  return undefined;
}

/** Reads and checks a node of the RNN family; `scopes` lists its graph and then the enclosing ones. */
export function readRecurrentSpec(op: RecurrentOp, node: Node, scopes: readonly Graph[], opset: number): RecurrentSpec {
  const fail: (msg: string) => never = (msg) => {
    throw new PassError(`node ${node.label}: ${msg}`);
  };
  for (const k of node.attributes.keys()) {
    if (!COMMON_ATTRIBUTES.includes(k) && !op.extraAttributes.includes(k)) fail(`attribute '${k}' is not an attribute of ${op.opType}; cannot lower it`);
  }
  const direction = attrString(node, 'direction', 'forward');
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional') {
    fail(`attribute 'direction' is '${direction}', expected forward, reverse or bidirectional`);
  }
  const D = direction === 'bidirectional' ? 2 : 1;
  const reverse = direction === 'bidirectional' ? [false, true] : [direction === 'reverse'];
  const layout = attrInt(node, 'layout', 0);
  if (layout !== 0 && layout !== 1) fail(`attribute 'layout' is ${layout}, expected 0 or 1`);
  if (layout === 1 && opset < 14) fail(`attribute 'layout' is 1, which needs opset 14 or later (the model imports opset ${opset})`);
  const clip = hasAttr(node, 'clip') ? attrFloat(node, 'clip') : undefined;
  if (clip !== undefined && !(clip > 0)) fail(`attribute 'clip' is ${clip}, expected a positive number`);
  const activations = readActivationCalls(node, op.defaultActivations, D);
  op.checkAttributes?.(node, fail);

  const at = (k: number): string => node.inputs[k] ?? '';
  const inputs = {
    X: at(0),
    W: at(1),
    R: at(2),
    B: at(3),
    lens: at(4),
    initial: op.stateInputs.map(at),
    vectors: Object.fromEntries((op.vectorInputs ?? []).map((v) => [v.name, at(v.index)])),
  };
  const vectorNames = Object.values(inputs.vectors);
  if (!inputs.X || !inputs.W || !inputs.R) fail('inputs X, W and R are required');
  if (node.inputs.length > op.maxInputs) fail(`has ${node.inputs.length} inputs, ${op.opType} takes at most ${op.maxInputs}`);
  const constants = new Map<string, Tensor>();
  for (const name of [inputs.W, inputs.R, inputs.B, inputs.lens, ...vectorNames]) {
    const c = name ? resolveConstant(name, scopes) : undefined;
    if (c) constants.set(name, c);
  }

  // Element type: the operands' declared or constant type (float32 when nothing says).
  let floatType: FloatType = 'float32';
  for (const name of [inputs.X, inputs.W, inputs.R]) {
    const t = declaredElemType(name, scopes, constants);
    if (t === undefined) continue;
    if (t !== 'float32' && t !== 'float64') fail(`input '${name}' is ${t}; only float32 and float64 recurrences can be lowered`);
    floatType = t;
    break;
  }
  for (const name of [inputs.W, inputs.R, inputs.B, ...vectorNames]) {
    const c = name ? constants.get(name) : undefined;
    if (c && c.elemType !== floatType) fail(`input '${name}' is ${c.elemType}, expected ${floatType}`);
  }

  const G = op.gates.length;
  const xShape = declaredShape(inputs.X, scopes, constants);
  if (xShape && xShape.length !== 3) fail(`X '${inputs.X}' must have rank 3, got rank ${xShape.length}`);
  const wShape = declaredShape(inputs.W, scopes, constants);
  const rShape = declaredShape(inputs.R, scopes, constants);
  let H = hasAttr(node, 'hidden_size') ? attrInt(node, 'hidden_size') : undefined;
  if (H !== undefined && H < 1) fail(`attribute 'hidden_size' is ${H}, expected a positive integer`);
  const fromR = rShape?.[2];
  if (H !== undefined && fromR !== undefined && fromR !== H) fail(`attribute 'hidden_size' is ${H}, but R '${inputs.R}' has shape [${rShape!.join(', ')}]`);
  H ??= fromR ?? (wShape?.[1] !== undefined ? wShape[1] / G : undefined);
  if (H === undefined || !Number.isInteger(H)) fail(`cannot tell the hidden size: no 'hidden_size' attribute and the shape of R '${inputs.R}' is unknown`);
  const hidden = H as number;
  const T = xShape?.[layout === 0 ? 0 : 1];
  const B = xShape?.[layout === 0 ? 1 : 0];
  const I = xShape?.[2] ?? wShape?.[2];

  const expect = (name: string, what: string, dims: (number | undefined)[]): void => {
    const s = name ? declaredShape(name, scopes, constants) : undefined;
    if (!s) return;
    const ok = s.length === dims.length && s.every((d, k) => d === undefined || dims[k] === undefined || d === dims[k]);
    if (!ok) fail(`${what} '${name}' has shape [${s.map((d) => d ?? '?').join(', ')}], expected [${dims.map((d) => d ?? '?').join(', ')}]`);
  };
  expect(inputs.W, 'W', [D, G * hidden, I]);
  expect(inputs.R, 'R', [D, G * hidden, hidden]);
  expect(inputs.B, 'B', [D, 2 * G * hidden]);
  for (const v of op.vectorInputs ?? []) expect(inputs.vectors[v.name], v.name, [D, v.parts.length * hidden]);
  expect(inputs.lens, 'sequence_lens', [B]);
  for (const s of inputs.initial) expect(s, 'initial state', layout === 0 ? [D, B, hidden] : [B, D, hidden]);

  let masked = false;
  if (inputs.lens) {
    const lens = constants.get(inputs.lens);
    if (lens) {
      if (lens.elemType !== 'int32' && lens.elemType !== 'int64') fail(`sequence_lens '${inputs.lens}' is ${lens.elemType}, expected int32`);
      const values = toNumbers(lens);
      const bad = values.find((v) => v < 0 || (T !== undefined && v > T));
      if (bad !== undefined) fail(`sequence_lens '${inputs.lens}' holds ${bad}, outside [0, ${T ?? 'T'}]`);
      masked = T === undefined || values.some((v) => v !== T);
    } else {
      masked = true;
    }
  }
  return {
    op,
    node,
    D,
    reverse,
    layout: layout as 0 | 1,
    clip,
    H: hidden,
    activations,
    floatType,
    T,
    B,
    I,
    inputs,
    constants,
    masked,
  };
}
