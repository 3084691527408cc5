import { createSoftmax } from '../../helpers/softmax';
import { defineKernelVersions } from '../../helpers/versions';

/** LogSoftmax: x − max − log Σ exp(x − max); opset < 13 coerces to 2-D at axis (default 1), 13+ works along axis (default -1). */
export default defineKernelVersions({ domain: '', opType: 'LogSoftmax', create: (node, ctx) => createSoftmax(node, ctx, true) }, [1, 11, 13]);
