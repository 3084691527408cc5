import { generateHlsProject, type HlsProject } from '@scanflow/hls-backend';
import { DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';

/**
 * For tests: the HLS project of a one-layer accelerator, x [2, 6] INT4 → MVAU (6 → 4, SIMD 3,
 * PE 4, INT4 weights, acc INT10) → y [2, 4] INT10. Ports: in_x (3 INT4 per beat → 8-bit containers,
 * TDATA 32) and out_y (4 INT10 per beat → 16-bit containers, TDATA 64).
 */
export function oneLayerProject(topName = 'scanflow_top'): HlsProject {
  const b = new GraphBuilder('one_layer');
  const x = b.input('x', 'float32', [2, 6], DataType.int(4));
  const w = b.initializer('W', Tensor.float32([4, 6], [1, 0, -1, 2, 0, 1, 0, 1, 1, -2, 3, 0, 2, 2, 0, 0, -1, 1, -3, 0, 1, 1, 0, 2]), DataType.int(4));
  const y = b.op('MVAU', [x, w], { mw: 6, mh: 4, simd: 3, pe: 4, acc_dtype: 'INT10' }, { domain: HW_DOMAIN, name: 'mvau', outputs: ['y'] });
  b.graph.setDataType(y, DataType.int(10));
  b.output(y);
  return generateHlsProject(b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1 } }), { board: { part: 'xczu7ev-ffvc1156-2-e', clockNs: 5 }, topName });
}
