import type { Resources } from '@scanflow/hls-backend';

/**
 * The resource kinds of an estimate, in report order. Defined here (not imported from
 * @scanflow/hls-backend) because board-zcu depends on hls-backend for types only.
 */
export const BOARD_RESOURCE_KINDS: readonly (keyof Resources)[] = ['lut', 'ff', 'bram18', 'uram', 'dsp'];

/** Display names of the resource kinds. */
export const RESOURCE_LABELS: Readonly<Record<keyof Resources, string>> = { lut: 'LUT', ff: 'FF', bram18: 'BRAM18', uram: 'URAM', dsp: 'DSP' };
