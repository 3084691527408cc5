import { type Tensor, toNumbers } from '@scanflow/ir';
import { HlsCodegenError } from '../codegen/errors';
import type { HlsPort } from './ports';

/**
 * Test-vector files (tb/inputs.txt, tb/expected.txt, and the actual outputs the testbench writes):
 * whitespace-separated text,
 *
 *   scanflow-test-vectors 2
 *   cases <n>
 *   case <k> seq_len <T>                (T = 0 when the accelerator has no sequence)
 *   port <port name> <element count>
 *   <element 0> <element 1> ...         (decimal integers, stream = row-major order)
 *   port <next port> ...
 *   case <k + 1> ...
 *
 * with the ports of each case in the top function's order (inputs in inputs.txt, outputs in the
 * others). A port whose length grows with the sequence has per-step elements × T of them.
 */
export const TEST_VECTOR_MAGIC = 'scanflow-test-vectors';
export const TEST_VECTOR_VERSION = 2;
const PER_LINE = 16;

/** Tensors for the accelerator ports: in port order, or by model value name. */
export type PortTensors = readonly Tensor[] | ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

/** One test case: the run-time sequence length (when the accelerator has one) and the ports' tensors. */
export interface TestCase {
  readonly seqLen?: number;
  readonly inputs: PortTensors;
  readonly outputs: PortTensors;
}

function tensorFor(tensors: PortTensors, port: HlsPort, k: number): Tensor {
  let t: Tensor | undefined;
  if (Array.isArray(tensors)) t = (tensors as readonly Tensor[])[k];
  else if (tensors instanceof Map) t = tensors.get(port.value);
  else t = (tensors as Readonly<Record<string, Tensor>>)[port.value];
  if (!t) throw new HlsCodegenError(`test vectors: no tensor for ${port.direction === 'in' ? 'input' : 'output'} port ${port.name} (value '${port.value}', position ${k})`);
  return t;
}

/** Elements of a port in a case with sequence length `seqLen` (the nominal length when absent). */
export function portElements(port: HlsPort, seqLen: number | undefined): number {
  return port.sequence && seqLen !== undefined ? port.sequence.elementsPerStep * seqLen : port.elements;
}

/** The integer elements of a port's test tensor, checked against the port's size and datatype range. */
function portValues(t: Tensor, port: HlsPort, seqLen: number | undefined): bigint[] {
  const values = toNumbers(t);
  const want = portElements(port, seqLen);
  if (values.length !== want) throw new HlsCodegenError(`test vectors: port ${port.name} has ${want} elements${seqLen !== undefined && port.sequence ? ` at sequence length ${seqLen}` : ''}, the tensor has ${values.length}`);
  const lo = port.signed ? -(1n << BigInt(port.elementBits - 1)) : 0n;
  const hi = port.signed ? (1n << BigInt(port.elementBits - 1)) - 1n : (1n << BigInt(port.elementBits)) - 1n;
  return values.map((v, i) => {
    if (!Number.isSafeInteger(v)) throw new HlsCodegenError(`test vectors: port ${port.name} element ${i} is ${v}, not an integer`);
    const b = BigInt(v);
    if (b < lo || b > hi) throw new HlsCodegenError(`test vectors: port ${port.name} element ${i} = ${v} is outside ${port.datatype}`);
    return b;
  });
}

/** The text of one test-vector file: every case's tensors of `ports` (`pick` chooses inputs or outputs). */
export function formatTestVectors(ports: readonly HlsPort[], cases: readonly TestCase[], pick: 'inputs' | 'outputs'): string {
  const lines = [`${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION}`, `cases ${cases.length}`];
  cases.forEach((c, k) => {
    lines.push(`case ${k} seq_len ${c.seqLen ?? 0}`);
    ports.forEach((port, j) => {
      const values = portValues(tensorFor(c[pick], port, j), port, c.seqLen);
      lines.push(`port ${port.name} ${values.length}`);
      for (let i = 0; i < values.length; i += PER_LINE) lines.push(values.slice(i, i + PER_LINE).join(' '));
    });
  });
  return `${lines.join('\n')}\n`;
}

/** One case read back: its sequence length and port name → elements. */
export interface ParsedCase {
  seqLen: number;
  ports: Map<string, bigint[]>;
}

/** Reads a test-vector file back. */
export function parseTestVectors(text: string): ParsedCase[] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  if (tokens[0] !== TEST_VECTOR_MAGIC || tokens[1] !== String(TEST_VECTOR_VERSION)) throw new HlsCodegenError(`not a ${TEST_VECTOR_MAGIC} ${TEST_VECTOR_VERSION} file`);
  if (tokens[2] !== 'cases') throw new HlsCodegenError("test vectors: expected 'cases'");
  const n = Number(tokens[3]);
  const out: ParsedCase[] = [];
  let i = 4;
  let current: ParsedCase | undefined;
  while (i < tokens.length) {
    if (tokens[i] === 'case') {
      current = { seqLen: Number(tokens[i + 3]), ports: new Map() };
      out.push(current);
      i += 4;
      continue;
    }
    if (tokens[i] !== 'port' || !current) throw new HlsCodegenError(`test vectors: expected 'port' or 'case' at token ${i}, got '${tokens[i]}'`);
    const name = tokens[i + 1]!;
    const count = Number(tokens[i + 2]);
    current.ports.set(name, tokens.slice(i + 3, i + 3 + count).map((t) => BigInt(t)));
    i += 3 + count;
  }
  if (out.length !== n) throw new HlsCodegenError(`test vectors: ${n} case(s) announced, ${out.length} found`);
  return out;
}
