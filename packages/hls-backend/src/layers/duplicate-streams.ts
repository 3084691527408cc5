import { attrInt } from '@scanflow/ir';
import { generateDuplicateStreams } from '../codegen/layers/duplicate-streams';
import { estimateDuplicateStreamsLayer } from '../estimate/layers/duplicate-streams';
import type { HwLayerDefinition } from '../hw-layer';
import { HW_LAYER_DOMAIN } from './domain';

/** DuplicateStreams: the fan-out of a stream to N consumers; PE divides the channels. */
export const duplicateStreamsLayer: HwLayerDefinition = {
  domain: HW_LAYER_DOMAIN,
  opType: 'DuplicateStreams',
  estimate: estimateDuplicateStreamsLayer,
  codegen: generateDuplicateStreams,
  functionPrefix: 'dup',
  dataInputs: () => [0],
  step: 'fan-out',
  folding: { pe: (node) => attrInt(node, 'channels') },
};
