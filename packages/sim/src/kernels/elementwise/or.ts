import { binaryKernels } from '../../helpers/binary-kernel';

/** Or on bool tensors. */
export default binaryKernels({ opType: 'Or', legacy: true, bool: (x, y) => x | y });
