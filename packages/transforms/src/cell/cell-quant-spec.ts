import { ScanflowError } from '@scanflow/ir';

/**
 * The bit widths `--cell-quant` gives the quantisers it inserts into a float LSTM cell. The names
 * are Brevitas's (QuantLSTM's eleven cell quantisers and one weight quantiser per gate), so a
 * Brevitas user reads them as they wrote them:
 *
 *   output             h_t and the layer input x (Brevitas's io_quant: one quantiser for both)
 *   cell_state         f ⊙ c, i ⊙ g and c_t
 *   <gate>_acc         W·x + U·h + b of the input / forget / cell / output gate
 *   <gate>_sigmoid     σ of the input / forget / output gate (unsigned)
 *   cell_tanh          tanh of the cell gate g
 *   hidden_state_tanh  tanh(c_t)
 *   <gate>_weight      W and U of a gate (one quantiser for both, as in Brevitas)
 *
 * Text forms: the shorthand `w8a6` (weights 8 bits, every cell quantiser 6), `key=bits` pairs
 * separated by `;` (keys: the names above or the groups `weight`, `activation`, `acc`, `sigmoid`,
 * `tanh`; later pairs override earlier ones, a shorthand may come first: `w8a6;forget_acc=4`), or a
 * JSON object with the same keys (what a `--cell-quant file.json` holds).
 */

export const LSTM_CELL_QUANTISERS = [
  'output',
  'cell_state',
  'input_acc',
  'forget_acc',
  'cell_acc',
  'output_acc',
  'input_sigmoid',
  'forget_sigmoid',
  'cell_tanh',
  'output_sigmoid',
  'hidden_state_tanh',
] as const;
export const LSTM_WEIGHT_QUANTISERS = ['input_weight', 'forget_weight', 'cell_weight', 'output_weight'] as const;
export type LstmQuantiserName = (typeof LSTM_CELL_QUANTISERS)[number] | (typeof LSTM_WEIGHT_QUANTISERS)[number];

const ALL: readonly LstmQuantiserName[] = [...LSTM_WEIGHT_QUANTISERS, ...LSTM_CELL_QUANTISERS];

export const CELL_QUANT_GROUPS: Record<string, readonly LstmQuantiserName[]> = {
  weight: LSTM_WEIGHT_QUANTISERS,
  activation: LSTM_CELL_QUANTISERS,
  acc: ['input_acc', 'forget_acc', 'cell_acc', 'output_acc'],
  sigmoid: ['input_sigmoid', 'forget_sigmoid', 'output_sigmoid'],
  tanh: ['cell_tanh', 'hidden_state_tanh'],
};

export type CellQuantSpec = Record<LstmQuantiserName, number>;

/** A `--cell-quant` value that cannot be read. */
export class CellQuantSpecError extends ScanflowError {
  constructor(message: string) {
    super('CELL_QUANT_SPEC', message);
    this.name = 'CellQuantSpecError';
  }
}

const MAX_BITS = 16;

function setBits(spec: Partial<CellQuantSpec>, key: string, bits: unknown, text: string): void {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 2 || bits > MAX_BITS) {
    throw new CellQuantSpecError(`cell quantisation '${text}': '${key}' takes a bit width from 2 to ${MAX_BITS}, got ${JSON.stringify(bits)}`);
  }
  const names = CELL_QUANT_GROUPS[key] ?? ((ALL as readonly string[]).includes(key) ? [key as LstmQuantiserName] : undefined);
  if (!names) {
    throw new CellQuantSpecError(`cell quantisation '${text}': unknown quantiser '${key}' (known: ${[...Object.keys(CELL_QUANT_GROUPS), ...ALL].join(', ')})`);
  }
  for (const n of names) spec[n] = bits;
}

/** Reads a spec in any of the three text forms; every quantiser must end up with a width. */
export function parseCellQuantSpec(text: string): CellQuantSpec {
  const spec: Partial<CellQuantSpec> = {};
  const t = text.trim();
  if (t.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch (e) {
      throw new CellQuantSpecError(`cell quantisation: not valid JSON (${(e as Error).message})`);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new CellQuantSpecError('cell quantisation: the JSON must be an object of quantiser names to bit widths');
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) setBits(spec, k, v, 'JSON');
  } else {
    for (const part of t.split(';').map((p) => p.trim()).filter(Boolean)) {
      const short = /^w(\d+)a(\d+)$/i.exec(part);
      if (short) {
        setBits(spec, 'weight', Number(short[1]), text);
        setBits(spec, 'activation', Number(short[2]), text);
        continue;
      }
      const kv = /^([a-z_]+)=(\d+)$/.exec(part);
      if (!kv) throw new CellQuantSpecError(`cell quantisation '${text}': expected a shorthand like 'w8a6' or 'name=bits' pairs separated by ';', found '${part}'`);
      setBits(spec, kv[1]!, Number(kv[2]), text);
    }
  }
  const missing = ALL.filter((n) => spec[n] === undefined);
  if (missing.length) throw new CellQuantSpecError(`cell quantisation '${text}': no bit width for ${missing.join(', ')} (start with a shorthand such as 'w8a6' to set every one)`);
  return spec as CellQuantSpec;
}

/** The canonical text of a spec (`key=bits` pairs in a fixed order), usable as a pass option. */
export function formatCellQuantSpec(spec: CellQuantSpec): string {
  return ALL.map((n) => `${n}=${spec[n]}`).join(';');
}
