import type { Registry } from '@scanflow/ir';
import type { Progress } from '../progress';

/**
 * What every command gets from the composition root (main): the one registry — built-in plugins,
 * the config file's and --plugin's — and the stage pipelines the config file replaces.
 */
export interface CommandContext {
  /** The registry every step of the command reads (ops, kernels, passes, hardware layers, boards). */
  registry?: Registry;
  /** Stage pipelines replacing the assembled ones ({ stage: pipeline text }). */
  pipelines?: Record<string, string>;
  /** Progress of the long steps (quiet unless on a terminal without --json). */
  progress?: Progress;
}
