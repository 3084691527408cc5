import { binaryKernels } from '../../helpers/binary-kernel';

const le = (x: any, y: any): boolean => x <= y;

/** LessOrEqual (opset 12+) → bool. */
export default binaryKernels({ opType: 'LessOrEqual', since: 12, result: 'bool', float: le, int: le, big: le });
