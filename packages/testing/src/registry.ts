import { boardsPlugin } from '@scanflow/board-zcu';
import { hwLayers } from '@scanflow/hls-backend';
import { coreOps, createRegistry, type Plugin, type Registry } from '@scanflow/ir';
import { coreKernels } from '@scanflow/sim';
import { corePasses } from '@scanflow/transforms';

/** What `scanflow` registers (op schemas, kernels, passes, hardware layers, boards), then `plugins` in order. */
export function pluginRegistry(plugins: readonly Plugin[]): Registry {
  return createRegistry([coreOps(), coreKernels(), corePasses(), hwLayers(), boardsPlugin(), ...plugins]);
}
