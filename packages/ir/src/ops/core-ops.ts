import { definePlugin, type Plugin } from '../plugin/plugin';
import { onnxOps } from './onnx/index';
import { qonnxOps } from './qonnx/index';

/** The built-in op schemas (standard ONNX and QONNX), registered like any plugin. */
export function coreOps(): Plugin {
  return definePlugin({ name: '@scanflow/ir:core-ops', ops: [...onnxOps, ...qonnxOps] });
}
