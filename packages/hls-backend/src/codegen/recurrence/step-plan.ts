import { attrGraph, attrInt, attrInts, attrString, type Graph, type Node, normalizeDomain, parseDataType, type Registry, topologicalOrder } from '@scanflow/ir';
import { hwLayerOf, type StepRole } from '../../hw-layer';
import { type ElemType, elemFits, elemTypeForRange, elemTypeOf } from '../cpp-types';
import { HlsCodegenError } from '../errors';
import { lcm } from '../../integer-math';
import { elementCount, valueElemType } from '../shapes';
import { chainSections } from './step-sections';

/**
 * The plan of a Recurrence's fused step (docs/hardware-layers.md, "The fused recurrent step"): the
 * body's layers as operations on on-chip arrays, grouped into sections by depth. The code generator
 * emits it and the estimator costs it, so both follow the same structure.
 *
 * - Reshapes and DuplicateStreams vanish: a reshape is the same array, a fan-out reads it twice.
 * - An MVAU whose only reader is an ElementwiseAdd with a stream operand starts its accumulators
 *   from that operand (W·h + the hoisted W·x + b in one unit); a layer whose only reader is a
 *   Thresholding applies those thresholds itself (gate requantisation + activation in the MVAU).
 * - Each operation sits at level 1 + the deepest level of what it reads (state arrays: level 0);
 *   reading a step's slice of a sequence is an operation too. A section runs all operations of one
 *   level in one pipelined loop of as many iterations as its slowest member; consecutive levels
 *   that walk the same chunks in the same iterations chain into one loop (./step-sections.ts).
 * - The next state is written straight into the other half of the state's ping-pong pair.
 */

export type StepOpKind = 'mvau' | 'thresholding' | 'elementwise' | 'read' | 'write' | 'copy';

/** Where a step operand lives. */
export type ArrayRef =
  | { kind: 'state'; state: number; half: 'cur' | 'nxt' }
  | { kind: 'local'; value: string }
  | { kind: 'seq'; seq: number };

export interface ThresholdSpec {
  /** The Thresholding / MVAU node holding the thresholds (input `input`). */
  node: Node;
  input: number;
  steps: number;
  shared: boolean;
  outBias: number;
}

export interface StepOp {
  kind: StepOpKind;
  /** Short unique id used in generated names (m0, e1, t2, r0, w1, c3). */
  id: string;
  /** The hardware layer it comes from (none for read / write / copy). */
  node?: Node;
  level: number;
  iterations: number;
  /** Lanes (PE, or the words' width for read / write). */
  lanes: number;
  /** MVAU: SIMD and matrix sizes. */
  simd?: number;
  mw?: number;
  mh?: number;
  /** Element count of the produced vector. */
  channels: number;
  inputs: ArrayRef[];
  /** MVAU with an initial accumulator value / element-wise second operand kinds. */
  init?: ArrayRef;
  operand?: { kind: 'array'; ref: ArrayRef } | { kind: 'param'; value: string } | { kind: 'scalar'; value: string };
  ewOp?: 'add' | 'mul';
  thresholds?: ThresholdSpec;
  /** Accumulator (MVAU) or intermediate (element-wise) type. */
  acc?: ElemType;
  output?: ArrayRef;
  outElem?: ElemType;
  /** With fused thresholds: the value before them, written too when something else reads it. */
  rawOutput?: ArrayRef;
  rawElem?: ElemType;
  /** A one-iteration read / write merged into the section of its reader / producer. */
  merged?: 'before' | 'after';
  /** Layers folded into this one (an Add it starts its accumulators from, the Thresholding it applies). */
  fused?: Node[];
  /** read: the sequence input; write: the per-step output. */
  seq?: number;
  scanOutput?: number;
}

export interface StateSpec {
  index: number;
  /** Body input value (the state as read). */
  value: string;
  elem: ElemType;
  channels: number;
  /** Partition factor of each half: lcm of every access width. */
  factor: number;
  read: boolean;
}

export interface SeqSpec {
  index: number;
  value: string;
  elem: ElemType;
  perStep: number;
  lanes: number;
  reverse: boolean;
}

