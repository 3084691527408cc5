import { type Graph, type Model, type Node, normalizeDomain, type Registry } from '@scanflow/ir';
import { cppInitializer } from '../layout';
import { integerValues, paramElemType } from './constants';
import { type ElemType, elemFits, streamType } from './cpp-types';
import { HlsCodegenError } from './errors';
import type { IdentifierPool } from './identifiers';
import { IdentifierPool as Pool } from './identifiers';
import { hwLayerOf, isHardwareLayer } from '../hw-layer';
import { OUTPUT_ARRAY_PARAM, outputParam } from './layers/signature';
import type { CodegenContext, CppDefinition, LayerCode, LayerGenerator } from './layers/types';
import { elementCount, staticShape, valueElemType } from './shapes';
import { countExpr, SEQ_LEN, type SequenceInfo } from './sequence';
import { MAX_WORD_BITS } from '../generate/files';

/** A stream variable (or stream parameter) carrying a value. */
export interface StreamRef {
  readonly expr: string;
  readonly lanes: number;
  readonly elem: ElemType;
  /** Elements per call of the region (at the nominal sequence length for a sequence value). */
  readonly elements: number;
  /** The length grows with the run-time sequence length. */
  readonly seq?: boolean;
}

/** What a consumer reads: element type, and lanes (undefined: any). */
export interface Want {
  readonly lanes?: number;
  readonly elem: ElemType;
  readonly elements?: number;
}

/**
 * Where a value comes from. A `stream` exists already; a `lazy` source (an input port, a state
 * array, a constant, a step parameter) is materialised when its consumer is known, with the lanes
 * that consumer reads, so no width conversion is needed.
 */
export type Source =
  | { readonly kind: 'stream'; readonly ref: StreamRef }
  | { readonly kind: 'lazy'; readonly make: (want: Want) => StreamRef; readonly drainIfUnused?: boolean; readonly elem: ElemType };

export interface RegionOptions {
  readonly graph: Graph;
  readonly model: Model;
  /** Where the hardware layers' code generators come from. */
  readonly registry: Registry;
  /** Names of functions (and their files), shared by the whole project. */
  readonly functions: IdentifierPool;
  /** Identifiers the region's enclosing function already uses (parameters, the top name). */
  readonly reservedLocals?: readonly string[];
  /** Generates a Recurrence node (injected to keep region and recurrence in separate files). */
  readonly recurrence?: LayerGenerator;
  /** Which values carry the run-time sequence (the top-level region of a model with a Recurrence). */
  readonly sequence?: SequenceInfo;
}


/** Packed words wider than AP_INT_MAX_W do not synthesise: refused, naming the value and the way out. */
function checkWordWidth(value: string, lanes: number, elem: ElemType): void {
  if (lanes * elem.bits > MAX_WORD_BITS) {
    throw new HlsCodegenError(`the stream of '${value}' would pack ${lanes} x ${elem.bits} = ${lanes * elem.bits} bits per word, more than ${MAX_WORD_BITS} (AP_INT_MAX_W): fold the layers around it (lower PE / SIMD)`);
  }
}

/** C++ count of the words of a stream: its elements in words of `lanes` (× seq_len / T for a sequence). */
function wordsExpr(ref: { elements: number; seq?: boolean }, lanes: number, seq: SequenceInfo | undefined): string {
  return countExpr(ref.elements / lanes, seq, !!ref.seq);
}

/**
 * The body of one DATAFLOW function: streams between hardware layers, in call order (which is a
 * topological order, so C-simulation can run the calls one after the other). Reshapes are
 * aliases (a stream no-op); width and element-type conversions are inserted where producer and
 * consumer disagree; values nobody reads are drained.
 */
export class Region {
  readonly statements: string[] = [];
  readonly definitions: CppDefinition[] = [];
  readonly locals: IdentifierPool;
  private readonly sources = new Map<string, Source>();
  private readonly aliases = new Map<string, string>();
  private readonly consumers = new Map<string, string>();

  constructor(readonly options: RegionOptions) {
    this.locals = new Pool(options.reservedLocals ?? []);
  }

  get graph(): Graph {
    return this.options.graph;
  }

  emit(line: string): void {
    this.statements.push(line);
  }

  /** The value a (chain of) Reshape(s) forwards. */
  resolve(value: string): string {
    let v = value;
    for (let next = this.aliases.get(v); next !== undefined; next = this.aliases.get(v)) v = next;
    return v;
  }

  addSource(value: string, source: Source): void {
    if (this.sources.has(value)) throw new HlsCodegenError(`value '${value}' has two producers`);
    this.sources.set(value, source);
  }

