import { Rng } from '@scanflow/builders';
import { type Model, Tensor } from '@scanflow/ir';

/** The builders' seeded generator (mulberry32) of numbers in [0, 1). */
function generator(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/**
 * Seeded inputs for a model whose inputs have static shapes: float inputs uniform in [−1, 1]; an
 * input annotated with an integer datatype takes integers of that datatype's range. Throws naming
 * the input when its shape is not static (give `inputs` or bind the dimensions first).
 */
export function seededInputs(model: Model, seed = 1): Tensor[] {
  const next = generator(seed);
  const g = model.graph;
  return g.inputs
    .filter((i) => !g.initializers.has(i.name))
    .map((input) => {
      const t = input.type;
      if (t?.kind !== 'tensor' || !t.shape || t.shape.some((d) => typeof d !== 'number')) {
        throw new Error(`input '${input.name}' has no static shape: give the case's inputs, or a model with its dimensions bound`);
      }
      const dims = t.shape as number[];
      const n = dims.reduce((a, b) => a * b, 1);
      if (t.elemType !== 'float32') throw new Error(`input '${input.name}' is ${t.elemType}: give the case's inputs (seeded inputs are float32 only)`);
      const dt = g.getDataType(input.name);
      const values = Array.from({ length: n }, () => (dt?.isInteger ? Math.floor(dt.min + next() * (dt.max - dt.min + 1)) : next() * 2 - 1));
      return Tensor.float32(dims, values);
    });
}
