/**
 * LUT-RAM (distributed RAM in SLICEM LUTs) with one write port and one read port, the shape of a
 * local array or a memory FIFO. UltraScale+ primitives: RAM32M is 4 LUTs holding 32 words × 6 bits
 * in simple-dual-port use, RAM64M 4 LUTs holding 64 words × 3 bits; deeper memories repeat the
 * 64-word block (the read mux is the slice's F7/F8 muxes, not counted). ESTIMATE.
 */
export function lutramLuts(depth: number, bits: number): number {
  if (depth <= 0 || bits <= 0) return 0;
  return depth <= 32 ? 4 * Math.ceil(bits / 6) : 4 * Math.ceil(bits / 3) * Math.ceil(depth / 64);
}
