import type { Model } from '@scanflow/ir';
import type { AcceleratorPartition } from '../partition';
import type { HlsPort } from '../ports';
import { type HostChain, inputChain, outputChain, rawNodeName } from './host-side';
import type { HostDequantiser, HostQuantiser, HostStep } from './host-steps';
import type { ModelNames } from './model-names';
import { STREAM_LAYOUT_VERSION, streamLayout } from './stream-layout';
import { summariseDequantiser, summariseQuantiser } from './summarise-host';

/** Format tag and version of interface.json. */
export const INTERFACE_FORMAT = 'scanflow-interface';
export const INTERFACE_VERSION = 1;

/** Where an input port's integers come from on the host. */
export type InputPortHost =
  | { readonly supported: true; readonly graphInput: number; readonly steps: readonly HostStep[]; readonly quantiser: HostQuantiser }
  | { readonly supported: false; readonly reason: string };

/** Where an output port's integers go on the host. */
export type OutputPortHost =
  | { readonly supported: true; readonly graphOutput: number; readonly steps: readonly HostStep[]; readonly dequantiser: HostDequantiser | null }
  | { readonly supported: false; readonly reason: string };

/** One AXI-Stream port as the host sees it (stream layout v2). */
export interface InterfacePort {
  /** Sanitised C++ / block-design name of the port. */
  readonly name: string;
  readonly direction: 'in' | 'out';
  readonly shape: readonly number[];
  /** QONNX datatype of the elements. */
  readonly datatype: string;
  readonly elementBits: number;
  readonly signed: boolean;
  readonly elements: number;
  readonly lanes: number;
  readonly beats: number;
  readonly containerBits: number;
  readonly axiBits: number;
  readonly bytesPerBeat: number;
  /** Bytes of one transfer (one inference): beats · bytesPerBeat. */
  readonly transferBytes: number;
  /** Output ports set TLAST on the last beat of every transfer. */
  readonly tlast: 'last-beat' | 'ignored';
  /**
   * For a port whose first dimension is the sequence length T: its size per step. `elements`,
   * `beats` and `transferBytes` (and the leading dimension of `shape`) are at the nominal T; a run
   * at T' moves `elementsPerStep · T'` elements in `beatsPerStep · T'` beats (`bytesPerStep · T'` bytes).
   */
  readonly sequence?: { readonly elementsPerStep: number; readonly beatsPerStep: number; readonly bytesPerStep: number };
  readonly host: InputPortHost | OutputPortHost;
}

/** A host node that is not part of the accelerator, and whether the driver replays it. */
export interface HostOp {
  readonly node: string;
  readonly opType: string;
  readonly role: 'layout' | 'input quantiser' | 'output scale' | 'output offset' | 'not replayed';
  readonly supported: boolean;
  readonly reason?: string;
}

/** interface.json: the accelerator's ports for the host side (driver, documentation). */
export interface AcceleratorInterface {
  readonly format: typeof INTERFACE_FORMAT;
  readonly version: typeof INTERFACE_VERSION;
  readonly top: string;
  readonly part: string;
  readonly clockPeriodNs: number;
  readonly streamLayout: {
    readonly version: typeof STREAM_LAYOUT_VERSION;
    readonly byteOrder: 'little-endian';
    readonly containers: 'byte-aligned 8/16/32/64 bits, signed elements sign-extended, unsigned zero-extended';
    readonly padding: 'zero';
  };
  /** AXI-Lite control of the top function (Vitis HLS ap_ctrl_hs on s_axi_control). */
  readonly control: {
    readonly bus: 's_axi_control';
    readonly protocol: 'ap_ctrl_hs';
    /** ap_start bit 0, ap_done bit 1, ap_idle bit 2, ap_ready bit 3. */
    readonly apCtrlOffset: 0;
    /**
     * The run-time sequence length register, when the accelerator has a Recurrence: the scalar
     * argument `seq_len` of the top on s_axi_control, at the offset Vitis HLS gives the first scalar
     * argument of an ap_ctrl_hs interface (0x10; PYNQ's register_map names it `seq_len` too).
     * `nominalSteps` is the T the design was generated (and estimated) for; `maxSteps` bounds it
     * when a reverse-direction buffer is sized for the nominal T (null: any T ≥ 1).
     */
    readonly seqLen: { readonly register: 'seq_len'; readonly offset: typeof SEQ_LEN_OFFSET; readonly nominalSteps: number; readonly maxSteps: number | null } | null;
  };
  /** The model's runtime inputs and outputs (names sanitised like every model name in generated files). */
  readonly graph: {
    readonly inputs: readonly { readonly name: string; readonly shape: readonly number[] }[];
    readonly outputs: readonly { readonly name: string; readonly shape: readonly number[] }[];
  };
  readonly ports: { readonly inputs: readonly InterfacePort[]; readonly outputs: readonly InterfacePort[] };
  readonly hostOps: readonly HostOp[];
}

