import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** /work/<project>/../shared/conformance, found from this file's location (never copied into the repo). */
export const CONFORMANCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'conformance');
