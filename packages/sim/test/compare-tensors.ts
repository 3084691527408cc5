import type { Tensor } from '@scanflow/ir';

/** Decodes IEEE half-precision bits. */
function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

function bfloatToNumber(h: number): number {
  const f = new Float32Array(new Uint32Array([h << 16]).buffer);
  return f[0];
}

function asNumbers(t: Tensor): (number | bigint | string)[] {
  if (t.elemType === 'float16') return Array.from(t.data as Uint16Array, halfToNumber);
  if (t.elemType === 'bfloat16') return Array.from(t.data as Uint16Array, bfloatToNumber);
  return Array.from(t.data as ArrayLike<number | bigint | string>);
}

const FLOATS = new Set(['float32', 'float64', 'float16', 'bfloat16', 'complex64', 'complex128']);

/**
 * ONNX backend-test comparison: same element type and shape; floats within |a - e| <= atol + rtol·|e|
 * (NaN matches NaN); everything else exactly. Returns a description of the first mismatch, or undefined.
 */
export function compareTensors(actual: Tensor, expected: Tensor, rtol = 1e-3, atol = 1e-7): string | undefined {
  if (actual.elemType !== expected.elemType) return `element type ${actual.elemType}, expected ${expected.elemType}`;
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i])) {
    return `shape [${actual.dims.join(', ')}], expected [${expected.dims.join(', ')}]`;
  }
  const a = asNumbers(actual);
  const e = asNumbers(expected);
  const float = FLOATS.has(expected.elemType);
  let bad = 0;
  let first = '';
  for (let i = 0; i < e.length; i++) {
    const x = a[i];
    const y = e[i];
    let ok: boolean;
    if (float) {
      const xn = x as number;
      const yn = y as number;
      ok = (Number.isNaN(xn) && Number.isNaN(yn)) || xn === yn || Math.abs(xn - yn) <= atol + rtol * Math.abs(yn);
    } else ok = x === y;
    if (!ok) {
      if (!bad) first = `element ${i}: ${String(x)}, expected ${String(y)}`;
      bad++;
    }
  }
  return bad ? `${bad} of ${e.length} elements differ; first at ${first}` : undefined;
}
