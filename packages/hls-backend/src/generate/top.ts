import type { Model, Registry } from '@scanflow/ir';
import type { IdentifierPool } from '../codegen/identifiers';
import type { CppDefinition } from '../codegen/layers/types';
import { generateRecurrence } from '../codegen/recurrence/generate-recurrence';
import { Region } from '../codegen/region';
import { countExpr, SEQ_LEN, sequenceInfo, type SequenceInfo } from '../codegen/sequence';
import { elementCount, staticShape, valueElemType } from '../codegen/shapes';
import type { AcceleratorPartition } from './partition';
import { axiWidth, containerBits, type HlsPort, portLanes } from './ports';

export interface TopCode {
  readonly ports: { readonly inputs: HlsPort[]; readonly outputs: HlsPort[] };
  /** Layer functions, in the order the top file includes them. */
  readonly definitions: readonly CppDefinition[];
  /** Statements of the top function (after the interface pragmas). */
  readonly statements: readonly string[];
  /** The run-time sequence length, when the accelerator holds a Recurrence. */
  readonly sequence?: SequenceInfo;
}

interface PendingPort {
  name: string;
  value: string;
  lanes?: number;
}

function portOf(model: Model, p: PendingPort, direction: 'in' | 'out', seq: SequenceInfo | undefined): HlsPort {
  const g = model.graph;
  const elem = valueElemType(g, p.value);
  const lanes = p.lanes ?? 1;
  const elements = elementCount(g, p.value);
  const container = containerBits(elem.bits, `port ${p.name}`);
  const isSeq = !!seq?.values.has(p.value);
  return {
    name: p.name,
    value: p.value,
    direction,
    shape: staticShape(g, p.value),
    datatype: elem.datatype.name,
    elementType: elem.cpp,
    elementBits: elem.bits,
    signed: elem.signed,
    elements,
    lanes,
    containerBits: container,
    wordBits: lanes * container,
    axiBits: axiWidth(lanes * container),
    beats: elements / lanes,
    ...(isSeq && seq ? { sequence: { elementsPerStep: elements / seq.steps, beatsPerStep: elements / seq.steps / lanes } } : {}),
  };
}

/**
 * The top function's DATAFLOW region: AXI-Stream input ports unpacked from layout 2 (axis.hpp,
 * repacked to as many elements per word as their consumer reads), the accelerator's layers, and
 * the output ports packed into layout 2 (as many elements per beat as fit 1024 bits). Lengths that
 * grow with the sequence use the run-time `seq_len`.
 */
export function generateTopRegion(model: Model, partition: AcceleratorPartition, functions: IdentifierPool, topName: string, registry: Registry): TopCode {
  const g = model.graph;
  const sequence = sequenceInfo(g, partition.nodes, registry);
  const inputs: PendingPort[] = partition.inputs.map((v) => ({ name: functions.unique('in', v), value: v }));
  const outputs: PendingPort[] = partition.outputs.map((v) => ({ name: functions.unique('out', v), value: v }));
  const region = new Region({
    graph: g,
    model,
    registry,
    functions,
    reservedLocals: [topName, SEQ_LEN, ...inputs.map((p) => p.name), ...outputs.map((p) => p.name)],
    recurrence: generateRecurrence,
    ...(sequence ? { sequence } : {}),
  });
  for (const p of inputs) {
    const elem = valueElemType(g, p.value);
    const elements = elementCount(g, p.value);
    const container = containerBits(elem.bits, `input port ${p.name}`);
    const seq = !!sequence?.values.has(p.value);
    region.addSource(p.value, {
      kind: 'lazy',
      elem,
      drainIfUnused: true,
      make: (want) => {
        const kernelLanes = want.lanes ?? 1;
        const lanes = portLanes(kernelLanes, container);
        p.lanes = lanes;
        const s = region.newStream(p.value, lanes, elem, elements, p.value, seq);
        region.emit(`scanflow::axis_to_elements<${axiWidth(lanes * container)}, ${lanes}, ${container}, ${elem.cpp} >(${p.name}, ${s.expr}, ${countExpr(elements / lanes, sequence, seq)});`);
        return s;
      },
    });
  }
  region.addNodes(partition.nodes);
  for (const p of outputs) {
    const elem = valueElemType(g, p.value);
    const elements = elementCount(g, p.value);
    const container = containerBits(elem.bits, `output port ${p.name}`);
    const seq = !!sequence?.values.has(p.value);
    const produced = region.consume(p.value, { elem, elements }, `output port ${p.name}`);
    const lanes = portLanes(produced.lanes, container);
    const ref = lanes === produced.lanes ? produced : region.adapt(produced, { elem, elements, lanes }, p.value);
    p.lanes = lanes;
    region.emit(`scanflow::elements_to_axis<${axiWidth(lanes * container)}, ${lanes}, ${container}, ${elem.cpp} >(${ref.expr}, ${p.name}, ${countExpr(elements / lanes, sequence, seq)});`);
  }
  region.finish();
  return {
    ports: { inputs: inputs.map((p) => portOf(model, p, 'in', sequence)), outputs: outputs.map((p) => portOf(model, p, 'out', sequence)) },
    definitions: region.definitions,
    statements: region.statements,
    ...(sequence ? { sequence } : {}),
  };
}
