import { attr, attrInt, attrString, cloneModel, type Model, type Node, type Registry } from '@scanflow/ir';
import { hwLayerOf } from '../../hw-layer';
import { MULTIPLIER_ATTR, type MultiplierImpl } from '../../implementation/multiplier-impl';
import { THRESHOLD_METHOD_ATTR } from '../../implementation/threshold-method';
import type { LayerFolding } from '../layers/types';
import { HlsEstimateError } from '../types';
import { type FoldableLayer, foldableLayers } from './foldable-layers';
import { THRESHOLD_METHODS, type ThresholdMethod } from '../../implementation/threshold-method';

/**
 * Folding of a model as JSON: `{ "<node name>": { "pe": n, "simd": n }, ... }`. Node names are
 * unique across the model (bodies included); a layer inside a Recurrence body is addressed by its
 * plain name. `simd` is for MVAU layers only. Layers not listed keep their attributes.
 */
export type FoldingConfig = Record<string, FoldingEntry>;

/** How a layer applies thresholds, as a folding choice (`auto`: see implementation/threshold-method.ts). */
export type ThresholdChoice = 'auto' | ThresholdMethod;

/**
 * One entry of a folding config: `pe` and / or `simd`, and the implementation choices `mult`
 * (products of MVAU / ElementwiseMul: auto, lut, dsp) and `thresholds` (MVAU with thresholds,
 * Thresholding: auto, compare-all, search, two-level).
 */
export interface FoldingEntry {
  pe?: number;
  simd?: number;
  mult?: MultiplierImpl;
  thresholds?: ThresholdChoice;
}

const MULT_VALUES: readonly string[] = ['auto', 'lut', 'dsp'];
const THRESHOLD_VALUES: readonly string[] = ['auto', ...THRESHOLD_METHODS];

/** Whether a layer's definition gives it a SIMD dimension (the MVAU's). */
const hasSimd = (node: Node, registry: Registry): boolean => hwLayerOf(registry, node)?.folding?.simd !== undefined;

/** The folding a node has: `pe` (and, when its layer has one, `simd`) attributes, default 1, and its implementation choices when set. */
export function nodeFolding(node: Node, registry: Registry): LayerFolding {
  const pe = attrInt(node, 'pe', 1);
  const mult = node.attributes.has(MULTIPLIER_ATTR) ? (attrString(node, MULTIPLIER_ATTR) as MultiplierImpl) : undefined;
  const thresholds = node.attributes.has(THRESHOLD_METHOD_ATTR) ? (attrString(node, THRESHOLD_METHOD_ATTR) as ThresholdChoice) : undefined;
  return { pe, ...(hasSimd(node, registry) ? { simd: attrInt(node, 'simd', 1) } : {}), ...(mult ? { mult } : {}), ...(thresholds ? { thresholds } : {}) };
}

