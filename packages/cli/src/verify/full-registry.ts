import { boardsPlugin } from '@scanflow/board-zcu';
import { coreOps, createRegistry, type Registry } from '@scanflow/ir';
import { coreKernels } from '@scanflow/sim';
import { corePasses } from '@scanflow/transforms';

/** Everything built in: op schemas, simulator kernels, passes and boards. */
export function fullRegistry(): Registry {
  return createRegistry([coreOps(), coreKernels(), corePasses(), boardsPlugin()]);
}