  /** FIFO depth: one vector of the value (so a reconvergent path can hold what the other path buffers), at least 2. */
  private depthFor(value: string | undefined, lanes: number): number {
    if (value === undefined) return 2;
    const t = this.graph.typeOf(value);
    const shape = t?.kind === 'tensor' ? t.shape : undefined;
    const last = shape && shape.length ? shape[shape.length - 1] : undefined;
    return typeof last === 'number' ? Math.max(2, Math.ceil(last / lanes)) : 2;
  }

  /** Declares a local stream named after `raw` (sanitised). */
  newStream(raw: string, lanes: number, elem: ElemType, elements: number, value?: string, seq?: boolean): StreamRef {
    checkWordWidth(raw, lanes, elem);
    const name = this.locals.unique('s', raw);
    this.emit(`${streamType(lanes, elem)} ${name}("${name}");`);
    this.emit(`SCANFLOW_PRAGMA(HLS STREAM variable=${name} depth=${this.depthFor(value, lanes)})`);
    return { expr: name, lanes, elem, elements, ...(seq ? { seq } : {}) };
  }

  /** Whether a value of this region carries the run-time sequence. */
  isSeq(value: string): boolean {
    return !!this.options.sequence?.values.has(this.resolve(value)) || !!this.options.sequence?.values.has(value);
  }

  /** Declares an array of `n` local streams. */
  newStreamArray(raw: string, n: number, lanes: number, elem: ElemType, elements: number, value?: string, seq?: boolean): { name: string; refs: StreamRef[] } {
    checkWordWidth(raw, lanes, elem);
    const name = this.locals.unique('s', raw);
    this.emit(`${streamType(lanes, elem)} ${name}[${n}];`);
    this.emit(`SCANFLOW_PRAGMA(HLS STREAM variable=${name} depth=${this.depthFor(value, lanes)})`);
    return { name, refs: Array.from({ length: n }, (_, k) => ({ expr: `${name}[${k}]`, lanes, elem, elements, ...(seq ? { seq } : {}) })) };
  }

  /** Converts a stream to the consumer's element type and lanes. */
  adapt(ref: StreamRef, want: Want, value: string): StreamRef {
    let r = ref;
    if (want.elements !== undefined && want.elements !== r.elements) {
      throw new HlsCodegenError(`value '${value}' has ${r.elements} elements per call, but its consumer reads ${want.elements}`);
    }
    if (want.elem.cpp !== r.elem.cpp) {
      if (!elemFits(r.elem, want.elem)) {
        throw new HlsCodegenError(`value '${value}' is produced as ${r.elem.datatype.name} but read as ${want.elem.datatype.name}, which cannot hold every value`);
      }
      const s = this.newStream(`${value}_cvt`, r.lanes, want.elem, r.elements, value, r.seq);
      this.emit(`scanflow::convert_elements<${r.lanes}, ${r.elem.cpp}, ${want.elem.cpp} >(${r.expr}, ${s.expr}, ${wordsExpr(r, r.lanes, this.options.sequence)});`);
      r = s;
    }
    if (want.lanes !== undefined && want.lanes !== r.lanes) {
      if (r.elements % want.lanes !== 0) {
        throw new HlsCodegenError(`value '${value}': ${r.elements} elements cannot be packed ${want.lanes} per word`);
      }
      const s = this.newStream(`${value}_rp`, want.lanes, r.elem, r.elements, value, r.seq);
      this.emit(`scanflow::repack_elements<${r.elem.cpp}, ${r.lanes}, ${want.lanes} >(${r.expr}, ${s.expr}, ${countExpr(r.elements, this.options.sequence, !!r.seq)});`);
      r = s;
    }
    return r;
  }

  /** The stream a consumer reads for `value`, created or converted as needed. Each value is read once. */
  consume(value: string, want: Want, consumer: string): StreamRef {
    const root = this.resolve(value);
    const previous = this.consumers.get(root);
    if (previous !== undefined) {
      throw new HlsCodegenError(`value '${root}' is read by ${previous} and by ${consumer}; fan-out in hardware needs an explicit DuplicateStreams`);
    }
    this.consumers.set(root, consumer);
    const source = this.sources.get(root) ?? this.constantSource(root, consumer);
    const ref = source.kind === 'stream' ? source.ref : source.make(want);
    return this.adapt(ref, want, root);
  }

