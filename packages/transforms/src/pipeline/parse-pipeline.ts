import { ScanflowError } from '@scanflow/ir';
import type { PassOptions, PassOptionValue } from '../pass';

/** One entry of a pipeline: a pass name and its options. */
export interface PipelineEntry {
  name: string;
  options: PassOptions;
}

export class PipelineSyntaxError extends ScanflowError {
  constructor(message: string) {
    super('PIPELINE_SYNTAX', message);
    this.name = 'PipelineSyntaxError';
  }
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function parseValue(raw: string): PassOptionValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw)) return Number(raw);
  return raw;
}

/**
 * Parses a textual pipeline: pass names separated by commas, each optionally followed by options in
 * braces, e.g. `cleanup,qcdq-to-quant,streamline{max-iterations=8,verbose=true}`. Whitespace is ignored.
 * A value with spaces, commas or braces (a file path) is written in double quotes, JSON string
 * syntax: `apply-folding{file="my folds/a,b.json"}`; a quoted value is always a string.
 */
export function parsePipeline(text: string): PipelineEntry[] {
  const entries: PipelineEntry[] = [];
  let i = 0;
  const s = text.trim();
  const fail = (msg: string): never => {
    throw new PipelineSyntaxError(`pipeline '${text}': ${msg} at character ${i + 1}`);
  };
  const skipWs = (): void => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  if (s === '') return entries;
  while (i < s.length) {
    skipWs();
    const start = i;
    while (i < s.length && /[a-z0-9-]/.test(s[i])) i++;
    const name = s.slice(start, i);
    if (!NAME.test(name)) fail(`expected a kebab-case pass name, found '${s.slice(start, i + 1) || 'end of text'}'`);
    skipWs();
    const options: PassOptions = {};
    if (s[i] === '{') {
      i++;
      for (;;) {
        skipWs();
        if (s[i] === '}') {
          i++;
          break;
        }
        const ks = i;
        while (i < s.length && /[a-z0-9-]/.test(s[i])) i++;
        const key = s.slice(ks, i);
        if (!NAME.test(key)) fail(`expected an option name in '${name}{...}'`);
        skipWs();
        if (s[i] !== '=') fail(`expected '=' after option '${key}'`);
        i++;
        skipWs();
        let value: PassOptionValue;
        if (s[i] === '"') {
          // a quoted string (JSON string syntax): any characters, kept as text
          const vs = i;
          for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
          if (i >= s.length) fail(`option '${key}' has an unterminated quoted value`);
          i++;
          try {
            value = JSON.parse(s.slice(vs, i)) as string;
          } catch {
            fail(`option '${key}' has a bad escape in its quoted value`);
          }
        } else {
          const vs = i;
          while (i < s.length && !/[,}\s]/.test(s[i])) i++;
          const raw = s.slice(vs, i);
          if (raw === '') fail(`option '${key}' has no value`);
          value = parseValue(raw);
        }
        if (key in options) fail(`option '${key}' given twice`);
        options[key] = value!;
        skipWs();
        if (s[i] === ',') i++;
        else if (s[i] !== '}') fail(`expected ',' or '}' in '${name}{...}'`);
      }
    }
    entries.push({ name, options });
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') fail(`expected ',' between passes`);
      i++;
      skipWs();
      if (i >= s.length) fail('expected a pass name after the last comma');
    }
  }
  return entries;
}

/** An option value as pipeline text: quoted (JSON string syntax) when it would not read back as the same string. */
function formatValue(v: PassOptionValue): string {
  if (typeof v !== 'string') return String(v);
  return v === '' || /[\s,{}"\\]/.test(v) || parseValue(v) !== v ? JSON.stringify(v) : v;
}

/** Prints a pipeline back as text (options in the order given); parsePipeline reads it back as the same entries. */
export function formatPipeline(entries: readonly PipelineEntry[]): string {
  return entries
    .map((e) => {
      const opts = Object.entries(e.options);
      return opts.length ? `${e.name}{${opts.map(([k, v]) => `${k}=${formatValue(v)}`).join(',')}}` : e.name;
    })
    .join(',');
}
