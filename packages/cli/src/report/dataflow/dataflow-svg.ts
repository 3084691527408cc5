import { esc } from '../escape';
import type { PositionedGraph } from './dataflow-layout';

const r1 = (n: number): string => String(Math.round(n * 10) / 10);
const path = (pts: readonly { x: number; y: number }[]): string => pts.map((p, k) => `${k ? 'L' : 'M'}${r1(p.x)},${r1(p.y)}`).join(' ');

/**
 * The laid-out dataflow graph as inline SVG (no script): clusters for Recurrences (title with T
 * and cycles per step), nodes (op, name, folding · datatype, cycles), edges with arrows, loop edges
 * dashed. Every text from the model is escaped.
 */
export function dataflowSvg(g: PositionedGraph): string {
  const margin = 8;
  const w = g.width + 2 * margin;
  const h = g.height + 2 * margin;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="dataflow-graph" class="dataflow" viewBox="${-margin} ${-margin} ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="accelerator dataflow graph">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker>',
    '<marker id="arrow-loop" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c2410c"/></marker></defs>',
  ];
  for (const c of g.clusters) {
    out.push(`<g class="cluster recurrence" data-id="${esc(c.id)}"><rect x="${r1(c.x)}" y="${r1(c.y)}" width="${r1(c.width)}" height="${r1(c.height)}" rx="8"/><text x="${r1(c.x + 10)}" y="${r1(c.y + 20)}" class="cluster-title">${esc(c.title)}</text></g>`);
  }
  for (const e of g.edges) {
    if (e.points.length < 2) continue;
    out.push(`<path class="edge" data-id="${esc(e.id)}" d="${path(e.points)}" marker-end="url(#arrow)"><title>${esc(e.label ?? '')}</title></path>`);
  }
  for (const e of g.loops) {
    const mid = e.points[1]!;
    const end = e.points[2]!;
    out.push(`<g class="loop-edge" data-id="${esc(e.id)}"><path d="${path(e.points)}" marker-end="url(#arrow-loop)"/><text x="${r1(mid.x - 4)}" y="${r1((mid.y + end.y) / 2)}" text-anchor="end" class="loop-label">next state</text></g>`);
  }
  for (const n of g.nodes) {
    const cls = ['node', `node-${n.kind}`, ...(n.bottleneck ? ['bottleneck'] : [])].join(' ');
    const text = n.lines
      .map((l, k) => `<text x="${r1(n.x + n.width / 2)}" y="${r1(n.y + 16 + k * 13)}" text-anchor="middle"${k === 0 ? ' class="op"' : ''}>${esc(l)}</text>`)
      .join('');
    out.push(`<g class="${cls}" data-id="${esc(n.id)}"><title>${esc(n.id)}${n.bottleneck ? ' — bottleneck (ESTIMATE)' : ''}</title><rect x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.width)}" height="${r1(n.height)}" rx="4"/>${text}</g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
