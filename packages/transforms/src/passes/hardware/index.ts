import type { PassDefinition } from '../../pass';
import collapseLayout from './collapse-layout';
import collapseThresholdings from './collapse-thresholdings';
import convToMvau from './conv-to-mvau';
import dedupeNodes from './dedupe-nodes';
import elementwiseToHw from './elementwise-to-hw';
import fuseMvauThresholds from './fuse-mvau-thresholds';
import hoistRecurrenceInputs from './hoist-recurrence-inputs';
import insertDuplicateStreams from './insert-duplicate-streams';
import matmulToMvau from './matmul-to-mvau';
import multithresholdToThresholding from './multithreshold-to-thresholding';
import removeIdentityThresholdings from './remove-identity-thresholdings';
import scanToRecurrence from './scan-to-recurrence';

/** Composite: every layer conversion, then the layout clean-up. */
const toHwLayers: PassDefinition = {
  name: 'to-hw-layers',
  description: 'convert integer MatMul / Conv / MultiThreshold / Add / Mul to hardware layers and clean up the layout',
  stage: 'hardware',
  placement: { stage: 'hardware', order: 'pre' },
  pipeline: 'matmul-to-mvau,conv-to-mvau,multithreshold-to-thresholding,elementwise-to-hw,collapse-layout',
};

/** Composite: merge threshold stages (into each other and into MVAUs), drop identities. */
const mergeThresholdStages: PassDefinition = {
  name: 'merge-threshold-stages',
  description: 'collapse consecutive threshold stages, fuse them into MVAUs, remove identity Thresholdings',
  stage: 'hardware',
  placement: [
    { stage: 'hardware', after: ['to-hw-layers'] },
    // again once the recurrences' inputs are hoisted (the hoisted thresholds meet the layers before them)
    { stage: 'hardware', step: 'merge-threshold-stages-hoisted', after: ['hoist-recurrence-inputs'] },
  ],
  pipeline: 'collapse-layout,collapse-thresholdings,fuse-mvau-thresholds,remove-identity-thresholdings,collapse-layout',
};

/** The passes of the hardware stage, one per file. */
export const hardwarePasses: PassDefinition[] = [
  matmulToMvau,
  convToMvau,
  multithresholdToThresholding,
  elementwiseToHw,
  collapseLayout,
  collapseThresholdings,
  fuseMvauThresholds,
  removeIdentityThresholdings,
  dedupeNodes,
  hoistRecurrenceInputs,
  scanToRecurrence,
  insertDuplicateStreams,
  toHwLayers,
  mergeThresholdStages,
];
