import { loadModel } from '@scanflow/onnx-io';
import { attrGraph, toNumbers } from '@scanflow/ir';
const m = loadModel(process.argv[2]!);
const scan = m.graph.nodes.find((n) => n.opType === 'Scan')!;
const body = attrGraph(scan, 'body');
for (const n of body.nodes) {
  const consts = n.inputs.map((i) => { const t = body.initializers.get(i); return t ? (t.size <= 2 ? `${i}=${toNumbers(t).join(',')}` : `${i}[${t.dims}]`) : i; });
  console.log(n.opType, consts.join(' '), '->', n.outputs.join(' '), body.valueInfo.get(n.outputs[0]!) ? '' : '');
}