/** Vitis HLS s_axilite map of an ap_ctrl_hs top: 0x00 control, 0x04 / 0x08 / 0x0c interrupts, 0x10 the first scalar argument. */
export const SEQ_LEN_OFFSET = 0x10;

const ROLE: Record<HostStep['op'], HostOp['role']> = { Reshape: 'layout', MultiThreshold: 'input quantiser', Mul: 'output scale', Add: 'output offset' };

function shapeOf(model: Model, v: string): number[] {
  const t = model.graph.typeOf(v);
  return t?.kind === 'tensor' ? (t.shape ?? []).map((d) => (typeof d === 'number' ? d : -1)) : [];
}

/**
 * Describes the accelerator's ports for the host: the v2 stream layout of every port, the host
 * steps from the float graph inputs to the input ports (quantisers) and from the output ports to
 * the graph outputs (de-quantisation), and every host node with whether the driver replays it.
 * `model` must be typed (shapes inferred); deterministic.
 */
export function describeInterface(
  model: Model,
  partition: AcceleratorPartition,
  ports: { readonly inputs: readonly HlsPort[]; readonly outputs: readonly HlsPort[] },
  top: string,
  board: { readonly part: string; readonly clockNs: number },
  name: ModelNames,
  sequence?: { readonly nominalSteps: number; readonly maxSteps: number | null },
): AcceleratorInterface {
  const g = model.graph;
  const graphInputs = g.runtimeInputs.map((i) => i.name);
  const graphOutputs = g.outputs.map((o) => o.name);
  const chains = new Map<string, HostChain>();

  const describe = (p: HlsPort): InterfacePort => {
    const layout = streamLayout(p.elementBits, p.lanes, `port ${p.name}`);
    const chain = p.direction === 'in' ? inputChain(model, p.value, name) : outputChain(model, p.value, name);
    chains.set(p.value, chain);
    let host: InputPortHost | OutputPortHost;
    if (!chain.supported) host = { supported: false, reason: chain.reason };
    else if (p.direction === 'in') host = { supported: true, graphInput: graphInputs.indexOf(chain.graphValue), steps: chain.steps, quantiser: summariseQuantiser(chain.steps, p) };
    else host = { supported: true, graphOutput: graphOutputs.indexOf(chain.graphValue), steps: chain.steps, dequantiser: summariseDequantiser(chain.steps) ?? null };
    return {
      name: p.name,
      direction: p.direction,
      shape: p.shape,
      datatype: p.datatype,
      elementBits: p.elementBits,
      signed: p.signed,
      elements: p.elements,
      lanes: p.lanes,
      beats: p.beats,
      containerBits: layout.containerBits,
      axiBits: layout.axiBits,
      bytesPerBeat: layout.bytesPerBeat,
      transferBytes: p.beats * layout.bytesPerBeat,
      tlast: p.direction === 'out' ? 'last-beat' : 'ignored',
      ...(p.sequence ? { sequence: { elementsPerStep: p.sequence.elementsPerStep, beatsPerStep: p.sequence.beatsPerStep, bytesPerStep: p.sequence.beatsPerStep * layout.bytesPerBeat } } : {}),
      host,
    };
  };
  const inputs = ports.inputs.map(describe);
  const outputs = ports.outputs.map(describe);

  const accel = new Set(partition.nodes);
  const replayed = new Map<string, HostStep['op']>();
  const failed = new Map<string, string>();
  for (const c of chains.values()) {
    if (c.supported) for (const s of c.steps) replayed.set(s.node, s.op);
    else for (const n of c.nodes) failed.set(n, c.reason);
  }
  const hostOps: HostOp[] = g.nodes
    .filter((n) => !accel.has(n))
    .map((n) => {
      const node = name(rawNodeName(n));
      const opType = n.opType.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
      const op = replayed.get(node);
      if (op) return { node, opType, role: ROLE[op], supported: true };
      return { node, opType, role: 'not replayed' as const, supported: false, reason: failed.get(node) ?? 'not on the path between a graph input or output and an accelerator port' };
    });

  return {
    format: INTERFACE_FORMAT,
    version: INTERFACE_VERSION,
    top,
    part: board.part,
    clockPeriodNs: board.clockNs,
    streamLayout: { version: STREAM_LAYOUT_VERSION, byteOrder: 'little-endian', containers: 'byte-aligned 8/16/32/64 bits, signed elements sign-extended, unsigned zero-extended', padding: 'zero' },
    control: { bus: 's_axi_control', protocol: 'ap_ctrl_hs', apCtrlOffset: 0, seqLen: sequence ? { register: 'seq_len', offset: SEQ_LEN_OFFSET, nominalSteps: sequence.nominalSteps, maxSteps: sequence.maxSteps } : null },
    graph: { inputs: graphInputs.map((v) => ({ name: name(v), shape: shapeOf(model, v) })), outputs: graphOutputs.map((v) => ({ name: name(v), shape: shapeOf(model, v) })) },
    ports: { inputs, outputs },
    hostOps,
  };
}
