import { IConstruct } from 'constructs';
import { RENDER_MAX_INSTANCES } from './render-values';
import { defaultScaling } from '../core/private/scaling';
import { assertInteger, assertOrdered } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { WebServiceAutoscaling } from '../providers/render/gen/web-service';

/** Instance count and autoscaling of a web service or background worker. */
export interface ScalingOptions {
  /**
   * Minimum instances.
   * @default 1
   */
  readonly minInstances?: number;
  /**
   * Maximum instances, at most Render's limit of 100.
   * @default - 10 in production, 2 elsewhere
   */
  readonly maxInstances?: number;
  /**
   * Average CPU utilization, percent (1-100), above which Render adds instances.
   * @default 70
   */
  readonly cpuPercent?: number;
  /**
   * Also scale on average memory utilization at this percent (1-100).
   * @default - no memory criterion: CPU only
   */
  readonly memoryPercent?: number;
}

/**
 * Validates scaling and renders it.
 *
 * | min vs max | result |
 * |---|---|
 * | min = max | `num_instances = min`, no autoscaling (nothing to scale) |
 * | min < max | `autoscaling` on CPU (and memory when given); `num_instances` unset, because the autoscaler owns it |
 */
export function renderScaling(
  scope: IConstruct,
  env: Environment,
  options: ScalingOptions = {},
): { numInstances?: number; autoscaling?: WebServiceAutoscaling } {
  const defaults = defaultScaling(env);
  const min = options.minInstances ?? defaults.minInstances;
  const max = options.maxInstances ?? defaults.maxInstances;
  const cpu = options.cpuPercent ?? defaults.cpuTargetPercent;
  assertInteger(scope, 'scaling.minInstances', min, 1, RENDER_MAX_INSTANCES);
  assertInteger(scope, 'scaling.maxInstances', max, 1, RENDER_MAX_INSTANCES);
  assertOrdered(scope, 'scaling.minInstances', min, 'scaling.maxInstances', max);
  assertInteger(scope, 'scaling.cpuPercent', cpu, 1, 100);
  assertInteger(scope, 'scaling.memoryPercent', options.memoryPercent, 1, 100);
  if (min === max) return { numInstances: min };
  return {
    autoscaling: {
      enabled: true,
      min,
      max,
      criteria: {
        cpu: { enabled: true, percentage: cpu },
        memory: options.memoryPercent !== undefined ? { enabled: true, percentage: options.memoryPercent } : undefined,
      },
    },
  };
}
