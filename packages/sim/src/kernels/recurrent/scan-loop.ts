import { allocData, DEFAULT_MAX_TENSOR_ELEMENTS, type ElemType, type Graph, isElemType, LimitError, Tensor, type TensorData } from '@scanflow/ir';
import { SimulationError } from '../../errors';
import { normalizeAxis, sizeOf } from '../../helpers/broadcast';
import type { CompiledGraph, RunContext } from '../../kernel';

/** How the scan inputs are split and the scan outputs stacked (Scan-9 attributes, axes not yet normalised). */
export interface ScanLayout {
  inputAxes: readonly number[];
  inputReverse: readonly boolean[];
  outputAxes: readonly number[];
  outputReverse: readonly boolean[];
}

/** A sub-range of a tensor container, shared (typed arrays) or copied (string tensors). */
function view(data: TensorData, start: number, end: number): TensorData {
  return Array.isArray(data) ? data.slice(start, end) : (data.subarray(start, end) as TensorData);
}

/** The tensor without its first axis at index `i` of that axis (a view, no copy). */
export function indexFirstAxis(t: Tensor, i: number): Tensor {
  const inner = sizeOf(t.dims.slice(1));
  return new Tensor(t.elemType, t.dims.slice(1), view(t.data, i * inner, (i + 1) * inner));
}

/**
 * The per-step tensors of one scan input: step `s` is the slice at position `s` of `axis`. For
 * axis 0 each step is a view of the input; otherwise the input is transposed once into a buffer
 * laid out [steps, ...] and every step is a view of that buffer.
 */
class StepSlicer {
  private readonly data: TensorData;
  private readonly stepDims: number[];
  private readonly inner: number;

  constructor(private readonly t: Tensor, axis: number) {
    const dims = t.dims;
    const steps = dims[axis];
    this.stepDims = [...dims.slice(0, axis), ...dims.slice(axis + 1)];
    const after = sizeOf(dims.slice(axis + 1));
    const before = sizeOf(dims.slice(0, axis));
    this.inner = before * after;
    if (axis === 0 || before === 1) {
      this.data = t.data;
      return;
    }
    const src = t.data as any;
    const dst = allocData(t.elemType, t.data.length) as any;
    for (let s = 0; s < steps; s++) {
      for (let o = 0; o < before; o++) {
        const from = (o * steps + s) * after;
        const to = (s * before + o) * after;
        for (let k = 0; k < after; k++) dst[to + k] = src[from + k];
      }
    }
    this.data = dst as TensorData;
  }

  step(s: number): Tensor {
    return new Tensor(this.t.elemType, this.stepDims, view(this.data, s * this.inner, (s + 1) * this.inner));
  }
}

/** One scan output being stacked: allocated on the first iteration, written in place afterwards. */
class Stacker {
  private data: TensorData | undefined;
  private elemType: ElemType | undefined;
  private stepDims: readonly number[] = [];
  private axis = 0;
  private before = 1;
  private inner = 1;

  constructor(
    private readonly steps: number,
    private readonly rawAxis: number,
    private readonly reverse: boolean,
    private readonly what: string,
    private readonly maxElements: number,
  ) {}

  write(t: Tensor, s: number): void {
    if (this.data === undefined) {
      this.elemType = t.elemType;
      this.stepDims = t.dims;
      this.axis = normalizeAxis(this.rawAxis, t.rank + 1, `${this.what}: scan_output_axes entry`);
      this.before = sizeOf(t.dims.slice(0, this.axis));
      this.inner = sizeOf(t.dims.slice(this.axis));
      const size = this.before * this.steps * this.inner;
      if (size > this.maxElements) {
        throw new LimitError(
          'maxTensorElements',
          `${this.what}: stacking ${this.steps} steps of [${t.dims.join(', ')}] would make ${size} elements, over the limit maxTensorElements = ${this.maxElements} (raise it with the maxTensorElements option, or --max-elements in the CLI)`,
        );
      }
      this.data = allocData(t.elemType, this.before * this.steps * this.inner);
    } else if (t.elemType !== this.elemType || t.rank !== this.stepDims.length || t.dims.some((d, k) => d !== this.stepDims[k])) {
      throw new SimulationError(
        `${this.what}: iteration ${s} produced ${t.elemType}[${t.dims.join(', ')}], earlier iterations ${this.elemType}[${this.stepDims.join(', ')}]`,
      );
    }
    const p = this.reverse ? this.steps - 1 - s : s;
    const dst = this.data as any;
    const src = t.data as any;
    const inner = this.inner;
    if (this.before === 1 && !Array.isArray(dst)) {
      dst.set(src, p * inner);
      return;
    }
    for (let o = 0; o < this.before; o++) {
      const to = (o * this.steps + p) * inner;
      const from = o * inner;
      for (let k = 0; k < inner; k++) dst[to + k] = src[from + k];
    }
  }

