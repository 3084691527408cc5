import { addPrecondition, attrInt, type Graph, Node, OpLookup, QONNX_DOMAIN, quantIntRange, Tensor, toNumbers } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { matchLstmCell } from '../../cell/lstm-cell';
import { isQuant } from '../../cell/value-walk';
import { definePass } from '../../pass';
import { constantOf } from '../../graph/graph-tools';

/**
 * A cell written as a graph of its own (h_{t-1}, c_{t-1}, x in; h_t, c_t out — FINN-GL's cell
 * graphs) reads its previous state raw: U·h and f ⊙ c of a float input cannot be integer hardware.
 * The state the cell produces lies on a grid (h_t on its output quantiser's, c_t on the cell-state
 * quantiser's, or on the common grid of f ⊙ c and i ⊙ g that it sums), so the hardware quantises the
 * previous state onto that same grid at the boundary — what FINN-GL's hand-written design does with
 * its h0 / c0 — and the flow records it as a named precondition: the results are those of the
 * original for every previous state on the grid (every state the cell itself produced).
 * (States of a Scan get the same treatment from integerize-scan-state.)
 */

interface Grid {
  scale: number;
  bits: number;
  signed: boolean;
  narrow: boolean;
}

function gridOf(graph: Graph, q: Node | undefined): Grid | undefined {
  if (!q || !isQuant(q)) return undefined;
  const [s, z, b] = [1, 2, 3].map((k) => constantOf(graph, q.inputs[k]));
  if (!s || !z || !b || s.size !== 1 || b.size !== 1 || toNumbers(z).some((v) => v !== 0)) return undefined;
  return { scale: toNumbers(s)[0]!, bits: toNumbers(b)[0]!, signed: attrInt(q, 'signed', 1) !== 0, narrow: attrInt(q, 'narrow', 0) !== 0 };
}

/** The grid of a sum of two values on grids of one scale: the same scale, a signed range holding both ranges added. */
function sumGrid(a: Grid, b: Grid): Grid | undefined {
  if (a.scale !== b.scale) return undefined;
  const [alo, ahi] = quantIntRange(a.bits, a.signed, a.narrow);
  const [blo, bhi] = quantIntRange(b.bits, b.signed, b.narrow);
  const lo = alo + blo;
  const hi = ahi + bhi;
  let bits = 2;
  while (-(2 ** (bits - 1)) > lo || 2 ** (bits - 1) - 1 < hi) bits++;
  return { scale: a.scale, bits, signed: true, narrow: false };
}

function quantiseInput(graph: Graph, names: NameSource, input: string, g: Grid): void {
  const c = (base: string, v: number) => {
    const n = names.fresh(`${input}_${base}`);
    graph.initializers.set(n, Tensor.scalar('float32', v));
    return n;
  };
  const out = names.fresh(`${input}_on_grid`);
  for (const n of graph.nodes) n.inputs = n.inputs.map((i) => (i === input ? out : i));
  graph.nodes.unshift(
    new Node({
      opType: 'Quant',
      domain: QONNX_DOMAIN,
      name: names.fresh(`${input}_boundary_quant`),
      inputs: [input, c('scale', g.scale), c('zeropt', 0), c('bitwidth', g.bits)],
      outputs: [out],
      attributes: { signed: { type: 'int', value: BigInt(g.signed ? 1 : 0) }, narrow: { type: 'int', value: BigInt(g.narrow ? 1 : 0) }, rounding_mode: { type: 'string', value: 'ROUND' } },
    }),
  );
}

export default definePass({
  name: 'quantize-cell-boundary',
  description: "a cell written as a graph: quantise its raw previous state onto the grid of the state it produces (a named precondition)",
  stage: 'streamlined',
  placement: { stage: 'streamlined', order: 'pre' },
  run(model, ctx) {
    const graph = model.graph;
    const ops = new OpLookup(ctx.registry, model);
    // a graph with a loop holds its cell in the loop's body
    if (graph.nodes.some((n) => ops.loop(n))) return { changed: false };
    const r = matchLstmCell(graph, ops);
    if (!r.ok) return { changed: false };
    const cell = r.cell;
    const names = new NameSource(model);
    const runtime = new Set(graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name));
    let n = 0;
    const states: [string, string, Grid | undefined][] = [
      ['h', cell.hPrev, gridOf(graph, cell.hQuant)],
      ['c', cell.cPrev, gridOf(graph, cell.cSumQuant) ?? (cell.fcQuant && cell.igQuant ? sumGrid(gridOf(graph, cell.fcQuant)!, gridOf(graph, cell.igQuant)!) : undefined)],
    ];
    for (const [which, input, grid] of states) {
      if (!runtime.has(input)) continue;
      const readers = graph.nodes.filter((x) => x.inputs.includes(input));
      if (readers.length && readers.every((x) => isQuant(x) && x.inputs[0] === input)) continue;
      if (!grid) {
        ctx.note(`previous ${which} state '${input}' enters raw and the state the cell produces has no grid to quantise it onto; left float`);
        continue;
      }
      quantiseInput(graph, names, input, grid);
      const [lo, hi] = quantIntRange(grid.bits, grid.signed, grid.narrow);
      addPrecondition(model, {
        kind: 'on-grid',
        value: input,
        graphInput: true,
        scale: [grid.scale],
        lo,
        hi,
        description: `the previous ${which} state '${input}' lies on the grid of the ${which} state the cell produces (${grid.signed ? 'INT' : 'UINT'}${grid.bits} × ${grid.scale}): the hardware quantises it onto that grid`,
        pass: 'quantize-cell-boundary',
      });
      ctx.note(`previous ${which} state '${input}' quantised onto the grid of the state the cell produces (${grid.signed ? 'INT' : 'UINT'}${grid.bits} × ${grid.scale}); precondition recorded`);
      n++;
    }
    return { changed: n > 0 };
  },
});
