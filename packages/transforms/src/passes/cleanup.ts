import { definePass } from '../pass';

/** The import clean-up, as a composite pass. */
export default definePass({
  name: 'cleanup',
  description: 'import clean-up: fold constants, remove Identity and dead nodes, sanitise names, infer shapes',
  stage: 'import',
  placement: [
    { stage: 'import' },
    // after the lowerings (LSTM / RNN / QuantLSTMCell → Scan)
    { stage: 'import', step: 'cleanup-lowered', order: 'post' },
    { stage: 'qonnx', after: ['inline-scan-constants'] },
  ],
  pipeline: 'fold-constants,remove-identity,remove-dead-nodes,unique-names,infer-shapes',
});
