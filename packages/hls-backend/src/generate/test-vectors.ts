import { type Tensor, toNumbers } from '@scanflow/ir';
import { HlsCodegenError } from '../codegen/errors';
import type { HlsPort } from './ports';

/**
 * Test-vector files (tb/inputs.txt, tb/expected.txt): whitespace-separated text,
 *
 *   scanflow-test-vectors 1
 *   port <port name> <element count>
 *   <element 0> <element 1> ...        (decimal integers, stream = row-major order)
 *   port <next port> ...
 *
 * with the ports in the top function's order (inputs in inputs.txt, outputs in expected.txt).
 */
export const TEST_VECTOR_MAGIC = 'scanflow-test-vectors';
export const TEST_VECTOR_VERSION = 1;
const PER_LINE = 16;

/** Tensors for the accelerator ports: in port order, or by model value name. */
export type PortTensors = readonly Tensor[] | ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

function tensorFor(tensors: PortTensors, port: HlsPort, k: number): Tensor {
  let t: Tensor | undefined;
  if (Array.isArray(tensors)) t = (tensors as readonly Tensor[])[k];
  else if (tensors instanceof Map) t = tensors.get(port.value);
  else t = (tensors as Readonly<Record<string, Tensor>>)[port.value];
  if (!t) throw new HlsCodegenError(`test vectors: no tensor for ${port.direction === 'in' ? 'input' : 'output'} port ${port.name} (value '${port.value}', position ${k})`);
  return t;
}

/** The integer elements of a port's test tensor, checked against the port's size and datatype range. */
function portValues(t: Tensor, port: HlsPort): bigint[] {
  const values = toNumbers(t);
  if (values.length !== port.elements) throw new HlsCodegenError(`test vectors: port ${port.name} has ${port.elements} elements, the tensor has ${values.length}`);
  const lo = port.signed ? -(1n << BigInt(port.elementBits - 1)) : 0n;
  const hi = port.signed ? (1n << BigInt(port.elementBits - 1)) - 1n : (1n << BigInt(port.elementBits)) - 1n;
  return values.map((v, i) => {
    if (!Number.isSafeInteger(v)) throw new HlsCodegenError(`test vectors: port ${port.name} element ${i} is ${v}, not an integer`);
    const b = BigInt(v);
    if (b < lo || b > hi) throw new HlsCodegenError(`test vectors: port ${port.name} element ${i} = ${v} is outside ${port.datatype}`);
    return b;
  });
}

/** The text of one test-vector file. */
export function formatTestVectors(ports: readonly HlsPort[], tensors: PortTensors): string {
  const lines = [`${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION}`];
  ports.forEach((port, k) => {
    const values = portValues(tensorFor(tensors, port, k), port);
    lines.push(`port ${port.name} ${values.length}`);
    for (let i = 0; i < values.length; i += PER_LINE) lines.push(values.slice(i, i + PER_LINE).join(' '));
  });
  return `${lines.join('\n')}\n`;
}

/** Reads a test-vector file back (port name → elements). */
export function parseTestVectors(text: string): Map<string, bigint[]> {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  if (tokens[0] !== TEST_VECTOR_MAGIC || tokens[1] !== String(TEST_VECTOR_VERSION)) throw new HlsCodegenError(`not a ${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION} file`);
  const out = new Map<string, bigint[]>();
  let i = 2;
  while (i < tokens.length) {
    if (tokens[i] !== 'port') throw new HlsCodegenError(`test vectors: expected 'port' at token ${i}, got '${tokens[i]}'`);
    const name = tokens[i + 1]!;
    const count = Number(tokens[i + 2]);
    out.set(name, tokens.slice(i + 3, i + 3 + count).map((t) => BigInt(t)));
    i += 3 + count;
  }
  return out;
}
