import { boardsPlugin } from '@scanflow/board-zcu';
import { hwLayers } from '@scanflow/hls-backend';
import { coreOps, createRegistry, type Registry } from '@scanflow/ir';
import { coreKernels } from '@scanflow/sim';
import { corePasses } from '@scanflow/transforms';

/** Everything built in: op schemas, simulator kernels, passes, hardware layers and boards. */
export function fullRegistry(): Registry {
  return createRegistry([coreOps(), coreKernels(), corePasses(), hwLayers(), boardsPlugin()]);
}
