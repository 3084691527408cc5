import type { PassDefinition } from '../pass';
import cleanup from './cleanup';
import foldConstants from './fold-constants';
import inferDatatypes from './infer-datatypes';
import inferShapes from './infer-shapes';
import lowerLstm from './lower-lstm';
import lowerRnn from './lower-rnn';
import lowerQuantLstmCell from './lower-quant-lstm-cell';
import normalizeOpset from './normalize-opset';
import freezeInitializerInputs from './freeze-initializer-inputs';
import annotateMultithresholdOutputs from './annotate-multithreshold-outputs';
import pushQuantThroughDataMovement from './push-quant-through-data-movement';
import inlineScanConstants from './inline-scan-constants';
import insertCellQuantizers from './cell-quant/insert-cell-quantizers';
import qcdqToQuant from './qcdq-to-quant';
import removeDeadNodes from './remove-dead-nodes';
import removeIdentity from './remove-identity';
import requireLowered from './require-lowered';
import uniqueNames from './unique-names';
import { streamlinePasses } from './streamline/index';
import { hardwarePasses } from './hardware/index';

/** Every built-in pass, one per file. */
export const builtinPasses: PassDefinition[] = [cleanup, foldConstants, inferShapes, removeDeadNodes, removeIdentity, uniqueNames, qcdqToQuant, pushQuantThroughDataMovement, inlineScanConstants, insertCellQuantizers, inferDatatypes, normalizeOpset, freezeInitializerInputs, annotateMultithresholdOutputs, lowerLstm, lowerRnn, lowerQuantLstmCell, requireLowered, ...streamlinePasses, ...hardwarePasses];
