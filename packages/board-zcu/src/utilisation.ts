import type { Resources } from '@scanflow/hls-backend';
import { ScanflowError } from '@scanflow/ir';
import type { BoardDefinition } from './board';
import { BOARD_RESOURCE_KINDS as RESOURCE_KINDS, RESOURCE_LABELS } from './resources';

/** Use of one resource against a board: ESTIMATED use, what the part offers, and the percentage. */
export interface ResourceUse {
  used: number;
  available: number;
  /** 100 · used / available. ESTIMATE. */
  percent: number;
}

export type Utilisation = Record<keyof Resources, ResourceUse> & { readonly kind: 'ESTIMATE'; board: string };

/**
 * Per-resource utilisation of an estimate (anything with `totals`, e.g. `estimateModel`'s report,
 * or plain resource counts) on a board. Every number is an ESTIMATE.
 */
export function utilisation(report: { totals: Resources } | Resources, board: BoardDefinition): Utilisation {
  const used: Resources = 'totals' in report ? report.totals : report;
  const out = { kind: 'ESTIMATE', board: board.name } as Utilisation;
  for (const k of RESOURCE_KINDS) {
    const available = board.resources[k];
    out[k] = { used: used[k], available, percent: available > 0 ? (100 * used[k]) / available : used[k] > 0 ? Infinity : 0 };
  }
  return out;
}

/** Whether every resource fits the board (used ≤ available). ESTIMATE. */
export function fitsBoard(report: { totals: Resources } | Resources, board: BoardDefinition): boolean {
  const u = utilisation(report, board);
  return RESOURCE_KINDS.every((k) => u[k].used <= u[k].available);
}

/** Latency in microseconds at the board's clock (or a given period). ESTIMATE. */
export function latencyMicroseconds(cycles: number, board: BoardDefinition, clockPeriodNs = board.clockPeriodNs): number {
  return (cycles * clockPeriodNs) / 1000;
}

/** An accelerator whose estimated resources exceed the board's. */
export class OverBudgetError extends ScanflowError {
  constructor(message: string) {
    super('OVER_BUDGET', message);
    this.name = 'OverBudgetError';
  }
}

/**
 * Throws OverBudgetError naming every resource whose ESTIMATED use exceeds the board's budget
 * (e.g. "LUT 250,000 / 230,400 (108.5 %)"); returns the utilisation otherwise.
 */
export function checkUtilisation(report: { totals: Resources } | Resources, board: BoardDefinition): Utilisation {
  const u = utilisation(report, board);
  const over = RESOURCE_KINDS.filter((k) => u[k].used > u[k].available);
  if (over.length) {
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const list = over.map((k) => `${RESOURCE_LABELS[k]} ${fmt(u[k].used)} / ${fmt(u[k].available)} (${u[k].percent.toFixed(1)} %)`).join(', ');
    throw new OverBudgetError(`the accelerator does not fit the ${board.name} (${board.part}): ${list} (ESTIMATES); fold less (lower PE / SIMD) or explore within a budget`);
  }
  return u;
}
