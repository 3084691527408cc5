import { normalizeDomain } from '@scanflow/ir';
import { OnnxFormatError } from './errors';
import { int64ToBigInt, int64ToSafeNumber, type Int64Like } from './int64';
import type { OperatorSetIdProto } from './proto';

/** opset_import entries → [domain as written, version] pairs and the normalised domain → version map. */
export function decodeOpsetImports(
  list: readonly OperatorSetIdProto[] | null | undefined,
  where: string,
): { raw: [string, number][]; map: Map<string, number> } {
  const raw: [string, number][] = (list ?? []).map((o) => {
    const domain = o.domain ?? '';
    const v = int64ToSafeNumber((o.version ?? 0) as Int64Like);
    if (v === undefined || v < 0) {
      throw new OnnxFormatError(`${where}: opset_import of domain '${domain}' has version ${int64ToBigInt((o.version ?? 0) as Int64Like)}; expected a non-negative integer`);
    }
    return [domain, v];
  });
  const map = new Map<string, number>();
  for (const [d, v] of raw) {
    const k = normalizeDomain(d);
    map.set(k, Math.max(v, map.get(k) ?? v));
  }
  return { raw, map };
}

/** Whether the pairs as written still say the same as the (possibly edited) normalised map. */
function sameImports(raw: readonly [string, number][], map: ReadonlyMap<string, number>): boolean {
  const seen = new Map<string, number>();
  for (const [d, v] of raw) {
    const k = normalizeDomain(d);
    seen.set(k, Math.max(v, seen.get(k) ?? v));
  }
  if (seen.size !== map.size) return false;
  for (const [k, v] of map) if (seen.get(normalizeDomain(k)) !== v) return false;
  return true;
}

/**
 * The opset_import entries to write. The file's own spelling (`raw`) is kept while it agrees with
 * `map`; otherwise `map` is written. Nodes are written with normalised domains, so every used
 * custom domain that is imported only under an alias (e.g. `finn.custom_op.general`) also gets
 * an entry under its normalised name with the same version.
 */
export function encodeOpsetImports(
  map: ReadonlyMap<string, number>,
  raw: readonly [string, number][] | undefined,
  usedDomains: ReadonlySet<string>,
): OperatorSetIdProto[] {
  const entries: [string, number][] = raw && sameImports(raw, map) ? raw.map(([d, v]) => [d, v]) : [...map].map(([d, v]) => [d, v]);
  for (const d of usedDomains) {
    if (d === '' || entries.some(([k]) => k === d)) continue;
    const alias = entries.find(([k]) => normalizeDomain(k) === d);
    if (alias) entries.push([d, alias[1]]);
  }
  return entries.map(([domain, version]) => ({ domain, version }));
}
