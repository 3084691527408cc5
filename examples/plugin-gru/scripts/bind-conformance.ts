// An ONNX conformance GRU with W / R / B bound to test_data_set_0's values (batch entry 0), and its
// X in DIR/inputs: `pnpm run conformance-model test_gru_seq_length DIR`.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { bindWeights } from '../test/bind-weights';

const [name, dir] = process.argv.slice(2);
if (!name || !dir) throw new Error('usage: conformance-model NAME DIR');
const c = bindWeights(join(fileURLToPath(new URL('../../../../shared/conformance/onnx-node', import.meta.url)), name), dir, { firstBatchEntry: true });
console.log(`wrote ${c.model} and ${c.inputs}/`);
