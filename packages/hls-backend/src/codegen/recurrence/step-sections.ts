import type { ArrayRef, StepOp } from './step-plan';

/**
 * The loops of a fused step. Each level of the cell (step-plan.ts) is a pipelined loop whose
 * iteration i handles chunk i of every member's channels. Consecutive levels chain into ONE loop
 * when each iteration of the later level needs only what the same iteration of the earlier one
 * wrote: every member runs the same number of iterations, and whatever a later member reads from
 * the loop so far is a chunk written in the same iteration at the same width (a producer that
 * finishes chunk i in iteration i — element-wise, thresholds, a sequence read, an MVAU that sees
 * its whole input row at once, MW = SIMD — and a reader taking chunk i: element-wise, thresholds,
 * writes, copies, an MVAU's initial accumulators). An MVAU reading its input vector from the loop
 * needs all of it first, so it starts a new loop. A chained loop costs its iterations once plus the
 * depth of its longest chain of members, where separate loops would each pay their iterations.
 */

/** The array behind a reference; a state's two halves are apart. */
export function refKey(r: ArrayRef): string {
  return r.kind === 'state' ? `state:${r.state}:${r.half}` : r.kind === 'seq' ? `seq:${r.seq}` : `local:${r.value}`;
}

/** What an operation reads: its input(s), initial accumulators and array operand. */
export function opReads(op: StepOp): ArrayRef[] {
  return [...op.inputs, ...(op.init ? [op.init] : []), ...(op.operand?.kind === 'array' ? [op.operand.ref] : [])];
}

/** What an operation writes. */
export function opWrites(op: StepOp): ArrayRef[] {
  return [...(op.output ? [op.output] : []), ...(op.rawOutput ? [op.rawOutput] : [])];
}

/** Whether iteration i of the op completes chunk i (its lanes wide) of what it writes. */
function writesChunkPerIteration(op: StepOp): boolean {
  if (op.kind === 'mvau') return op.mw === op.simd;
  return op.kind !== 'write';
}

/** Whether the op may read `ref` chunk by chunk, chunk i in iteration i. */
function readsChunkPerIteration(op: StepOp, ref: ArrayRef): boolean {
  if (op.kind !== 'mvau') return true;
  return op.init !== undefined && refKey(op.init) === refKey(ref) && op.mw === op.simd && refKey(op.inputs[0]!) !== refKey(ref);
}

/** Whether `next` (one level) can run in the same loop as `loop` (one or more chained levels). */
function canChain(loop: readonly StepOp[], next: readonly StepOp[]): boolean {
  const iterations = loop[0]!.iterations;
  if (![...loop, ...next].every((o) => o.iterations === iterations)) return false;
  const producer = new Map<string, StepOp>();
  for (const o of loop) for (const w of opWrites(o)) producer.set(refKey(w), o);
  for (const o of next) {
    for (const r of opReads(o)) {
      const p = producer.get(refKey(r));
      if (!p) continue;
      if (!writesChunkPerIteration(p) || !readsChunkPerIteration(o, r) || p.lanes !== o.lanes) return false;
    }
  }
  return true;
}

/** The step's loops: the levels in order, consecutive ones chained where `canChain` allows. */
export function chainSections(levels: readonly StepOp[][]): StepOp[][] {
  const out: StepOp[][] = [];
  for (const level of levels) {
    const last = out[out.length - 1];
    if (last && canChain(last, level)) last.push(...level);
    else out.push([...level]);
  }
  return out;
}

/** Iterations of one section: its slowest member. */
export function sectionIterations(section: readonly StepOp[]): number {
  return Math.max(1, ...section.map((o) => o.iterations));
}

/** Whether a section chains more than one level of the cell. */
export function isChained(section: readonly StepOp[]): boolean {
  return new Set(section.map((o) => o.level)).size > 1;
}

/**
 * Cycles of one section given each member's pipeline depth: a loop of N > 1 iterations at II = 1
 * takes (N − 1) + depth, plus one cycle to enter and leave the loop; a single iteration is just its
 * depth (Vitis flattens it into the step's schedule). The depth is the longest chain through the
 * section: a member starts when the members it reads from in the same iteration have finished (a
 * sequence read delivers its word at the start of the iteration, so it adds nothing to its
 * readers). ESTIMATE, shared by the estimator.
 */
export function sectionCycles(section: readonly StepOp[], depthOf: (op: StepOp) => number): { iterations: number; depth: number; cycles: number } {
  const iterations = sectionIterations(section);
  const finish = new Map<StepOp, number>();
  const producer = new Map<string, StepOp>();
  let depth = 0;
  for (const o of section) {
    // members are in dependency order (step-plan.ts emits them so)
    const start = Math.max(0, ...opReads(o).map((r) => producer.get(refKey(r))).filter((p): p is StepOp => p !== undefined && p.kind !== 'read').map((p) => finish.get(p)!));
    const f = start + depthOf(o);
    finish.set(o, f);
    depth = Math.max(depth, f);
    for (const w of opWrites(o)) producer.set(refKey(w), o);
  }
  return { iterations, depth, cycles: iterations > 1 ? iterations + depth : depth };
}
