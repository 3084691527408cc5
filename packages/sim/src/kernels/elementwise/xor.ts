import { binaryKernels } from '../../helpers/binary-kernel';

/** Xor on bool tensors. */
export default binaryKernels({ opType: 'Xor', legacy: true, bool: (x, y) => x ^ y });
