import { IdentifierPool } from '../../codegen/identifiers';

/** Maps a name from the model to the identifier generated files use ('' stays ''). */
export type ModelNames = (raw: string) => string;

/**
 * Names from the model file are never written as they are, not even into JSON: every node and
 * value name goes through one pool of sanitised, unique identifiers (the same raw name always gets
 * the same identifier, so the graph's structure is kept). Deterministic: names are handed out in
 * the order they are asked for.
 */
export function modelNames(): ModelNames {
  const pool = new IdentifierPool();
  const map = new Map<string, string>();
  return (raw) => {
    if (raw === '') return '';
    let s = map.get(raw);
    if (s === undefined) map.set(raw, (s = pool.unique('', raw)));
    return s;
  };
}
