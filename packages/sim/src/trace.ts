import type { Tensor } from '@scanflow/ir';

/** One recorded value: which node produced which output, and where (path through subgraphs). */
export interface TraceEntry {
  path: string;
  node: string;
  opType: string;
  output: string;
  tensor: Tensor;
}

/** Collects every intermediate value of a run, in execution order. */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];

  record(entry: TraceEntry): void {
    this.entries.push(entry);
  }

  /** The last recorded value of `output` at `path` ('' = main graph). */
  get(output: string, path = ''): Tensor | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.output === output && e.path === path) return e.tensor;
    }
    return undefined;
  }

  /** Values of the main graph (no subgraph iterations), by output name. */
  topLevel(): Map<string, Tensor> {
    const m = new Map<string, Tensor>();
    for (const e of this.entries) if (e.path === '') m.set(e.output, e.tensor);
    return m;
  }
}