export interface ScanOutSpec {
  index: number;
  /** The array holding this step's output. */
  ref: ArrayRef;
  elem: ElemType;
  perStep: number;
  lanes: number;
  reverse: boolean;
  /** The type the stream carries (the outer value's), set by the code generator. */
  streamElem?: ElemType;
}

export interface LocalArray {
  value: string;
  elem: ElemType;
  size: number;
  factor: number;
}

export interface StepPlan {
  body: Graph;
  states: StateSpec[];
  seqs: SeqSpec[];
  scanOuts: ScanOutSpec[];
  locals: LocalArray[];
  ops: StepOp[];
  /** The pipelined loops of the step, in order: the ops of one level, or of consecutive levels chained (./step-sections.ts). */
  sections: StepOp[][];
}

const isReshape = (n: Node): boolean => normalizeDomain(n.domain) === '' && n.opType === 'Reshape';

/**
 * Plans the fused step of a Recurrence from its body: every body layer by the step form its
 * registered definition declares (HwLayerDefinition.step), fused where one runs in another's lanes.
 */
export function planStep(node: Node, registry: Registry): StepPlan {
  const where = `Recurrence ${node.label}`;
  const roleOf = (b: Node): StepRole | undefined => (b.opType === 'Recurrence' ? undefined : hwLayerOf(registry, b)?.step);
  const body = attrGraph(node, 'body');
  const m = attrInt(node, 'num_scan_inputs');
  const n = node.inputs.length - m;
  const k = body.outputs.length - n;
  if (m < 1 || n < 0 || k < 0 || body.inputs.length !== n + m) {
    throw new HlsCodegenError(`${where}: expected ${n} states and ${m} sequences matching the body's ${body.inputs.length} inputs and ${body.outputs.length} outputs (at least one sequence)`);
  }
  const inDirs = attrInts(node, 'scan_input_directions', []);
  const outDirs = attrInts(node, 'scan_output_directions', []);
  for (const b of body.nodes) {
    if (!isReshape(b) && roleOf(b) === undefined) throw new HlsCodegenError(`${where}: body node ${b.label} (${b.opType}) is not supported: a body holds Reshapes and hardware layers with a fused-step form (HwLayerDefinition.step), no nested Recurrence`);
  }

  // aliases: a Reshape's output and every DuplicateStreams output are their input's array
  const alias = new Map<string, string>();
  for (const b of body.nodes) {
    if (isReshape(b)) alias.set(b.outputs[0]!, b.inputs[0]!);
    else if (roleOf(b) === 'fan-out') for (const o of b.outputs) if (o) alias.set(o, b.inputs[0]!);
  }
  const root = (v: string): string => {
    let r = v;
    for (let a = alias.get(r); a !== undefined; a = alias.get(r)) r = a;
    return r;
  };
  const stateOf = new Map(body.inputs.slice(0, n).map((i, s) => [i.name, s]));
  const seqOf = new Map(body.inputs.slice(n).map((i, j) => [i.name, j]));
  const compute = topologicalOrder(body).filter((b) => !isReshape(b) && roleOf(b) !== 'fan-out');
  const readers = new Map<string, Node[]>();
  for (const b of compute) for (const i of b.inputs) if (i && !body.initializers.has(i)) readers.set(root(i), [...(readers.get(root(i)) ?? []), b]);
  const outputRoots = new Set(body.outputs.map((o) => root(o.name)));
  const soleReader = (v: string, role: StepRole): Node | undefined => {
    const r = readers.get(v) ?? [];
    return r.length === 1 && roleOf(r[0]!) === role && !outputRoots.has(v) ? r[0] : undefined;
  };

  // fusion: MVAU + Add(init), then (MVAU | element-wise) + Thresholding
  const absorbed = new Set<Node>();
  interface Pending { node: Node; init?: string; thresholds?: Node; produces: string; addNode?: Node; raw?: string }
  const pending: Pending[] = [];
  for (const b of compute) {
    if (absorbed.has(b)) continue;
    const p: Pending = { node: b, produces: root(b.outputs[0]!) };
    const role = roleOf(b);
    if (role === 'matrix' && !b.inputs[2]) {
      const add = soleReader(p.produces, 'add');
      const other = add ? add.inputs.find((i) => root(i) !== p.produces) : undefined;
      if (add && other && !body.initializers.has(other) && add.inputs.filter((i) => root(i) === p.produces).length === 1) {
        p.init = root(other);
        p.addNode = add;
        p.produces = root(add.outputs[0]!);
        absorbed.add(add);
      }
    }
    if ((role === 'matrix' && !b.inputs[2]) || role === 'add' || role === 'mul') {
      // the Thresholding reading the result runs in the same lanes; when others read the result too
      // (or it is a body output, e.g. the next c also feeding tanh(c)), the raw result is written as well
      const thrs = (readers.get(p.produces) ?? []).filter((r) => roleOf(r) === 'threshold' && r.inputs.filter((i) => root(i) === p.produces).length === 1);
      const thr = thrs.length === 1 ? thrs[0] : undefined;
      if (thr) {
        const others = (readers.get(p.produces) ?? []).length > 1 || outputRoots.has(p.produces);
        if (others) p.raw = p.produces;
        p.thresholds = thr;
        p.produces = root(thr.outputs[0]!);
        absorbed.add(thr);
      }
    }
    pending.push(p);
  }

  // the state each body output writes, and where every value lives
  const stateWrite = new Map<string, number>(); // root → state index written straight into its next half
  const producedBy = new Map<string, Pending>();
  for (const p of pending) {
    producedBy.set(p.produces, p);
    if (p.raw) producedBy.set(p.raw, p);
  }
  const copies: { state: number; from: string }[] = [];
  for (let s = 0; s < n; s++) {
    const r = root(body.outputs[s]!.name);
    if (producedBy.has(r) && !stateWrite.has(r)) stateWrite.set(r, s);
    else copies.push({ state: s, from: r });
  }
  const refOf = (v: string): ArrayRef => {
    const r = root(v);
    if (stateWrite.has(r)) return { kind: 'state', state: stateWrite.get(r)!, half: 'nxt' };
    if (stateOf.has(r)) return { kind: 'state', state: stateOf.get(r)!, half: 'cur' };
    if (seqOf.has(r)) return { kind: 'seq', seq: seqOf.get(r)! };
    return { kind: 'local', value: r };
  };

  const states: StateSpec[] = body.inputs.slice(0, n).map((i, s) => ({ index: s, value: i.name, elem: valueElemType(body, i.name), channels: elementCount(body, i.name), factor: 1, read: false }));
  const seqs: SeqSpec[] = body.inputs.slice(n).map((i, j) => ({ index: j, value: i.name, elem: valueElemType(body, i.name), perStep: elementCount(body, i.name), lanes: 1, reverse: (inDirs[j] ?? 0) !== 0 }));
  const locals = new Map<string, LocalArray>();
  const lanesOf = new Map<string, number[]>(); // array key → access widths
  const key = (r: ArrayRef): string => (r.kind === 'state' ? `state:${r.state}` : r.kind === 'seq' ? `seq:${r.seq}` : `local:${r.value}`);
  const touch = (r: ArrayRef, lanes: number): void => {
    lanesOf.set(key(r), [...(lanesOf.get(key(r)) ?? []), lanes]);
    if (r.kind === 'state' && r.half === 'cur') states[r.state]!.read = true;
  };
  const level = new Map<string, number>(); // array key → level it is ready after
  const ready = (r: ArrayRef): number => (r.kind === 'state' && r.half === 'cur' ? 0 : level.get(key(r)) ?? 0);

  const ops: StepOp[] = [];
  let counter = 0;
  const id = (p: string) => `${p}${counter++}`;
  // sequence reads: lanes = the widest reader's access
  const seqReaderLanes = new Map<number, number>();
  const noteSeqLanes = (r: ArrayRef, lanes: number) => {
    if (r.kind === 'seq') seqReaderLanes.set(r.seq, Math.max(seqReaderLanes.get(r.seq) ?? 1, lanes));
  };
  const elemOfRoot = (v: string): ElemType => valueElemType(body, v);

  // pass 1: the compute ops (levels need reads first, so collect lanes, then place)
  interface Draft { op: StepOp; reads: ArrayRef[] }
  const drafts: Draft[] = [];
  const placed = (v: string): { ref: ArrayRef; elem: ElemType } => {
    const ref = refOf(v);
    let elem = elemOfRoot(v);
    if (ref.kind === 'state') {
      const se = states[ref.state]!.elem;
      if (!elemFits(elem, se)) throw new HlsCodegenError(`${where}: the next state ${ref.state} (${elem.datatype.name}) does not fit the state's ${se.datatype.name}`);
      elem = se;
    }
    return { ref, elem };
  };
  for (const p of pending) {
    const b = p.node;
    const { ref: out, elem: outElem } = placed(p.produces);
    const raw = p.raw !== undefined ? placed(p.raw) : undefined;
    const rawFields = raw ? { rawOutput: raw.ref, rawElem: raw.elem } : {};
    if (raw) touch(raw.ref, attrInt(b, 'pe', 1));
    const role = roleOf(b);
    const thr = p.thresholds ?? (role === 'threshold' || (role === 'matrix' && b.inputs[2]) ? b : undefined);
    const tInput = thr ? (roleOf(thr) === 'matrix' ? 2 : 1) : 0;
    const tTensor = thr ? body.initializers.get(thr.inputs[tInput]!) : undefined;
    if (thr && !tTensor) throw new HlsCodegenError(`${where}: thresholds of ${thr.label} are not a constant`);
    const thresholds: ThresholdSpec | undefined = thr && tTensor ? { node: thr, input: tInput, steps: tTensor.dims[1]!, shared: tTensor.dims[0] === 1, outBias: attrInt(thr, 'out_bias', 0) } : undefined;
    if (role === 'matrix') {
      const mw = attrInt(b, 'mw');
      const mh = attrInt(b, 'mh');
      const pe = attrInt(b, 'pe', 1);
      const simd = attrInt(b, 'simd', 1);
      if (mw % simd !== 0 || mh % pe !== 0) throw new HlsCodegenError(`${where}: MVAU ${b.label}: mw ${mw} / simd ${simd} or mh ${mh} / pe ${pe} do not divide`);
      const x = refOf(b.inputs[0]!);
      const accDt = parseDataType(attrString(b, 'acc_dtype'));
      let acc = elemTypeOf(accDt, `${where}: MVAU ${b.label} acc_dtype`);
      const init = p.init !== undefined ? refOf(p.init) : undefined;
      if (p.init !== undefined) {
        const u = elemOfRoot(p.init).datatype;
        acc = elemTypeForRange(Number(u.minInt + accDt.minInt), Number(u.maxInt + accDt.maxInt), `${where}: accumulator of ${b.label}`);
      }
      const fused = [...(p.addNode ? [p.addNode] : []), ...(p.thresholds ? [p.thresholds] : [])];
      const op: StepOp = { kind: 'mvau', id: id('m'), node: b, ...(fused.length ? { fused } : {}), level: 0, iterations: (mh / pe) * (mw / simd), lanes: pe, simd, mw, mh, channels: mh, inputs: [x], ...(init ? { init } : {}), ...(thresholds ? { thresholds } : {}), acc, output: out, outElem, ...rawFields };
      touch(x, simd);
      noteSeqLanes(x, simd);
      if (init) {
        touch(init, pe);
        noteSeqLanes(init, pe);
      }
      touch(out, pe);
      drafts.push({ op, reads: [x, ...(init ? [init] : [])] });
    } else if (role === 'threshold') {
      const c = attrInt(b, 'channels');
      const pe = attrInt(b, 'pe', 1);
      const x = refOf(b.inputs[0]!);
      touch(x, pe);
      noteSeqLanes(x, pe);
      touch(out, pe);
      drafts.push({ op: { kind: 'thresholding', id: id('t'), node: b, level: 0, iterations: c / pe, lanes: pe, channels: c, inputs: [x], thresholds: thresholds!, output: out, outElem }, reads: [x] });
    } else if (role === 'add' || role === 'mul') {
      const c = attrInt(b, 'channels');
      const pe = attrInt(b, 'pe', 1);
      const a = refOf(b.inputs[0]!);
      const bv = b.inputs[1]!;
      const bc = body.initializers.get(bv);
      const operand: StepOp['operand'] = bc ? (bc.size === 1 ? { kind: 'scalar', value: bv } : { kind: 'param', value: bv }) : { kind: 'array', ref: refOf(bv) };
      touch(a, pe);
      noteSeqLanes(a, pe);
      if (operand.kind === 'array') {
        touch(operand.ref, pe);
        noteSeqLanes(operand.ref, pe);
      }
      touch(out, pe);
      const mid = elemOfRoot(root(b.outputs[0]!));
      drafts.push({
        op: { kind: 'elementwise', id: id('e'), node: b, ...(p.thresholds ? { fused: [p.thresholds] } : {}), level: 0, iterations: c / pe, lanes: pe, channels: c, inputs: [a], operand, ewOp: role, ...(thresholds ? { thresholds } : {}), acc: mid, output: out, outElem, ...rawFields },
        reads: [a, ...(operand.kind === 'array' ? [operand.ref] : [])],
      });
    } else {
      throw new HlsCodegenError(`${where}: body layer ${b.label} (${b.opType}) has no fused-step form`);
    }
  }
  // reads of the sequences (one the step never uses is still consumed, a whole slice per iteration)
  for (const s of seqs) if (!seqReaderLanes.has(s.index)) seqReaderLanes.set(s.index, s.perStep);
  for (const [j, lanes] of [...seqReaderLanes].sort((a, b) => a[0] - b[0])) {
    const s = seqs[j]!;
    let l = lanes;
    while (s.perStep % l !== 0) l--;
    s.lanes = l;
    const ref: ArrayRef = { kind: 'seq', seq: j };
    touch(ref, l);
    ops.push({ kind: 'read', id: id('r'), level: 1, iterations: s.perStep / l, lanes: l, channels: s.perStep, inputs: [], output: ref, outElem: s.elem, seq: j });
    level.set(key(ref), 1);
  }
  // levels of the compute ops (drafts are in topological order)
  for (const d of drafts) {
    d.op.level = 1 + Math.max(0, ...d.reads.map(ready));
    level.set(key(d.op.output!), d.op.level);
    if (d.op.rawOutput) level.set(key(d.op.rawOutput), d.op.level);
    ops.push(d.op);
  }
  // states whose next value is not written straight into their pair: a copy
  for (const c of copies) {
    const from = refOf(c.from);
    const st = states[c.state]!;
    const lanes = Math.max(1, ...(lanesOf.get(key(from)) ?? [1]).filter((l) => st.channels % l === 0));
    touch(from, lanes);
    const to: ArrayRef = { kind: 'state', state: c.state, half: 'nxt' };
    touch(to, lanes);
    ops.push({ kind: 'copy', id: id('c'), level: ready(from) + 1, iterations: st.channels / lanes, lanes, channels: st.channels, inputs: [from], output: to, outElem: st.elem });
  }
  // per-step outputs
  const scanOuts: ScanOutSpec[] = [];
  for (let q = 0; q < k; q++) {
    const v = body.outputs[n + q]!.name;
    const ref = refOf(v);
    const perStep = elementCount(body, v);
    const widths = (lanesOf.get(key(ref)) ?? [1]).filter((l) => perStep % l === 0);
    const lanes = Math.max(1, ...widths);
    touch(ref, lanes);
    const elem = ref.kind === 'state' ? states[ref.state]!.elem : ref.kind === 'seq' ? seqs[ref.seq]!.elem : elemOfRoot(ref.value);
    scanOuts.push({ index: q, ref, elem, perStep, lanes, reverse: (outDirs[q] ?? 0) !== 0 });
    ops.push({ kind: 'write', id: id('w'), level: ready(ref) + 1, iterations: perStep / lanes, lanes, channels: perStep, inputs: [ref], outElem: elem, scanOutput: q });
  }
  // partition factors
  const factorOf = (r: ArrayRef, size: number): number => {
    const f = (lanesOf.get(key(r)) ?? [1]).reduce((a, b) => lcm(a, b), 1);
    return Math.min(f, size);
  };
  for (const s of states) {
    s.factor = factorOf({ kind: 'state', state: s.index, half: 'cur' }, s.channels);
    if (s.channels % s.factor !== 0) s.factor = s.channels;
  }
  for (const op of ops) {
    for (const r of [op.output, op.rawOutput, ...op.inputs, ...(op.init ? [op.init] : []), ...(op.operand?.kind === 'array' ? [op.operand.ref] : [])]) {
      if (!r || r.kind !== 'local' || locals.has(r.value)) continue;
      const size = elementCount(body, r.value);
      let factor = factorOf(r, size);
      if (size % factor !== 0) factor = size;
      locals.set(r.value, { value: r.value, elem: elemOfRoot(r.value), size, factor });
    }
  }
  // an op producing a local reads/writes it with its output type
  for (const op of ops) {
    if (op.output?.kind === 'local' && op.outElem) locals.get(op.output.value)!.elem = op.outElem;
    if (op.rawOutput?.kind === 'local' && op.rawElem) locals.get(op.rawOutput.value)!.elem = op.rawElem;
  }
  // a one-iteration read runs in the section of its first reader (first in it), a one-iteration
  // write in the section of what it writes out (after it): no section of their own
  for (const op of ops) {
    if (op.kind === 'read' && op.iterations === 1) {
      const key0 = key(op.output!);
      const firsts = ops.filter((o) => o !== op && [...o.inputs, ...(o.init ? [o.init] : []), ...(o.operand?.kind === 'array' ? [o.operand.ref] : [])].some((r) => key(r) === key0));
      if (firsts.length) {
        const lvl = Math.min(...firsts.map((o) => o.level));
        if (firsts.every((o) => o.level >= lvl)) {
          op.level = lvl;
          op.merged = 'before';
        }
      }
    }
  }
  // levels may have moved down by one where a read merged: re-level the compute ops in order
  const readyOf = new Map<string, number>();
  for (const op of ops) {
    if (op.kind === 'read') continue;
    if (op.kind === 'write' || op.kind === 'copy') continue;
    const reads = [...op.inputs, ...(op.init ? [op.init] : []), ...(op.operand?.kind === 'array' ? [op.operand.ref] : [])];
    const src = (r: ArrayRef): number => {
      if (r.kind === 'state' && r.half === 'cur') return 0;
      if (r.kind === 'seq') {
        const rd = ops.find((o) => o.kind === 'read' && o.seq === r.seq)!;
        return rd.merged ? 0 : rd.level; // a merged read fills the array at the start of its reader's section
      }
      return readyOf.get(key(r)) ?? 0;
    };
    op.level = 1 + Math.max(0, ...reads.map(src));
    readyOf.set(key(op.output!), op.level);
    if (op.rawOutput) readyOf.set(key(op.rawOutput), op.level);
  }
  for (const op of ops) {
    if (op.kind === 'read' && op.merged) {
      const key0 = key(op.output!);
      op.level = Math.min(...ops.filter((o) => o.kind !== 'read' && [...o.inputs, ...(o.init ? [o.init] : []), ...(o.operand?.kind === 'array' ? [o.operand.ref] : [])].some((r) => key(r) === key0)).map((o) => o.level));
    }
  }
  for (const op of ops) {
    if (op.kind !== 'write' && op.kind !== 'copy') continue;
    const from = op.inputs[0]!;
    const producer = ops.find((o) => o !== op && (key(o.output ?? { kind: 'local', value: '' }) === key(from) || (o.rawOutput && key(o.rawOutput) === key(from))));
    const base = from.kind === 'state' && from.half === 'cur' ? 0 : producer?.level ?? 0;
    op.level = base + 1;
    if (op.kind === 'write' && op.iterations === 1 && producer && producer.iterations === 1) {
      op.level = producer.level;
      op.merged = 'after';
    }
  }
  const maxLevel = Math.max(0, ...ops.map((o) => o.level));
  const levels: StepOp[][] = [];
  for (let l = 1; l <= maxLevel; l++) {
    const s = ops.filter((o) => o.level === l);
    // merged reads first, merged writes last, so each sees its neighbour's data in the iteration
    s.sort((a, b) => (a.merged === 'before' ? -1 : a.merged === 'after' ? 1 : 0) - (b.merged === 'before' ? -1 : b.merged === 'after' ? 1 : 0));
    if (s.length) levels.push(s);
  }
  return { body, states, seqs, scanOuts, locals: [...locals.values()], ops, sections: chainSections(levels) };
}
