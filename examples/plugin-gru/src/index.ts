import { definePlugin, type Plugin } from '@scanflow/ir';
import lowerGru from './lower-gru';
import quantizeGruCells from './quantize-gru-cells';

export { GRU_OP, GRU_GATE } from './gru-op';
export { gruCell } from './gru-cell';
export { default as lowerGru } from './lower-gru';
export * from './quant-gru';
export { default as quantizeGruCells } from './quantize-gru-cells';
export { matchGruCell, type GruCellMatch } from './gru-cell-match';

/**
 * The GRU plugin: `registry.use(gruPlugin())`, `scanflow --plugin scanflow-plugin-gru`, or
 * `{ "plugins": ["scanflow-plugin-gru"] }` in scanflow.config.json.
 */
export default function gruPlugin(): Plugin {
  return definePlugin({
    name: 'scanflow-plugin-gru',
    passes: [lowerGru, quantizeGruCells],
  });
}
