import type { Model } from '@scanflow/ir';
import type { IdentifierPool } from '../codegen/identifiers';
import type { CppDefinition } from '../codegen/layers/types';
import { generateRecurrence } from '../codegen/recurrence';
import { Region } from '../codegen/region';
import { elementCount, staticShape, valueElemType } from '../codegen/shapes';
import type { AcceleratorPartition } from './partition';
import { axiWidth, type HlsPort } from './ports';

export interface TopCode {
  readonly ports: { readonly inputs: HlsPort[]; readonly outputs: HlsPort[] };
  /** Layer functions, in the order the top file includes them. */
  readonly definitions: readonly CppDefinition[];
  /** Statements of the top function (after the interface pragmas). */
  readonly statements: readonly string[];
}

interface PendingPort {
  name: string;
  value: string;
  lanes?: number;
}

function portOf(model: Model, p: PendingPort, direction: 'in' | 'out'): HlsPort {
  const g = model.graph;
  const elem = valueElemType(g, p.value);
  const lanes = p.lanes ?? 1;
  const elements = elementCount(g, p.value);
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
    wordBits: lanes * elem.bits,
    axiBits: axiWidth(lanes * elem.bits),
    beats: elements / lanes,
  };
}

/**
 * The top function's DATAFLOW region: AXI-Stream input ports unpacked with axis_to_stream (as
 * many elements per beat as their consumer reads), the accelerator's layers, and the output ports
 * packed with stream_to_axis (as many elements per beat as their producer writes).
 */
export function generateTopRegion(model: Model, partition: AcceleratorPartition, functions: IdentifierPool, topName: string): TopCode {
  const g = model.graph;
  const inputs: PendingPort[] = partition.inputs.map((v) => ({ name: functions.unique('in', v), value: v }));
  const outputs: PendingPort[] = partition.outputs.map((v) => ({ name: functions.unique('out', v), value: v }));
  const region = new Region({
    graph: g,
    model,
    functions,
    reservedLocals: [topName, ...inputs.map((p) => p.name), ...outputs.map((p) => p.name)],
    recurrence: generateRecurrence,
  });
  for (const p of inputs) {
    const elem = valueElemType(g, p.value);
    const elements = elementCount(g, p.value);
    region.addSource(p.value, {
      kind: 'lazy',
      elem,
      drainIfUnused: true,
      make: (want) => {
        const lanes = want.lanes ?? 1;
        p.lanes = lanes;
        const s = region.newStream(p.value, lanes, elem, elements, p.value);
        region.emit(`scanflow::axis_to_stream<${axiWidth(lanes * elem.bits)}, ${lanes * elem.bits}>(${p.name}, ${s.expr}, ${elements / lanes});`);
        return s;
      },
    });
  }
  region.addNodes(partition.nodes);
  for (const p of outputs) {
    const elem = valueElemType(g, p.value);
    const elements = elementCount(g, p.value);
    const ref = region.consume(p.value, { elem, elements }, `output port ${p.name}`);
    p.lanes = ref.lanes;
    region.emit(`scanflow::stream_to_axis<${axiWidth(ref.lanes * elem.bits)}, ${ref.lanes * elem.bits}>(${ref.expr}, ${p.name}, ${elements / ref.lanes});`);
  }
  region.finish();
  return {
    ports: { inputs: inputs.map((p) => portOf(model, p, 'in')), outputs: outputs.map((p) => portOf(model, p, 'out')) },
    definitions: region.definitions,
    statements: region.statements,
  };
}
