import { binaryKernels } from '../../helpers/binary-kernel';

const lt = (x: any, y: any): boolean => x < y;

/** Less → bool. */
export default binaryKernels({ opType: 'Less', legacy: true, result: 'bool', float: lt, int: lt, big: lt });
