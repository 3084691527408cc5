import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export { tf };

let ready: Promise<string> | undefined;

/**
 * Selects tfjs's WebAssembly backend (its .wasm ships inside the npm package: nothing is
 * downloaded), falling back to the pure-JS CPU backend; production mode (no debug checks, no
 * "install tfjs-node" notice). Returns the backend's name.
 */
export function initTf(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  ready ??= (async () => {
    tf.enableProdMode();
    let ok = false;
    try {
      ok = await tf.setBackend(preferred);
    } catch {
      ok = false;
    }
    if (!ok) await tf.setBackend('cpu');
    await tf.ready();
    return tf.getBackend();
  })();
  return ready;
}
