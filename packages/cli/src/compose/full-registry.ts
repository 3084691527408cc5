import { boardsPlugin } from '@scanflow/board-zcu';
import { hwLayers } from '@scanflow/hls-backend';
import { coreOps, createRegistry, type Plugin, type Registry } from '@scanflow/ir';
import { coreKernels } from '@scanflow/sim';
import { corePasses } from '@scanflow/transforms';
import { foldingPasses } from '../hardware/folding-passes';

/** Everything built in — op schemas, simulator kernels, passes (the folding passes too), hardware layers and boards — then `plugins`, in order. */
export function fullRegistry(plugins: readonly Plugin[] = []): Registry {
  return createRegistry([coreOps(), coreKernels(), corePasses(), foldingPasses(), hwLayers(), boardsPlugin(), ...plugins]);
}
