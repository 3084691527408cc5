import { defineKernel } from '../../kernel';

/** Identity: the output is the input (tensors are never mutated, so no copy is needed). */
export default defineKernel({
  domain: '',
  opType: 'Identity',
  create: () => (inputs) => [inputs[0]],
});
