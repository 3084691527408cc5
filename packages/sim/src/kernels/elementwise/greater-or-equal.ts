import { binaryKernels } from '../../helpers/binary-kernel';

const ge = (x: any, y: any): boolean => x >= y;

/** GreaterOrEqual (opset 12+) → bool. */
export default binaryKernels({ opType: 'GreaterOrEqual', since: 12, result: 'bool', float: ge, int: ge, big: ge });
