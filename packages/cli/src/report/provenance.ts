import type { Provenance } from './report-data';

const WHAT: Record<Provenance, string> = {
  ESTIMATE: 'from analytical models (not synthesis, not hardware)',
  SIMULATION: 'from simulation (scanflow simulator, g++ C-simulation)',
  MEASUREMENT: 'measured on the board',
};

/** The badge every figure and table carries: what produced its numbers. */
export function badge(kind: Provenance): string {
  return `<span class="kind kind-${kind.toLowerCase()}" title="${WHAT[kind]}">${kind}</span>`;
}
