import { definePlugin, type Plugin } from '../plugin/plugin';
import { onnxOps } from './onnx/index';
import { hwOps } from './hw/index';
import { qonnxOps } from './qonnx/index';

/** The built-in op schemas (standard ONNX, QONNX and scanflow's hardware layers), registered like any plugin. */
export function coreOps(): Plugin {
  return definePlugin({ name: '@scanflow/ir:core-ops', ops: [...onnxOps, ...qonnxOps, ...hwOps] });
}
