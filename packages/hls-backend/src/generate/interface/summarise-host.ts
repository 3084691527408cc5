import type { HostDequantiser, HostQuantiser, HostStep } from './host-steps';

const FIT_TOLERANCE = 1e-4;

type ThresholdStep = Extract<HostStep, { op: 'MultiThreshold' }>;

/** Scale and zero point of a uniform quantiser whose steps sit at (level − ½ − zp)·s, or undefined. */
function fitRow(row: readonly number[], outBias: number): { scale: number; zeroPoint: number } | undefined {
  const n = row.length;
  if (n < 2 || row.some((t, k) => !Number.isFinite(t) || (k > 0 && t <= row[k - 1]!))) return undefined;
  const scale = (row[n - 1]! - row[0]!) / (n - 1);
  if (!(scale > 0)) return undefined;
  // crossing threshold k gives level outBias + k + 1, half a step above (outBias + k + ½ − zp)·s
  const zeroPoint = Math.round(outBias + 0.5 - row[0]! / scale);
  const fits = row.every((t, k) => Math.abs(t - (outBias + k + 0.5 - zeroPoint) * scale) <= FIT_TOLERANCE * scale);
  return fits ? { scale, zeroPoint } : undefined;
}

/**
 * A summary of an input port's host steps: no quantiser (reshapes only), a uniform quantiser fitted
 * to the one MultiThreshold's thresholds, or the thresholds themselves.
 */
export function summariseQuantiser(steps: readonly HostStep[], port: { elementBits: number; signed: boolean }): HostQuantiser {
  const mts = steps.filter((s): s is ThresholdStep => s.op === 'MultiThreshold');
  if (mts.length === 0 && steps.every((s) => s.op === 'Reshape')) return { kind: 'none' };
  const thresholds: HostQuantiser = { kind: 'thresholds', bits: port.elementBits, signed: port.signed };
  if (mts.length !== 1 || steps.some((s) => s.op !== 'Reshape' && s.op !== 'MultiThreshold')) return thresholds;
  const mt = mts[0]!;
  if (mt.outScale !== 1) return thresholds;
  const fits = mt.thresholds.map((row) => fitRow(row, mt.outBias));
  if (fits.some((f) => f === undefined) || new Set(fits.map((f) => f!.zeroPoint)).size !== 1) return thresholds;
  const zeroPoint = fits[0]!.zeroPoint;
  const lowest = mt.outBias - zeroPoint;
  const narrow = port.signed && lowest === -(2 ** (port.elementBits - 1)) + 1;
  return { kind: 'uniform', scale: fits.map((f) => Math.fround(f!.scale)), zeroPoint, bits: port.elementBits, signed: port.signed, narrow, rounding: 'ROUND' };
}

/**
 * A summary of an output port's host steps as y = (q − zeroPoint)·scale + bias: the patterns
 * (Mul), (Mul, Add), (Add, Mul), (Add) and none, Reshapes aside. Undefined for other chains.
 */
export function summariseDequantiser(steps: readonly HostStep[]): HostDequantiser | undefined {
  const ops = steps.filter((s) => s.op !== 'Reshape') as Extract<HostStep, { op: 'Mul' | 'Add' }>[];
  const pattern = ops.map((s) => s.op).join(',');
  const vals = (k: number): number[] => [...ops[k]!.constant.values];
  switch (pattern) {
    case '':
      return { scale: [1], zeroPoint: [0], bias: [0] };
    case 'Mul':
      return { scale: vals(0), zeroPoint: [0], bias: [0] };
    case 'Mul,Add':
      return { scale: vals(0), zeroPoint: [0], bias: vals(1) };
    case 'Add,Mul':
      return { scale: vals(1), zeroPoint: vals(0).map((a) => -a), bias: [0] };
    case 'Add':
      return { scale: [1], zeroPoint: [0], bias: vals(0) };
    default:
      return undefined;
  }
}
