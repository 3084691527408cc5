import type { OpSchema } from '../op-schema';

/** The op schemas of this folder, one op per file. */
export const onnxOps: OpSchema[] = [];
