import { type Graph } from '@scanflow/ir';
import { cppInitializer, cppIntegerLiteral, foldChannelParams, foldMvauWeights, foldThresholds } from '../../layout';
import { integerValues, paramElemType, requireInitializer, rowsOf } from '../constants';
import { elemFits, type ElemType, streamType } from '../cpp-types';
import { HlsCodegenError } from '../errors';
import { IdentifierPool } from '../identifiers';
import { inputParam, outputParam } from '../layers/signature';
import type { CodegenContext, LayerCode, LayerPort } from '../layers/types';
import { SEQ_LEN } from '../sequence';
import { multiplierImpl, multiplierTag } from '../../implementation/multiplier-impl';
import { thresholdCountFunction, type ThresholdMethod, thresholdMethod } from '../../implementation/threshold-method';
import { elementCount, staticShape, valueElemType } from '../shapes';
import { type ArrayRef, planStep, type StepOp, type StepPlan } from './step-plan';
import { isChained, opWrites, sectionIterations } from './step-sections';

/** Trip-counter name of the step sections (C-simulation checks the cycle model against it). */
export const STEP_TRIP = 'recurrence_step';

interface Names {
  local: Map<string, string>;
  seq: Map<number, string>;
}

function arrayExpr(r: ArrayRef, names: Names): string {
  if (r.kind === 'state') return `st${r.state}[${r.half}]`;
  if (r.kind === 'seq') return names.seq.get(r.seq)!;
  return names.local.get(r.value)!;
}

/** The variable behind a reference (a state pair as a whole). */
function arrayVarOf(r: ArrayRef, names: Names): string {
  return r.kind === 'state' ? `st${r.state}` : arrayExpr(r, names);
}

function thresholdsDecl(body: Graph, op: StepOp, name: string, pe: number, channels: number): { decl: string[]; lookup: (p: string, group: string) => string; tt: ElemType; method: ThresholdMethod } {
  const t = op.thresholds!;
  const tName = t.node.inputs[t.input]!;
  const tensor = requireInitializer(body, tName, `${t.node.label}: thresholds`);
  const values = integerValues(tensor, `${t.node.label} thresholds`);
  const tt = paramElemType(body, tName, values, `${t.node.label} thresholds`);
  // inside the step every level of a search would lengthen each step: compare-all unless asked
  const method = thresholdMethod(t.node, values, t.steps, true);
  if (t.shared) {
    return {
      decl: [`static const ${tt.cpp} ${name}[${t.steps}] = ${cppInitializer(values.slice(0, t.steps))};`, `SCANFLOW_SHARED_THRESHOLDS_PARTITION(${name})`],
      lookup: () => name,
      tt,
      method,
    };
  }
  return {
    decl: [`static const ${tt.cpp} ${name}[${pe}][${channels / pe}][${t.steps}] = ${cppInitializer(foldThresholds(rowsOf(values, channels, t.steps), pe))};`, `SCANFLOW_THRESHOLDS_PARTITION(${name})`],
    lookup: (p, group) => `${name}[${p}][${group}]`,
    tt,
    method,
  };
}

/** The value a lane writes: thresholds applied to `v`, or `v` converted to the output type. */
function laneResult(op: StepOp, v: string, th: ReturnType<typeof thresholdsDecl> | undefined, p: string, group: string): string {
  const to = op.outElem!.cpp;
  if (!th) return `${to}(${v})`;
  const count = thresholdCountFunction(th.method);
  return `scanflow::threshold_output<${to}, ${op.thresholds!.outBias}>(scanflow::${count}<${op.thresholds!.steps}>(${v}, ${th.lookup(p, group)}))`;
}

/** A product a · b in the layer's multiplier implementation (plain `*` when Vitis HLS chooses). */
function mulExpr(node: NonNullable<StepOp['node']>, a: string, b: string): string {
  const mul = multiplierImpl(node);
  return mul === 'auto' ? `${a} * ${b}` : `${multiplierTag(mul)}::apply(${a}, ${b})`;
}

interface OpCode {
  /** Parameter memories (static const), at function scope. */
  params: string[];
  /** Per-step declarations before the section loop (cursors, accumulators). */
  pre: string[];
  /** The body of one iteration. */
  body: string[];
}

