import { loadModel, saveModel } from '@scanflow/onnx-io';
import { coreOps, createRegistry } from '@scanflow/ir';
import { coreKernels, createConstantEvaluator } from '@scanflow/sim';
import { corePasses, runStages } from '@scanflow/transforms';
const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);
const snaps = runStages(loadModel(process.argv[2]!), { registry, evaluate: createConstantEvaluator(registry), upTo: 'streamlined' });
saveModel(snaps[snaps.length - 1]!.model, process.argv[3]!);
