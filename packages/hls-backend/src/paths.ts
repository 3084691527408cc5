import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the kernel library's include root (`include/`): put it on the include path of
 * Vitis HLS and of g++ and write `#include <scanflow/mvau.hpp>`.
 */
export function kernelIncludeDir(): string {
  return fileURLToPath(new URL('../include', import.meta.url));
}

/**
 * Absolute path of the C-simulation emulation (`include/scanflow/emu/`), which provides `ap_int.h`,
 * `hls_stream.h` and `ap_axi_sdata.h` for plain g++. Put it FIRST on the g++ include path, and
 * never on the Vitis HLS include path.
 */
export function emulationIncludeDir(): string {
  return fileURLToPath(new URL('../include/scanflow/emu', import.meta.url));
}

/** The kernel headers, relative to {@link kernelIncludeDir} (one kernel or helper family each). */
export const kernelHeaders = [
  'scanflow/common.hpp',
  'scanflow/mvau.hpp',
  'scanflow/thresholding.hpp',
  'scanflow/elementwise.hpp',
  'scanflow/duplicate_streams.hpp',
  'scanflow/stream_width.hpp',
  'scanflow/recurrence.hpp',
  'scanflow/step.hpp',
  'scanflow/axis.hpp',
  'scanflow/scanflow.hpp',
] as const;

/** The emulation headers, relative to {@link emulationIncludeDir}. */
export const emulationHeaders = ['ap_int.h', 'hls_stream.h', 'ap_axi_sdata.h'] as const;
