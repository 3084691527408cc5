import { DataType, type Graph, type Model, Tensor } from '@scanflow/ir';

/**
 * Structural comparison of IR values for round-trip tests: models, graphs (nodes in order,
 * attributes including subgraphs, initializers by bytes, value infos, annotations, opset
 * imports), tensors and plain data. Returns human-readable differences with their paths; an empty
 * list means equal. Map order counts (it decides the order things are written in).
 * `rawOpsetImports` is compared only when both models have it (a built model has none).
 */
export function diffModels(a: Model, b: Model): string[] {
  const out: string[] = [];
  if (a.rawOpsetImports === undefined || b.rawOpsetImports === undefined) {
    const { rawOpsetImports: _a, ...x } = a;
    const { rawOpsetImports: _b, ...y } = b;
    diff(x, y, 'model', out);
  } else diff(a, b, 'model', out);
  return out;
}

export function diffGraphs(a: Graph, b: Graph): string[] {
  const out: string[] = [];
  diff(a, b, 'graph', out);
  return out;
}

export function diffTensors(a: Tensor, b: Tensor): string[] {
  const out: string[] = [];
  diff(a, b, 'tensor', out);
  return out;
}

function bytesOf(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Tensor) return `Tensor(${v.elemType}, [${v.dims.join(', ')}])`;
  if (v === undefined) return 'undefined';
  return String(v);
}

function diffTensor(a: Tensor, b: Tensor, path: string, out: string[]): void {
  if (a.elemType !== b.elemType) out.push(`${path}: elemType ${a.elemType} ≠ ${b.elemType}`);
  if (a.dims.join(',') !== b.dims.join(',')) out.push(`${path}: dims [${a.dims.join(', ')}] ≠ [${b.dims.join(', ')}]`);
  if (Array.isArray(a.data) || Array.isArray(b.data)) {
    diff(a.data, b.data, `${path}.data`, out);
    return;
  }
  if (a.data.constructor !== b.data.constructor) {
    out.push(`${path}: container ${a.data.constructor.name} ≠ ${b.data.constructor.name}`);
    return;
  }
  const x = bytesOf(a.data);
  const y = bytesOf(b.data);
  if (x.length !== y.length) out.push(`${path}: ${x.length} data bytes ≠ ${y.length}`);
  else {
    const i = x.findIndex((v, k) => v !== y[k]);
    if (i >= 0) out.push(`${path}: data differs at byte ${i}`);
  }
}

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length > 50) return;
  if (a === b) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (!Object.is(a, b)) out.push(`${path}: ${show(a)} ≠ ${show(b)}`);
    return;
  }
  if (a instanceof Tensor || b instanceof Tensor) {
    if (a instanceof Tensor && b instanceof Tensor) diffTensor(a, b, path, out);
    else out.push(`${path}: ${show(a)} ≠ ${show(b)}`);
    return;
  }
  if (a instanceof DataType || b instanceof DataType) {
    out.push(`${path}: datatype ${(a as DataType).name ?? show(a)} ≠ ${(b as DataType).name ?? show(b)}`);
    return;
  }
  if (a.constructor !== b.constructor && !(isPlain(a) && isPlain(b))) {
    out.push(`${path}: ${a.constructor?.name} ≠ ${b.constructor?.name}`);
    return;
  }
  if (a instanceof Map && b instanceof Map) {
    const ka = [...a.keys()];
    const kb = [...b.keys()];
    if (ka.join('\u0000') !== kb.join('\u0000')) out.push(`${path}: keys [${ka.join(', ')}] ≠ [${kb.join(', ')}]`);
    for (const k of ka) if (b.has(k)) diff(a.get(k), b.get(k), `${path}[${JSON.stringify(k)}]`, out);
    return;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = bytesOf(a);
    const y = bytesOf(b);
    if (x.length !== y.length || x.some((v, k) => v !== y[k])) out.push(`${path}: typed arrays differ`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === undefined && y === undefined) continue;
    diff(x, y, `${path}.${k}`, out);
  }
}

function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}
