import type { OpSchema } from '../op-schema';
import { absOps } from './abs';
import { addOps } from './add';
import { andOps } from './and';
import { argMaxOps } from './arg-max';
import { argMinOps } from './arg-min';
import { averagePoolOps } from './average-pool';
import { batchNormalizationOps } from './batch-normalization';
import { castLikeOps } from './cast-like';
import { castOps } from './cast';
import { ceilOps } from './ceil';
import { clipOps } from './clip';
import { concatOps } from './concat';
import { constantOfShapeOps } from './constant-of-shape';
import { constantOps } from './constant';
import { convOps } from './conv';
import { dequantizeLinearOps } from './dequantize-linear';
import { divOps } from './div';
import { dropoutOps } from './dropout';
import { equalOps } from './equal';
import { erfOps } from './erf';
import { expOps } from './exp';
import { expandOps } from './expand';
import { flattenOps } from './flatten';
import { floorOps } from './floor';
import { gatherOps } from './gather';
import { gemmOps } from './gemm';
import { globalAveragePoolOps } from './global-average-pool';
import { globalMaxPoolOps } from './global-max-pool';
import { greaterOrEqualOps } from './greater-or-equal';
import { greaterOps } from './greater';
import { gruOps } from './gru';
import { hardSigmoidOps } from './hard-sigmoid';
import { identityOps } from './identity';
import { leakyReluOps } from './leaky-relu';
import { lessOrEqualOps } from './less-or-equal';
import { lessOps } from './less';
import { logSoftmaxOps } from './log-softmax';
import { logOps } from './log';
import { lstmOps } from './lstm';
import { matMulIntegerOps } from './mat-mul-integer';
import { matMulOps } from './mat-mul';
import { maxPoolOps } from './max-pool';
import { maxOps } from './max';
import { meanOps } from './mean';
import { minOps } from './min';
import { mulOps } from './mul';
import { negOps } from './neg';
import { notOps } from './not';
import { orOps } from './or';
import { padOps } from './pad';
import { powOps } from './pow';
import { quantizeLinearOps } from './quantize-linear';
import { rangeOps } from './range';
import { reciprocalOps } from './reciprocal';
import { reduceMaxOps } from './reduce-max';
import { reduceMeanOps } from './reduce-mean';
import { reduceMinOps } from './reduce-min';
import { reduceProdOps } from './reduce-prod';
import { reduceSumOps } from './reduce-sum';
import { reluOps } from './relu';
import { reshapeOps } from './reshape';
import { rnnOps } from './rnn';
import { roundOps } from './round';
import { scanOps } from './scan';
import { shapeOps } from './shape';
import { sigmoidOps } from './sigmoid';
import { signOps } from './sign';
import { sizeOps } from './size';
import { sliceOps } from './slice';
import { softmaxOps } from './softmax';
import { softplusOps } from './softplus';
import { splitOps } from './split';
import { sqrtOps } from './sqrt';
import { squeezeOps } from './squeeze';
import { subOps } from './sub';
import { sumOps } from './sum';
import { tanhOps } from './tanh';
import { tileOps } from './tile';
import { transposeOps } from './transpose';
import { unsqueezeOps } from './unsqueeze';
import { whereOps } from './where';
import { xorOps } from './xor';

/** The standard ONNX op schemas (domain ''), one op per file, each with one schema per opset where it changed. */
export const onnxOps: OpSchema[] = [
  ...absOps,
  ...addOps,
  ...andOps,
  ...argMaxOps,
  ...argMinOps,
  ...averagePoolOps,
  ...batchNormalizationOps,
  ...castLikeOps,
  ...castOps,
  ...ceilOps,
  ...clipOps,
  ...concatOps,
  ...constantOfShapeOps,
  ...constantOps,
  ...convOps,
  ...dequantizeLinearOps,
  ...divOps,
  ...dropoutOps,
  ...equalOps,
  ...erfOps,
  ...expOps,
  ...expandOps,
  ...flattenOps,
  ...floorOps,
  ...gatherOps,
  ...gemmOps,
  ...globalAveragePoolOps,
  ...globalMaxPoolOps,
  ...greaterOrEqualOps,
  ...greaterOps,
  ...gruOps,
  ...hardSigmoidOps,
  ...identityOps,
  ...leakyReluOps,
  ...lessOrEqualOps,
  ...lessOps,
  ...logSoftmaxOps,
  ...logOps,
  ...lstmOps,
  ...matMulIntegerOps,
  ...matMulOps,
  ...maxPoolOps,
  ...maxOps,
  ...meanOps,
  ...minOps,
  ...mulOps,
  ...negOps,
  ...notOps,
  ...orOps,
  ...padOps,
  ...powOps,
  ...quantizeLinearOps,
  ...rangeOps,
  ...reciprocalOps,
  ...reduceMaxOps,
  ...reduceMeanOps,
  ...reduceMinOps,
  ...reduceProdOps,
  ...reduceSumOps,
  ...reluOps,
  ...reshapeOps,
  ...rnnOps,
  ...roundOps,
  ...scanOps,
  ...shapeOps,
  ...sigmoidOps,
  ...signOps,
  ...sizeOps,
  ...sliceOps,
  ...softmaxOps,
  ...softplusOps,
  ...splitOps,
  ...sqrtOps,
  ...squeezeOps,
  ...subOps,
  ...sumOps,
  ...tanhOps,
  ...tileOps,
  ...transposeOps,
  ...unsqueezeOps,
  ...whereOps,
  ...xorOps,
];