/** The folding to assume for a node: the override for its name, else its own attributes. */
export function effectiveFolding(node: Node, override: FoldingConfig | undefined, registry: Registry): LayerFolding {
  const own = nodeFolding(node, registry);
  const o = node.name ? override?.[node.name] : undefined;
  if (!o) return own;
  const mult = o.mult ?? own.mult;
  const thresholds = o.thresholds ?? own.thresholds;
  return { pe: o.pe ?? own.pe, ...(own.simd !== undefined ? { simd: o.simd ?? own.simd } : {}), ...(mult ? { mult } : {}), ...(thresholds ? { thresholds } : {}) };
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
    throw new HlsEstimateError('folding config must be an object { "<node name>": { "pe": n, "simd": n, "mult": "lut" | "dsp", "thresholds": "compare-all" | "search" | "two-level" } }');
  }
  const out: FoldingConfig = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new HlsEstimateError(`folding config: entry '${name}' must be an object like { "pe": 2, "simd": 4 }`);
    }
    const f: FoldingEntry = {};
    for (const [key, v] of Object.entries(entry as Record<string, unknown>)) {
      if (key === 'mult' || key === 'thresholds') {
        const allowed = key === 'mult' ? MULT_VALUES : THRESHOLD_VALUES;
        if (typeof v !== 'string' || !allowed.includes(v)) throw new HlsEstimateError(`folding config: ${name}.${key} = ${JSON.stringify(v)}, expected one of ${allowed.join(', ')}`);
        if (key === 'mult') f.mult = v as MultiplierImpl;
        else f.thresholds = v as ThresholdChoice;
        continue;
      }
      if (key !== 'pe' && key !== 'simd') throw new HlsEstimateError(`folding config: entry '${name}' has unknown key '${key}' (allowed: pe, simd, mult, thresholds)`);
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
        throw new HlsEstimateError(`folding config: ${name}.${key} = ${JSON.stringify(v)}, expected a positive integer`);
      }
      f[key] = v;
    }
    if (f.pe === undefined && f.simd === undefined && f.mult === undefined && f.thresholds === undefined) throw new HlsEstimateError(`folding config: entry '${name}' sets nothing (pe, simd, mult or thresholds)`);
    // An own property even for names like '__proto__' (which `out[name] = f` would turn into the prototype, dropping the entry).
    Object.defineProperty(out, name, { value: f, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function checkValue(layer: FoldableLayer, key: 'pe' | 'simd', value: number | undefined): void {
  if (value === undefined) return;
  const legal = layer[key];
  if (!legal) {
    throw new HlsEstimateError(`folding: node '${layer.node.name}' (${layer.node.opType}) has no attribute ${key}; only layers with a SIMD dimension (the MVAU) take simd`);
  }
  if (!legal.includes(value)) {
    throw new HlsEstimateError(
      `folding: node '${layer.node.name}' (${layer.node.opType}): ${key} = ${value} does not divide ${layer.dimensionNames[key] ?? key} = ${legal[legal.length - 1]}; allowed ${key} values: ${legal.join(', ')}`,
    );
  }
}

/** Checks a folding against a model: known node names, legal values. Returns the layers by name. */
export function validateFolding(model: Model, folding: FoldingConfig, registry: Registry): Map<string, FoldableLayer> {
  const layers = new Map(foldableLayers(model, registry).map((l) => [l.node.name, l]));
  for (const [name, f] of Object.entries(folding)) {
    const layer = layers.get(name);
    if (!layer) {
      const known = [...layers.keys()];
      throw new HlsEstimateError(`folding: no foldable layer named '${name}' (known: ${known.length ? known.join(', ') : 'none'})`);
    }
    checkValue(layer, 'pe', f.pe);
    checkValue(layer, 'simd', f.simd);
    if (f.mult !== undefined && !layer.multiplies) throw new HlsEstimateError(`folding: node '${name}' (${layer.node.opType}) has no multipliers to choose for (mult applies to MVAU and ElementwiseMul)`);
    if (f.thresholds !== undefined && !layer.thresholds) throw new HlsEstimateError(`folding: node '${name}' (${layer.node.opType}) applies no thresholds (thresholds applies to MVAU with thresholds and Thresholding)`);
  }
  return layers;
}

/** A copy of the model with the folding written into the layers' `pe` / `simd` attributes. */
export function applyFolding(model: Model, folding: FoldingConfig, registry: Registry): Model {
  validateFolding(model, folding, registry);
  const copy = cloneModel(model);
  const layers = new Map(foldableLayers(copy, registry).map((l) => [l.node.name, l]));
  for (const [name, f] of Object.entries(folding)) {
    const node = layers.get(name)!.node;
    if (f.pe !== undefined) node.attributes.set('pe', attr.int(f.pe));
    if (f.simd !== undefined) node.attributes.set('simd', attr.int(f.simd));
    if (f.mult !== undefined) node.attributes.set(MULTIPLIER_ATTR, attr.string(f.mult));
    if (f.thresholds !== undefined) node.attributes.set(THRESHOLD_METHOD_ATTR, attr.string(f.thresholds));
  }
  return copy;
}

/** The current folding of every foldable layer, in the `readFoldingConfig` format. */
export function foldingOf(model: Model, registry: Registry): FoldingConfig {
  const out: FoldingConfig = {};
  for (const l of foldableLayers(model, registry)) out[l.node.name] = nodeFolding(l.node, registry);
  return out;
}
