import type { PassDefinition } from '../../pass';
import absorbAddIntoMultithreshold from './absorb-add-into-multithreshold';
import absorbMulIntoMultithreshold from './absorb-mul-into-multithreshold';
import collapseRepeatedAdd from './collapse-repeated-add';
import collapseRepeatedMul from './collapse-repeated-mul';
import extractConvBias from './extract-conv-bias';
import foldQuantWeights from './fold-quant-weights';
import integerizeScanState from './integerize-scan-state';
import minimizeWidths from './minimize-widths';
import moveMulIntoScan from './move-mul-into-scan';
import moveMulPastAdd from './move-mul-past-add';
import moveMulPastConv from './move-mul-past-conv';
import moveMulPastFork from './move-mul-past-fork';
import moveMulPastInvariants from './move-mul-past-invariants';
import moveMulPastMatmul from './move-mul-past-matmul';
import moveMulPastMul from './move-mul-past-mul';
import quantToMultithreshold from './quant-to-multithreshold';
import quantizeCellBoundary from './quantize-cell-boundary';
import roundThresholds from './round-thresholds';
import scanChannelLayout from './scan-channel-layout';
import streamline from './streamline';
import subToAdd from './sub-to-add';
import gridProductIntoMultithreshold from './grid-product-into-multithreshold';

/** The streamlining passes (the `streamlined` stage), one per file. */
export const streamlinePasses: PassDefinition[] = [
  quantizeCellBoundary,
  scanChannelLayout,
  extractConvBias,
  foldQuantWeights,
  quantToMultithreshold,
  subToAdd,
  moveMulPastFork,
  moveMulPastInvariants,
  gridProductIntoMultithreshold,
  moveMulPastMatmul,
  moveMulPastConv,
  moveMulPastMul,
  moveMulPastAdd,
  collapseRepeatedMul,
  collapseRepeatedAdd,
  absorbAddIntoMultithreshold,
  absorbMulIntoMultithreshold,
  moveMulIntoScan,
  integerizeScanState,
  streamline,
  roundThresholds,
  minimizeWidths,
];
