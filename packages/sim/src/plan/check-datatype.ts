import type { DataType, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';

/** Largest integer every float32 holds exactly (2^24). */
const FLOAT32_EXACT = 16777216;

/**
 * Checks that a value honours its QONNX datatype annotation: every element allowed by the type
 * (integers in range, BIPOLAR ±1 ...) and, for integers in a float32 container, small enough to be
 * exact (|v| ≤ 2^24). Throws a SimulationError naming the value and the first bad element.
 */
export function checkDataType(name: string, dt: DataType, t: Tensor, where: string): void {
  if (dt.isFloat || dt.kind === 'SCALEDINT') return;
  const d = t.data as ArrayLike<number | bigint>;
  const f32 = t.elemType === 'float32';
  for (let i = 0; i < d.length; i++) {
    const v = Number(d[i]);
    if (!dt.allowed(v)) throw new SimulationError(`${where}: value '${name}' is annotated ${dt.name} but element ${i} is ${v}`);
    if (f32 && dt.isInteger && Math.abs(v) > FLOAT32_EXACT) {
      throw new SimulationError(`${where}: value '${name}' (${dt.name}) element ${i} = ${v} is beyond 2^24, where float32 is no longer exact`);
    }
  }
}