function opCode(op: StepOp, plan: StepPlan, names: Names): OpCode {
  const body = plan.body;
  const out = op.output ? arrayExpr(op.output, names) : '';
  switch (op.kind) {
    case 'mvau': {
      const node = op.node!;
      const { mw, mh, simd } = op as Required<Pick<StepOp, 'mw' | 'mh' | 'simd'>>;
      const pe = op.lanes;
      const wName = node.inputs[1]!;
      const wValues = integerValues(requireInitializer(body, wName, `MVAU ${node.label}: weights`), `MVAU ${node.label} weights`);
      const tw = paramElemType(body, wName, wValues, `MVAU ${node.label} weights`);
      const tiles = (mh / pe) * (mw / simd);
      const params = [`static const ${tw.cpp} ${op.id}_w[${pe}][${tiles}][${simd}] = ${cppInitializer(foldMvauWeights(rowsOf(wValues, mh, mw), { mw, mh, simd, pe }))};`, `SCANFLOW_MVAU_WEIGHTS_PARTITION(${op.id}_w)`];
      const th = op.thresholds ? thresholdsDecl(body, op, `${op.id}_t`, pe, mh) : undefined;
      if (th) params.push(...th.decl);
      const acc = op.acc!.cpp;
      const x = arrayExpr(op.inputs[0]!, names);
      const start = op.init ? `${acc}(${arrayExpr(op.init, names)}[r])` : `${acc}(0)`;
      const mul = multiplierImpl(node);
      const mulPolicy = mul !== 'auto' ? `, ${multiplierTag(mul)}` : '';
      const sf = mw / simd;
      const lanes = [
        `for (unsigned p = 0; p < ${pe}u; ++p) {`,
        '  SCANFLOW_PRAGMA(HLS UNROLL)',
        `  const unsigned r = ${op.id}_c.nf * ${pe}u + p;`,
        `  const ${acc} a = ((${op.id}_c.sf == 0u) ? ${start} : ${op.id}_acc[p]) + scanflow::dot_slice<${simd}, ${mw}, ${acc}${mulPolicy} >(${op.id}_w[p][${op.id}_c.tile], ${x}, ${op.id}_c.sf * ${simd}u);`,
        `  ${op.id}_acc[p] = a;`,
        `  if (${op.id}_c.sf == ${sf - 1}u) {`,
        ...(op.rawOutput ? [`    ${arrayExpr(op.rawOutput, names)}[r] = ${op.rawElem!.cpp}(a);`] : []),
        `    ${out}[r] = ${laneResult(op, 'a', th, 'p', `${op.id}_c.nf`)};`,
        '  }',
        '}',
        `${op.id}_c.next();`,
      ];
      return {
        params,
        pre: [`scanflow::fold_cursor<${sf}, ${mh / pe}> ${op.id}_c;`, `${acc} ${op.id}_acc[${pe}];`, `SCANFLOW_ARRAY_REGISTERS(${op.id}_acc)`],
        body: lanes,
      };
    }
    case 'thresholding': {
      const pe = op.lanes;
      const th = thresholdsDecl(body, op, `${op.id}_t`, pe, op.channels);
      const x = arrayExpr(op.inputs[0]!, names);
      return {
        params: th.decl,
        pre: [],
        body: [`for (unsigned p = 0; p < ${pe}u; ++p) {`, '  SCANFLOW_PRAGMA(HLS UNROLL)', `  const unsigned c = i * ${pe}u + p;`, `  ${out}[c] = ${laneResult(op, `${x}[c]`, th, 'p', 'i')};`, '}'],
      };
    }
    case 'elementwise': {
      const node = op.node!;
      const pe = op.lanes;
      const a = arrayExpr(op.inputs[0]!, names);
      const params: string[] = [];
      let b: string;
      const o = op.operand!;
      if (o.kind === 'array') b = `${arrayExpr(o.ref, names)}[c]`;
      else {
        const values = integerValues(requireInitializer(body, o.value, `${node.opType} ${node.label}: b`), `${node.label} parameter`);
        const tp = paramElemType(body, o.value, values, `${node.label} parameter`);
        if (o.kind === 'scalar') {
          params.push(`static const ${tp.cpp} ${op.id}_s = ${cppIntegerLiteral(values[0]!)};`);
          b = `${op.id}_s`;
        } else {
          if (values.length !== op.channels) throw new HlsCodegenError(`${node.opType} ${node.label}: parameter has ${values.length} elements, expected ${op.channels}`);
          params.push(`static const ${tp.cpp} ${op.id}_p[${pe}][${op.channels / pe}] = ${cppInitializer(foldChannelParams(values, pe))};`, `SCANFLOW_ELEMENTWISE_PARAM_PARTITION(${op.id}_p)`);
          b = `${op.id}_p[p][i]`;
        }
      }
      const th = op.thresholds ? thresholdsDecl(body, op, `${op.id}_t`, pe, op.channels) : undefined;
      if (th) params.push(...th.decl);
      const mid = op.acc!.cpp;
      return {
        params,
        pre: [],
        body: [
          `for (unsigned p = 0; p < ${pe}u; ++p) {`,
          '  SCANFLOW_PRAGMA(HLS UNROLL)',
          `  const unsigned c = i * ${pe}u + p;`,
          `  const ${mid} v = ${mid}(${op.ewOp === 'add' ? `${a}[c] + ${b}` : mulExpr(node, `${a}[c]`, b)});`,
          ...(op.rawOutput ? [`  ${arrayExpr(op.rawOutput, names)}[c] = ${op.rawElem!.cpp}(v);`] : []),
          `  ${out}[c] = ${laneResult(op, 'v', th, 'p', 'i')};`,
          '}',
        ],
      };
    }
    case 'read': {
      const s = plan.seqs[op.seq!]!;
      const src = s.reverse ? null : inputParam(plan.states.length + s.index);
      if (s.reverse) {
        return {
          params: [],
          pre: [],
          body: [
            `for (unsigned p = 0; p < ${op.lanes}u; ++p) {`,
            '  SCANFLOW_PRAGMA(HLS UNROLL)',
            `  ${out}[i * ${op.lanes}u + p] = xb${s.index}[(${SEQ_LEN} - 1u - t) * ${s.perStep}u + i * ${op.lanes}u + p];`,
            '}',
          ],
        };
      }
      return { params: [], pre: [], body: [`scanflow::stream_word_to_array<${s.perStep}, ${op.lanes}, ${s.elem.cpp} >(${src}, ${out}, i);`] };
    }
    case 'write': {
      const q = plan.scanOuts[op.scanOutput!]!;
      const from = arrayExpr(op.inputs[0]!, names);
      const port = names.seq.get(-1 - q.index)!; // the output stream parameter
      if (q.reverse) {
        return {
          params: [],
          pre: [],
          body: [
            `for (unsigned p = 0; p < ${op.lanes}u; ++p) {`,
            '  SCANFLOW_PRAGMA(HLS UNROLL)',
            `  yb${q.index}[(${SEQ_LEN} - 1u - t) * ${q.perStep}u + i * ${op.lanes}u + p] = ${from}[i * ${op.lanes}u + p];`,
            '}',
          ],
        };
      }
      return { params: [], pre: [], body: port ? [`scanflow::array_word_to_stream<${q.perStep}, ${op.lanes}, ${(q.streamElem ?? q.elem).cpp} >(${from}, ${port}, i);`] : [] };
    }
    case 'copy': {
      const from = arrayExpr(op.inputs[0]!, names);
      return {
        params: [],
        pre: [],
        body: [`for (unsigned p = 0; p < ${op.lanes}u; ++p) {`, '  SCANFLOW_PRAGMA(HLS UNROLL)', `  ${out}[i * ${op.lanes}u + p] = ${op.outElem!.cpp}(${from}[i * ${op.lanes}u + p]);`, '}'],
      };
    }
  }
  throw new HlsCodegenError(`no fused-step code for ${op.kind}`);
}

