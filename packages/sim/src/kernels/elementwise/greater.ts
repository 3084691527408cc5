import { binaryKernels } from '../../helpers/binary-kernel';

const gt = (x: any, y: any): boolean => x > y;

/** Greater → bool. */
export default binaryKernels({ opType: 'Greater', legacy: true, result: 'bool', float: gt, int: gt, big: gt });
