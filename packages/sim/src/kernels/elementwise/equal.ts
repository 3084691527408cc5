import { binaryKernels } from '../../helpers/binary-kernel';

const eq = (x: unknown, y: unknown): boolean => x === y;

/** Equal → bool (NaN equals nothing); strings from opset 19. */
export default binaryKernels({ opType: 'Equal', legacy: true, result: 'bool', float: eq, int: eq, big: eq, bool: eq, string: eq });
