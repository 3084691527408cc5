import { definePlugin, type Plugin, type Registry, ScanflowError } from '@scanflow/ir';
import type { BoardDefinition } from './board';
import { zcu104 } from './zcu104';

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Target boards (part, clock, resource budget, board-file generators), read by the estimation and build steps. */
    boards?: BoardDefinition[];
  }
}

/** A board name no plugin provides (the caller named it: a usage error). */
export class UnknownBoardError extends ScanflowError {
  constructor(message: string) {
    super('UNKNOWN_BOARD', message, { category: 'usage' });
    this.name = 'UnknownBoardError';
  }
}

/** The built-in boards (the ZCU104) as a plugin. */
export function boardsPlugin(): Plugin {
  return definePlugin({ name: '@scanflow/board-zcu:boards', boards: [zcu104()] });
}

/**
 * The board called `name` among the registry's `boards` contributions (keyed by their name; a
 * duplicate name is a registration error unless the plugin overrides). Exact name first, then
 * case-insensitive; an unknown name lists the known boards.
 */
export function findBoard(registry: Registry, name: string): BoardDefinition {
  const exact = registry.get('boards', name);
  if (exact) return exact;
  const all = registry.list('boards');
  const b = all.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!b) throw new UnknownBoardError(`unknown board '${name}'; known boards: ${all.map((x) => x.name).sort().join(', ') || 'none (register a boards plugin)'}`);
  return b;
}
