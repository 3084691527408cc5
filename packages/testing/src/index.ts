/**
 * @scanflow/testing — test a scanflow plugin as a plugin author: `testPluginModels` declares vitest
 * tests that run each model through every stage with the plugin's registry and check every stage
 * against the original on the simulator (and the g++ C-simulation); `checkPluginModel` is the same
 * check as a function returning a report.
 */
export { testPluginModels, type PluginModelsTest } from './test-plugin-models';
export { checkPluginModel, type PluginModelCase, type PluginModelReport, type StageCheck } from './check-plugin-model';
export { csimAgainstSimulator, type CsimOutcome } from './csim-check';
export { firstDifference, type Tolerance } from './first-difference';
export { pluginRegistry } from './registry';
export { seededInputs } from './seeded-inputs';
