import { attr, attrInt, cloneModel, type Model, type Node } from '@scanflow/ir';
import type { LayerFolding } from '../layers/types';
import { HlsEstimateError } from '../types';
import { type FoldableLayer, foldableLayers } from './foldable-layers';

/**
 * Folding of a model as JSON: `{ "<node name>": { "pe": n, "simd": n }, ... }`. Node names are
 * unique across the model (bodies included); a layer inside a Recurrence body is addressed by its
 * plain name. `simd` is for MVAU layers only. Layers not listed keep their attributes.
 */
export type FoldingConfig = Record<string, FoldingEntry>;

/** One entry of a folding config: `pe` and / or `simd`. */
export interface FoldingEntry {
  pe?: number;
  simd?: number;
}

/** The folding a node has: `pe` and (MVAU) `simd` attributes, default 1. */
export function nodeFolding(node: Node): LayerFolding {
  const pe = attrInt(node, 'pe', 1);
  return node.opType === 'MVAU' ? { pe, simd: attrInt(node, 'simd', 1) } : { pe };
}

/** The folding to assume for a node: the override for its name, else its own attributes. */
export function effectiveFolding(node: Node, override?: FoldingConfig): LayerFolding {
  const own = nodeFolding(node);
  const o = node.name ? override?.[node.name] : undefined;
  if (!o) return own;
  return node.opType === 'MVAU' ? { pe: o.pe ?? own.pe, simd: o.simd ?? own.simd } : { pe: o.pe ?? own.pe };
}

/**
 * Parses and checks the form of a folding JSON (a string or an already parsed value): an object
 * of objects with only positive integer `pe` / `simd`. Whether names and values fit a model is
 * checked by `validateFolding` / `applyFolding`.
 */
export function readFoldingConfig(json: string | unknown): FoldingConfig {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new HlsEstimateError(`folding config is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HlsEstimateError('folding config must be an object { "<node name>": { "pe": n, "simd": n } }');
  }
  const out: FoldingConfig = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new HlsEstimateError(`folding config: entry '${name}' must be an object like { "pe": 2, "simd": 4 }`);
    }
    const f: FoldingEntry = {};
    for (const [key, v] of Object.entries(entry as Record<string, unknown>)) {
      if (key !== 'pe' && key !== 'simd') throw new HlsEstimateError(`folding config: entry '${name}' has unknown key '${key}' (allowed: pe, simd)`);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
        throw new HlsEstimateError(`folding config: ${name}.${key} = ${JSON.stringify(v)}, expected a positive integer`);
      }
      f[key] = v;
    }
    if (f.pe === undefined && f.simd === undefined) throw new HlsEstimateError(`folding config: entry '${name}' sets neither pe nor simd`);
    // An own property even for names like '__proto__' (which `out[name] = f` would turn into the prototype, dropping the entry).
    Object.defineProperty(out, name, { value: f, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function checkValue(layer: FoldableLayer, key: 'pe' | 'simd', value: number | undefined): void {
  if (value === undefined) return;
  const legal = layer[key];
  if (!legal) {
    throw new HlsEstimateError(`folding: node '${layer.node.name}' (${layer.node.opType}) has no attribute ${key}; only MVAU layers take simd`);
  }
  if (!legal.includes(value)) {
    const dim = layer.node.opType === 'MVAU' ? (key === 'pe' ? 'mh' : 'mw') : 'channels';
    throw new HlsEstimateError(
      `folding: node '${layer.node.name}' (${layer.node.opType}): ${key} = ${value} does not divide ${dim} = ${legal[legal.length - 1]}; allowed ${key} values: ${legal.join(', ')}`,
    );
  }
}

/** Checks a folding against a model: known node names, legal values. Returns the layers by name. */
export function validateFolding(model: Model, folding: FoldingConfig): Map<string, FoldableLayer> {
  const layers = new Map(foldableLayers(model).map((l) => [l.node.name, l]));
  for (const [name, f] of Object.entries(folding)) {
    const layer = layers.get(name);
    if (!layer) {
      const known = [...layers.keys()];
      throw new HlsEstimateError(`folding: no foldable layer named '${name}' (known: ${known.length ? known.join(', ') : 'none'})`);
    }
    checkValue(layer, 'pe', f.pe);
    checkValue(layer, 'simd', f.simd);
  }
  return layers;
}

/** A copy of the model with the folding written into the layers' `pe` / `simd` attributes. */
export function applyFolding(model: Model, folding: FoldingConfig): Model {
  validateFolding(model, folding);
  const copy = cloneModel(model);
  const layers = new Map(foldableLayers(copy).map((l) => [l.node.name, l]));
  for (const [name, f] of Object.entries(folding)) {
    const node = layers.get(name)!.node;
    if (f.pe !== undefined) node.attributes.set('pe', attr.int(f.pe));
    if (f.simd !== undefined) node.attributes.set('simd', attr.int(f.simd));
  }
  return copy;
}

/** The current folding of every foldable layer, in the `readFoldingConfig` format. */
export function foldingOf(model: Model): FoldingConfig {
  const out: FoldingConfig = {};
  for (const l of foldableLayers(model)) out[l.node.name] = nodeFolding(l.node);
  return out;
}
