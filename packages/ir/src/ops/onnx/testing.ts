import { GraphBuilder } from '../../builder/graph-builder';
import type { AttributeInput } from '../../graph/attribute';
import type { Graph } from '../../graph/graph';
import type { Dim, ValueType } from '../../graph/value-type';
import { createRegistry } from '../../plugin/registry';
import type { ElemType } from '../../tensor/elem-type';
import { Tensor } from '../../tensor/tensor';
import { DataType } from '../../datatype/datatype';
import { coreOps } from '../core-ops';
import { inferTypes, type InferTypesOptions } from '../infer-types';
import type { DataTypeContext, OpSchema } from '../op-schema';

/**
 * Test helpers: build a one-node model, run type inference with the core op schemas, and read the
 * node's output types back. Inputs are either a type (a graph input) or a Tensor (an initializer,
 * i.e. a known value); undefined leaves an optional input out.
 */
export type TestInput = { elemType: ElemType; shape?: Dim[] } | Tensor | undefined;

export const f32 = (shape?: Dim[]): TestInput => ({ elemType: 'float32', ...(shape ? { shape } : {}) });
export const typed = (elemType: ElemType, shape?: Dim[]): TestInput => ({ elemType, ...(shape ? { shape } : {}) });
export const i64 = (...values: number[]): Tensor => Tensor.int64([values.length], values);
export const i64s = (value: number): Tensor => Tensor.int64([], [value]);

export interface InferOptions extends InferTypesOptions {
  opset?: number;
  domain?: string;
  opsets?: Record<string, number>;
  outputCount?: number;
  name?: string;
  /** QONNX datatype annotations of the inputs, by position. */
  datatypes?: (DataType | undefined)[];
}

export function registry() {
  return createRegistry([coreOps()]);
}

/** Adds inputs to a builder and returns their names ('' for omitted ones). */
export function addInputs(b: GraphBuilder, inputs: TestInput[]): (string | undefined)[] {
  return inputs.map((inp, i) => {
    if (inp === undefined) return undefined;
    if (inp instanceof Tensor) return b.initializer(`c${i}`, inp);
    return b.input(`in${i}`, inp.elemType, inp.shape);
  });
}

/** The inferred type of a value of a graph (value_info or a graph output). */
export function typeIn(g: Graph, name: string): ValueType | undefined {
  return g.valueInfo.get(name)?.type ?? g.outputs.find((o) => o.name === name)?.type;
}

/** Infers one node and returns the types of its outputs. */
export function inferNode(opType: string, inputs: TestInput[], attributes: Record<string, AttributeInput | undefined> = {}, options: InferOptions = {}): (ValueType | undefined)[] {
  return buildAndInfer(opType, inputs, attributes, options).types;
}

function buildAndInfer(opType: string, inputs: TestInput[], attributes: Record<string, AttributeInput | undefined>, options: InferOptions) {
  const b = new GraphBuilder('test');
  const names = addInputs(b, inputs);
  const outs = b.node(opType, names, attributes, {
    outputCount: options.outputCount ?? 1,
    name: options.name ?? 'n0',
    ...(options.domain ? { domain: options.domain } : {}),
  });
  options.datatypes?.forEach((dt, i) => {
    if (dt && names[i]) b.graph.setDataType(names[i]!, dt);
  });
  const model = b.model({ opset: options.opset ?? 17, ...(options.opsets ? { opsets: options.opsets } : {}) });
  inferTypes(model, registry(), options);
  return { model, types: outs.map((o) => typeIn(model.graph, o)) };
}

/**
 * Infers one node's types, then calls its schema's `inferDataTypes` the way a datatype pass would:
 * unannotated inputs read as FLOAT32, known values are the initializers.
 */
export function inferNodeDataTypes(opType: string, inputs: TestInput[], attributes: Record<string, AttributeInput | undefined> = {}, options: InferOptions = {}): (DataType | undefined)[] {
  const { model } = buildAndInfer(opType, inputs, attributes, options);
  const g = model.graph;
  const node = g.nodes[0];
  const opset = model.opsetVersion(node.domain);
  const schema: OpSchema | undefined = registry().find('ops', node.domain, node.opType, opset);
  if (!schema?.inferDataTypes) throw new Error(`${opType}@${opset} has no inferDataTypes`);
  const ctx: DataTypeContext = {
    node,
    opset,
    graph: g,
    dataType: (i) => (node.inputs[i] ? g.getDataType(node.inputs[i]) ?? DataType.FLOAT32 : DataType.FLOAT32),
    constant: (i) => (node.inputs[i] ? g.initializers.get(node.inputs[i]) : undefined),
  };
  return schema.inferDataTypes(ctx);
}

/** The shape of an inferred tensor type (undefined when the rank is unknown or the type is missing). */
export function shapeOf(t: ValueType | undefined): Dim[] | undefined {
  return t?.kind === 'tensor' ? t.shape : undefined;
}

/** Infers one node and returns the first output's shape. */
export function inferShape(opType: string, inputs: TestInput[], attributes: Record<string, AttributeInput | undefined> = {}, options: InferOptions = {}): Dim[] | undefined {
  return shapeOf(inferNode(opType, inputs, attributes, options)[0]);
}
