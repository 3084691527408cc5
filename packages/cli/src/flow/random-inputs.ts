import { type Graph, isBigIntElemType, isFloatElemType, quoteName, ScanflowError, Tensor } from '@scanflow/ir';
import { Rng } from '@scanflow/builders';
import { UsageError } from '../cli-error';

/** The builders' seeded PRNG (mulberry32), so `scanflow verify --seed N` is reproducible. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** Parses `--dim NAME=SIZE` flags. */
export function parseDims(specs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of specs) {
    const match = /^([^=]+)=(\d+)$/.exec(s);
    if (!match || Number(match[2]) < 1) throw new UsageError(`--dim ${s}: expected NAME=SIZE with SIZE ≥ 1 (e.g. --dim T=100)`);
    m.set(match[1], Number(match[2]));
  }
  return m;
}

/**
 * Random inputs for a graph's runtime inputs, from their declared types: symbolic dimensions take
 * the size given by `dims` (or `defaultDim`), floats are uniform in [-range, range], integers small;
 * an input annotated with an integer QONNX datatype (e.g. INT4) gets integers spread over its range.
 */
export function randomInputs(graph: Graph, seed: number, dims: Map<string, number>, defaultDim = 4, range = 2): Tensor[] {
  // A --dim naming no symbolic dimension of the inputs would be silently ignored: refuse it.
  const symbolic = new Set<string>();
  for (const i of graph.runtimeInputs) if (i.type?.kind === 'tensor') for (const d of i.type.shape ?? []) if (typeof d === 'string') symbolic.add(d);
  for (const name of dims.keys()) {
    if (!symbolic.has(name)) {
      throw new UsageError(`--dim ${quoteName(name)}: the model's inputs have no symbolic dimension of that name (${symbolic.size ? `they have ${[...symbolic].map(quoteName).join(', ')}` : 'all their dimensions are fixed'})`);
    }
  }
  const next = rng(seed);
  return graph.runtimeInputs.map((input) => {
    const type = input.type;
    // the model lacks what random inputs need (a model error); --inputs is the way around it
    if (!type || type.kind !== 'tensor' || !type.shape) throw new ScanflowError('NO_RANDOM_INPUTS', `input ${quoteName(input.name)} has no declared tensor shape: give inputs with --inputs DIR`, { category: 'model' });
    const shape = type.shape.map((d) => (typeof d === 'number' ? d : (d !== null && dims.get(d)) || defaultDim));
    const t = Tensor.zeros(type.elemType, shape);
    const data = t.data as unknown as { length: number; [i: number]: number | bigint };
    const dt = graph.getDataType(input.name);
    if (dt?.isInteger && isFloatElemType(type.elemType) && Number.isFinite(dt.min) && Number.isFinite(dt.max)) {
      for (let i = 0; i < data.length; i++) data[i] = dt.min + Math.floor(next() * (dt.max - dt.min + 1));
      return t;
    }
    for (let i = 0; i < data.length; i++) {
      if (isFloatElemType(type.elemType) && type.elemType === 'float32') data[i] = (next() * 2 - 1) * range;
      else if (type.elemType === 'float64') data[i] = (next() * 2 - 1) * range;
      else if (type.elemType === 'bool') data[i] = next() < 0.5 ? 0 : 1;
      else if (isBigIntElemType(type.elemType)) data[i] = BigInt(Math.floor(next() * 16));
      else if (!isFloatElemType(type.elemType)) data[i] = Math.floor(next() * 16);
      else throw new ScanflowError('NO_RANDOM_INPUTS', `input ${quoteName(input.name)}: random ${type.elemType} values are not supported; give inputs with --inputs DIR`, { category: 'model' });
    }
    return t;
  });
}
