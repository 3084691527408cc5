import { definePlugin, type Plugin } from '@scanflow/ir';
import { builtinPasses } from './passes/index';

/** scanflow's built-in passes, registered like any plugin's. */
export function corePasses(): Plugin {
  return definePlugin({ name: '@scanflow/transforms:core-passes', passes: builtinPasses });
}