  /** The stacked tensor; undefined when no iteration ran. */
  result(): Tensor | undefined {
    if (this.data === undefined) return undefined;
    const dims = [...this.stepDims];
    dims.splice(this.axis, 0, this.steps);
    return new Tensor(this.elemType!, dims, this.data);
  }
}

/**
 * The stacked scan output of a loop that ran zero times: element type and per-step shape come
 * from the body output's declared type (unknown dimensions become 0; the tensor is empty anyway).
 */
export function emptyScanOutput(body: Graph, index: number, rawAxis: number, what: string): Tensor {
  const type = body.outputs[index]?.type;
  const elemType: ElemType = type?.kind === 'tensor' && isElemType(type.elemType) ? type.elemType : 'float32';
  const shape = type?.kind === 'tensor' && type.shape ? type.shape.map((d) => (typeof d === 'number' ? d : 0)) : [];
  const axis = normalizeAxis(rawAxis, shape.length + 1, `${what}: scan_output_axes entry`);
  shape.splice(axis, 0, 0);
  return Tensor.zeros(elemType, shape);
}

/**
 * Runs a Scan-9-style loop: `states` are carried from iteration to iteration, `scanInputs` are
 * sliced along their axes, and the body's remaining outputs are stacked along the output axes.
 * Returns the final states followed by the stacked scan outputs.
 */
export function runScanLoop(
  body: CompiledGraph,
  states: readonly Tensor[],
  scanInputs: readonly Tensor[],
  layout: ScanLayout,
  outer: readonly (Tensor | undefined)[],
  run: RunContext,
  pathOf: (iteration: number) => string,
  what: string,
): Tensor[] {
  const N = states.length;
  const M = scanInputs.length;
  const K = body.outputNames.length - N;
  let steps = -1;
  const slicers: StepSlicer[] = [];
  for (let m = 0; m < M; m++) {
    const t = scanInputs[m];
    const axis = normalizeAxis(layout.inputAxes[m], t.rank, `${what}: scan_input_axes entry for scan input ${m}`);
    const len = t.dims[axis];
    if (steps >= 0 && len !== steps) {
      throw new SimulationError(`${what}: scan input ${m} has ${len} steps along axis ${axis}, but scan input 0 has ${steps}`);
    }
    steps = len;
    slicers.push(new StepSlicer(t, axis));
  }
  if (steps < 0) steps = 0;
  const stackers = Array.from({ length: K }, (_, k) => new Stacker(steps, layout.outputAxes[k], layout.outputReverse[k], `${what}, scan output ${k}`, body.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS));
  let carried: Tensor[] = [...states];
  const iterInputs = new Array<Tensor | undefined>(N + M);
  for (let s = 0; s < steps; s++) {
    for (let n = 0; n < N; n++) iterInputs[n] = carried[n];
    for (let m = 0; m < M; m++) iterInputs[N + m] = slicers[m].step(layout.inputReverse[m] ? steps - 1 - s : s);
    const outs = body.run(iterInputs, outer, run, pathOf(s));
    carried = outs.slice(0, N);
    for (let k = 0; k < K; k++) stackers[k].write(outs[N + k], s);
  }
  const scanOutputs = stackers.map((st, k) => st.result() ?? emptyScanOutput(body.graph, N + k, layout.outputAxes[k], `${what}, scan output ${k}`));
  return [...carried, ...scanOutputs];
}
