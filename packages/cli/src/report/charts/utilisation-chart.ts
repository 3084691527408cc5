import type { TopLevelSpec } from 'vega-lite';
import { BOARD_RESOURCE_KINDS, RESOURCE_LABELS, type Utilisation } from '@scanflow/board-zcu';

/** Vega-Lite spec: per resource, the estimated use in % of the part's budget, with the 100 % line. */
export function utilisationChartSpec(u: Utilisation): TopLevelSpec {
  const values = BOARD_RESOURCE_KINDS.map((k) => ({
    resource: RESOURCE_LABELS[k],
    percent: Number(u[k].percent.toFixed(3)),
    label: `${u[k].used.toLocaleString('en-US')} / ${u[k].available.toLocaleString('en-US')}`,
    over: u[k].used > u[k].available ? 'over budget' : 'fits',
  }));
  const max = Math.max(100, ...values.map((v) => v.percent));
  return {
    title: `Utilisation of the ${u.board} (ESTIMATE)`,
    width: 520,
    height: { step: 22 },
    data: { values },
    encoding: { y: { field: 'resource', type: 'nominal', sort: null, title: null } },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'percent', type: 'quantitative', title: '% of the budget (ESTIMATE)', scale: { domain: [0, max] } },
          color: { field: 'over', type: 'nominal', scale: { domain: ['fits', 'over budget'], range: ['#4c78a8', '#d9480f'] }, legend: null },
        },
      },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { x: { field: 'percent', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } } },
      { data: { values: [{ limit: 100 }] }, mark: { type: 'rule', color: '#d9480f', strokeDash: [4, 3] }, encoding: { x: { field: 'limit', type: 'quantitative' }, y: null } },
    ],
  } as TopLevelSpec;
}
