import type { KernelDefinition } from '../kernel';

/**
 * One kernel definition per opset version at which an op's specification changed (`sinces`), all
 * sharing `create`; version-dependent behaviour reads `ctx.opset` inside `create`.
 */
export function defineKernelVersions(base: Omit<KernelDefinition, 'since'>, sinces: readonly number[]): KernelDefinition[] {
  return sinces.map((since) => ({ ...base, since }));
}