  /** A constant read as a stream: a function that streams a static const array. */
  private constantSource(value: string, consumer: string): Source {
    const t = this.graph.initializers.get(value);
    if (!t) throw new HlsCodegenError(`value '${value}' read by ${consumer} is produced by nothing in the accelerator region`);
    const values = integerValues(t, `constant '${value}'`);
    const elem = this.graph.getDataType(value) ? valueElemType(this.graph, value) : paramElemType(this.graph, value, values, `constant '${value}'`);
    return {
      kind: 'lazy',
      elem,
      make: (want) => {
        const lanes = want.lanes ?? 1;
        if (values.length % lanes !== 0) throw new HlsCodegenError(`constant '${value}': ${values.length} elements cannot be packed ${lanes} per word`);
        const fn = this.options.functions.unique('const', value);
        const code = [
          `// A constant of ${values.length} elements, streamed ${lanes} per word on every call.`,
          `static void ${fn}(${streamType(lanes, elem)}& ${outputParam(0)}) {`,
          `  static const ${elem.cpp} values[${values.length}] = ${cppInitializer(values)};`,
          `  SCANFLOW_STATE_PARTITION(values, ${lanes})`,
          `  scanflow::state_to_stream<${values.length}, ${lanes}, ${elem.cpp} >(values, ${outputParam(0)});`,
          '}',
          '',
        ].join('\n');
        this.definitions.push({ name: fn, code });
        const s = this.newStream(value, lanes, elem, values.length, value);
        this.emit(`${fn}(${s.expr});`);
        return s;
      },
    };
  }

  private context(node: Node, functionName: string): CodegenContext {
    const { graph, model, functions, registry } = this.options;
    return {
      node,
      graph,
      model,
      registry,
      functionName,
      functions,
      elements: (v) => elementCount(graph, v),
      elemType: (v) => valueElemType(graph, v),
      constant: (v) => graph.initializers.get(v),
      isSeq: (v) => this.isSeq(v),
      reps: (v, perItem) => countExpr(elementCount(graph, v) / perItem, this.options.sequence, this.isSeq(v)),
    };
  }

  /** Adds the layers (and Reshapes) of the region, in the given (topological) order. */
  addNodes(nodes: readonly Node[]): void {
    for (const node of nodes) {
      if (normalizeDomain(node.domain) === '' && node.opType === 'Reshape') {
        this.aliases.set(node.outputs[0]!, node.inputs[0]!);
        staticShape(this.graph, node.outputs[0]!);
        continue;
      }
      this.addLayer(node);
    }
  }

  private addLayer(node: Node): void {
    if (!isHardwareLayer(this.options.registry, node)) throw new HlsCodegenError(`node ${node.label} is not a hardware layer (no plugin registers hwLayers for ${node.domain || 'onnx'}::${node.opType}) and cannot run in the accelerator`);
    const def = node.opType === 'Recurrence' ? undefined : hwLayerOf(this.options.registry, node);
    const generator = node.opType === 'Recurrence' ? this.options.recurrence : def?.codegen;
    if (!generator) throw new HlsCodegenError(`no HLS code generator for hardware layer ${node.label}: no plugin registers hwLayers for ${node.domain}::${node.opType}`);
    const prefix = node.opType === 'Recurrence' ? 'rec' : (def?.functionPrefix ?? 'layer');
    const fn = this.options.functions.unique(prefix, node.name || node.outputs[0] || node.opType);
    const code: LayerCode = generator(this.context(node, fn));
    const label = `node ${node.label}`;
    const args = code.inputs.map((p) => this.consume(node.inputs[p.index]!, { lanes: p.lanes, elem: p.elem, elements: p.elements }, label).expr);
    for (const [k, p] of code.outputs.entries()) if (p.seq !== undefined && p.seq !== this.isSeq(node.outputs[p.index] ?? '') && node.outputs[p.index]) throw new HlsCodegenError(`node ${node.label}: output ${k} sequence flag disagrees with the sequence analysis`);
    let outs: StreamRef[];
    if (code.outputArray) {
      const first = code.outputs[0]!;
      const array = this.newStreamArray(`${fn}_${OUTPUT_ARRAY_PARAM}`, code.outputs.length, first.lanes, first.elem, first.elements, node.outputs[first.index] || undefined, first.seq);
      outs = array.refs;
      args.push(array.name);
    } else {
      outs = code.outputs.map((p) => {
        const value = node.outputs[p.index] ?? '';
        const s = this.newStream(value || `${fn}_out${p.index}`, p.lanes, p.elem, p.elements, value || undefined, p.seq);
        args.push(s.expr);
        return s;
      });
    }
    code.outputs.forEach((p, k) => {
      const value = node.outputs[p.index] ?? '';
      this.addSource(value || `#unnamed:${fn}:${p.index}`, { kind: 'stream', ref: outs[k]! });
    });
    this.definitions.push(...code.definitions);
    if (code.usesSeqLen) args.push(SEQ_LEN);
    this.emit(`${fn}(${args.join(', ')});`);
  }

  /** Drains every produced stream nobody read (and unread sources that must be consumed). */
  finish(): void {
    for (const [value, source] of this.sources) {
      if (this.consumers.has(value)) continue;
      if (source.kind === 'lazy' && !source.drainIfUnused) continue;
      this.consumers.set(value, 'a drain');
      const ref = source.kind === 'stream' ? source.ref : source.make({ elem: source.elem });
      this.emit(`scanflow::stream_drain(${ref.expr}, ${wordsExpr(ref, ref.lanes, this.options.sequence)});`);
    }
  }
}
