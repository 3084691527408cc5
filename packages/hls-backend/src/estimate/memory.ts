/**
 * Block-RAM and UltraRAM tiling of a parameter memory `depth` words deep and `width` bits wide
 * (reference spec §3.2, also reused for FIFOs in §3.5). These are ESTIMATES: they assume each
 * memory is mapped on its own, with no packing of several memories into one primitive.
 */

/** Words in one RAMB18 (simple dual port) at each aspect ratio: width 1, 2, ≤4, ≤9, ≤18, ≤36. */
export const RAMB18_DEPTH_W1 = 16384;
export const RAMB18_DEPTH_W2 = 8192;
export const RAMB18_DEPTH_W4 = 4096;
export const RAMB18_DEPTH_W9 = 2048;
export const RAMB18_DEPTH_W18 = 1024;
export const RAMB18_DEPTH_W36 = 512;
/** Bits in one RAMB18 as counted by the efficiency figure (36 × 512). */
export const RAMB18_BITS = 36 * 512;

/** UltraRAM primitive shape: 72 bits wide, 4096 words deep. */
export const URAM_WIDTH = 72;
export const URAM_DEPTH = 4096;

/**
 * RAMB18 count of a depth × width memory, piecewise on the width (§3.2):
 *   width = 1: ⌈depth/16384⌉;  width = 2: ⌈depth/8192⌉;  width ≤ 4: ⌈depth/4096⌉·⌈width/4⌉;
 *   width ≤ 9: ⌈depth/2048⌉·⌈width/9⌉;  width ≤ 18 or depth > 512: ⌈depth/1024⌉·⌈width/18⌉;
 *   otherwise: ⌈depth/512⌉·⌈width/36⌉.
 */
export function bram18Tiles(depth: number, width: number): number {
  if (depth <= 0 || width <= 0) return 0;
  const c = Math.ceil;
  if (width === 1) return c(depth / RAMB18_DEPTH_W1);
  if (width === 2) return c(depth / RAMB18_DEPTH_W2);
  if (width <= 4) return c(depth / RAMB18_DEPTH_W4) * c(width / 4);
  if (width <= 9) return c(depth / RAMB18_DEPTH_W9) * c(width / 9);
  if (width <= 18 || depth > RAMB18_DEPTH_W36) return c(depth / RAMB18_DEPTH_W18) * c(width / 18);
  return c(depth / RAMB18_DEPTH_W36) * c(width / 36);
}

/** UltraRAM count of a depth × width memory (§3.2): ⌈width/72⌉·⌈depth/4096⌉. */
export function uramTiles(depth: number, width: number): number {
  if (depth <= 0 || width <= 0) return 0;
  return Math.ceil(width / URAM_WIDTH) * Math.ceil(depth / URAM_DEPTH);
}
