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