/**
 * Recurrence → one function holding the time loop of the fused step (step-plan.ts): state
 * ping-pong pairs, the initial states read once, per step one section per depth of the cell
 * (each a pipelined loop, II = 1, over the folded iterations of its layers), the next state written
 * into the other half, per-step outputs streamed (or buffered, for a reverse direction), and the
 * final states streamed after the last step. The step count is the run-time `seq_len`; the model's
 * sequence length is the trip count given to Vitis and the size of any reverse-direction buffer.
 */
export function generateRecurrence(ctx: CodegenContext): LayerCode {
  const { node, graph } = ctx;
  const where = `Recurrence ${node.label}`;
  const plan = planStep(node, ctx.registry);
  const n = plan.states.length;
  const firstSeq = node.inputs[n]!;
  const steps = staticShape(graph, firstSeq)[0]!;
  if (!(steps >= 1)) throw new HlsCodegenError(`${where}: sequence length ${steps} must be at least 1`);
  const locals = new IdentifierPool([SEQ_LEN, 't', 'i', 'p', 'r', 'c', 'a', 'v', 'f', 'cur', 'nxt']);
  const names: Names = { local: new Map(), seq: new Map() };
  for (const l of plan.locals) names.local.set(l.value, locals.unique('v', l.value));
  for (const s of plan.seqs) names.seq.set(s.index, locals.unique('xs', String(s.index)));

  const inputs: LayerPort[] = [];
  const outputs: LayerPort[] = [];
  plan.states.forEach((s) => inputs.push({ index: s.index, lanes: s.factor, elem: s.elem, elements: s.channels }));
  plan.seqs.forEach((s) => {
    const outer = node.inputs[n + s.index]!;
    if (elementCount(graph, outer) !== s.perStep * steps) throw new HlsCodegenError(`${where}: sequence '${outer}' has ${elementCount(graph, outer)} elements, expected ${steps} steps of ${s.perStep}`);
    inputs.push({ index: n + s.index, lanes: s.lanes, elem: s.elem, elements: s.perStep * steps, seq: true });
  });
  const finals: string[] = [];
  plan.states.forEach((s) => {
    const outer = node.outputs[s.index] ?? '';
    if (!outer) return;
    const elem = graph.getDataType(outer) ? valueElemType(graph, outer) : s.elem;
    if (!elemFits(s.elem, elem) && !elemFits(valueElemType(plan.body, plan.body.outputs[s.index]!.name), elem)) {
      throw new HlsCodegenError(`${where}: final state '${outer}' (${elem.datatype.name}) cannot hold the state (${s.elem.datatype.name})`);
    }
    const port = outputParam(outputs.length);
    outputs.push({ index: s.index, lanes: s.factor, elem, elements: s.channels });
    finals.push(
      `for (unsigned f = 0; f < ${s.channels / s.factor}u; ++f) {`,
      '  SCANFLOW_PRAGMA(HLS PIPELINE II=1)',
      `  scanflow::array_word_to_stream<${s.channels}, ${s.factor}, ${elem.cpp} >(st${s.index}[${SEQ_LEN} & 1u], ${port}, f);`,
      '}',
    );
  });
  const flushes: string[] = [];
  plan.scanOuts.forEach((q) => {
    const outer = node.outputs[n + q.index] ?? '';
    const elem = outer && graph.getDataType(outer) ? valueElemType(graph, outer) : q.elem;
    q.streamElem = elem;
    if (!outer) return;
    const port = outputParam(outputs.length);
    names.seq.set(-1 - q.index, port);
    outputs.push({ index: n + q.index, lanes: q.lanes, elem, elements: q.perStep * steps, seq: true });
    if (q.reverse) {
      flushes.push(
        `for (unsigned f = 0; f < ${SEQ_LEN} * ${q.perStep / q.lanes}u; ++f) {`,
        '  SCANFLOW_PRAGMA(HLS PIPELINE II=1)',
        `  SCANFLOW_PRAGMA(HLS LOOP_TRIPCOUNT min=1 max=${steps * (q.perStep / q.lanes)})`,
        `  scanflow::array_word_to_stream<${steps * q.perStep}, ${q.lanes}, ${elem.cpp} >(yb${q.index}, ${port}, f);`,
        '}',
      );
    }
  });

  const lines: string[] = [`// ${ctx.functionName}: ${where}, fused step of ${plan.sections.length} section(s), ${n} state(s) in ping-pong register pairs; ${SEQ_LEN} steps (sized for ${steps}).`];
  const params = [...inputs.map((p, k) => `${streamType(p.lanes, p.elem)}& ${inputParam(k)}`), ...outputs.map((p, k) => `${streamType(p.lanes, p.elem)}& ${outputParam(k)}`), `unsigned ${SEQ_LEN}`];
  lines.push(`static void ${ctx.functionName}(${params.join(', ')}) {`);
  const codes = plan.ops.map((op) => ({ op, code: opCode(op, plan, names) }));
  const body: string[] = [];
  body.push(`SCANFLOW_CSIM_CHECK(${SEQ_LEN} >= 1u${plan.seqs.some((s) => s.reverse) || plan.scanOuts.some((q) => q.reverse) ? ` && ${SEQ_LEN} <= ${steps}u` : ''}, "${ctx.functionName}: the sequence length must be at least 1${plan.seqs.some((s) => s.reverse) || plan.scanOuts.some((q) => q.reverse) ? ` and at most ${steps} (reverse-direction buffers)` : ''}");`);
  for (const { code } of codes) body.push(...code.params);
  for (const s of plan.states) {
    body.push(`${s.elem.cpp} st${s.index}[2][${s.channels}];`, `SCANFLOW_STATE_PAIR_PARTITION(st${s.index}, ${s.factor})`);
  }
  for (const l of plan.locals) {
    body.push(`${l.elem.cpp} ${names.local.get(l.value)}[${l.size}];`, l.factor >= l.size ? `SCANFLOW_ARRAY_REGISTERS(${names.local.get(l.value)})` : `SCANFLOW_ARRAY_PARTITION(${names.local.get(l.value)}, ${l.factor})`);
  }
  for (const s of plan.seqs) {
    const arr = names.seq.get(s.index)!;
    body.push(`${s.elem.cpp} ${arr}[${s.perStep}];`, s.lanes >= s.perStep ? `SCANFLOW_ARRAY_REGISTERS(${arr})` : `SCANFLOW_ARRAY_PARTITION(${arr}, ${s.lanes})`);
    if (s.reverse) {
      body.push(
        `${s.elem.cpp} xb${s.index}[${steps * s.perStep}];`,
        `SCANFLOW_ARRAY_PARTITION(xb${s.index}, ${s.lanes})`,
        `for (unsigned f = 0; f < ${SEQ_LEN} * ${s.perStep / s.lanes}u; ++f) {  // the whole sequence first: it is walked from the end`,
        '  SCANFLOW_PRAGMA(HLS PIPELINE II=1)',
        `  SCANFLOW_PRAGMA(HLS LOOP_TRIPCOUNT min=1 max=${steps * (s.perStep / s.lanes)})`,
        `  scanflow::stream_word_to_array<${steps * s.perStep}, ${s.lanes}, ${s.elem.cpp} >(${inputParam(n + s.index)}, xb${s.index}, f);`,
        '}',
      );
    }
  }
  for (const q of plan.scanOuts) {
    if (!q.reverse || !node.outputs[n + q.index]) continue;
    body.push(`${q.elem.cpp} yb${q.index}[${steps * q.perStep}];`, `SCANFLOW_ARRAY_PARTITION(yb${q.index}, ${q.lanes})`);
  }
  for (const s of plan.states) {
    body.push(
      `for (unsigned f = 0; f < ${s.channels / s.factor}u; ++f) {  // initial state ${s.index}`,
      '  SCANFLOW_PRAGMA(HLS PIPELINE II=1)',
      `  scanflow::stream_word_to_array<${s.channels}, ${s.factor}, ${s.elem.cpp} >(${inputParam(s.index)}, st${s.index}[0], f);`,
      '}',
    );
  }
  body.push(`for (unsigned t = 0; t < ${SEQ_LEN}; ++t) {`, `  SCANFLOW_PRAGMA(HLS LOOP_TRIPCOUNT min=1 max=${steps} avg=${steps})`, '  const unsigned cur = t & 1u;', '  const unsigned nxt = cur ^ 1u;');
  body.push('  (void)cur;', '  (void)nxt;');
  const codeOf = new Map(codes.map((c) => [c.op, c]));
  plan.sections.forEach((section, k) => {
    const iters = sectionIterations(section);
    const members = section.map((op) => codeOf.get(op)!);
    const chained = isChained(section);
    body.push(`  {  // section ${k + 1}${chained ? ' (chained levels)' : ''}: ${section.map((o) => `${o.kind}${o.node ? ` ${o.node.name}` : ''}`).join(', ')} — ${iters} iteration(s)`);
    for (const m of members) for (const l of m.code.pre) body.push(`    ${l}`);
    body.push(`    for (unsigned i = 0; i < ${iters}u; ++i) {`, '      SCANFLOW_PRAGMA(HLS PIPELINE II=1)');
    // a chained loop writes chunk i in iteration i and reads it back in the same iteration only; a
    // state's next half is never the half it reads: no dependence from one iteration to the next
    if (chained) for (const v of [...new Set(section.flatMap((o) => opWrites(o).map((r) => arrayVarOf(r, names))))]) body.push(`      SCANFLOW_PRAGMA(HLS DEPENDENCE variable=${v} type=inter false)`);
    body.push(`      SCANFLOW_TRIP("${STEP_TRIP}");`);
    for (const m of members) {
      const inner = m.op.iterations < iters ? [`if (i < ${m.op.iterations}u) {`, ...m.code.body.map((l) => `  ${l}`), '}'] : m.code.body;
      for (const l of inner) body.push(`      ${l}`);
    }
    body.push('    }', '  }');
  });
  body.push('}');
  body.push(...finals, ...flushes);
  lines.push(...body.map((l) => `  ${l}`), '}', '');
  return { inputs, outputs, usesSeqLen: true, definitions: [{ name: ctx.functionName, code: lines.join('\n') }] };
}
