import { definePlugin, type Plugin, ScanflowError } from '@scanflow/ir';
import type { BoardDefinition } from './board';
import { zcu104 } from './zcu104';

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Target boards (part, clock, resource budget), read by the estimation and build steps. */
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

/** All boards contributed by the plugins, by name (a later plugin's board replaces an earlier one). */
export function boardsOf(plugins: readonly Plugin[]): Map<string, BoardDefinition> {
  const out = new Map<string, BoardDefinition>();
  for (const p of plugins) for (const b of p.boards ?? []) out.set(b.name.toLowerCase(), b);
  return out;
}

/** The board called `name` (case-insensitive), or an error listing the known boards. */
export function findBoard(name: string, plugins: readonly Plugin[] = [boardsPlugin()]): BoardDefinition {
  const boards = boardsOf(plugins);
  const b = boards.get(name.toLowerCase());
  if (!b) throw new UnknownBoardError(`unknown board '${name}'; known boards: ${[...boards.keys()].sort().join(', ') || 'none'}`);
  return b;
}
