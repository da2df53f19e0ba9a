import { IConstruct } from 'constructs';
import { Input } from './input';
import { assertOrdered } from './validation';
import { Environment } from '../../environment/environment';

/**
 * Default instance counts and targets of the services that scale (Render web
 * services and workers, Kubernetes apps): the PRD's 1-10 on CPU in production,
 * 1-2 elsewhere (a ceiling that protects a cheap environment and still fits load
 * tests). Each module lets every value be overridden through its `scaling` prop.
 */
export function defaultScaling(env: Environment): { minInstances: number; maxInstances: number; cpuTargetPercent: number } {
  return { minInstances: 1, maxInstances: env.isProduction ? 10 : 2, cpuTargetPercent: 70 };
}

/** A checked `ScalingOptions` with the defaults applied. */
export interface ResolvedScaling {
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly cpuTargetPercent: number;
  readonly memoryTargetPercent?: number;
}

/**
 * Reads a `scaling` prop (`ScalingOptions`) through the input layer and applies
 * the per-environment defaults; `limit` is the platform's most instances.
 */
export function resolveScaling(scope: IConstruct, env: Environment, prop: string, value: unknown, limit: number): ResolvedScaling {
  const input = Input.of(scope, value, prop);
  const defaults = defaultScaling(env);
  const minInstances = input.integer('minInstances', 1, limit) ?? defaults.minInstances;
  const maxInstances = input.integer('maxInstances', 1, limit) ?? Math.max(defaults.maxInstances, minInstances);
  assertOrdered(scope, input.path('minInstances'), minInstances, input.path('maxInstances'), maxInstances);
  const cpuTargetPercent = input.integer('cpuTargetPercent', 1, 100) ?? defaults.cpuTargetPercent;
  const memoryTargetPercent = input.integer('memoryTargetPercent', 1, 100);
  input.done();
  return { minInstances, maxInstances, cpuTargetPercent, memoryTargetPercent };
}
