import { binaryKernels } from '../../helpers/binary-kernel';

/** And on bool tensors. */
export default binaryKernels({ opType: 'And', legacy: true, bool: (x, y) => x & y });
