import { IConstruct } from 'constructs';
import { RENDER_MAX_INSTANCES } from './values';
import { resolveScaling } from '../../core/private/scaling';
import { Environment } from '../../environment/environment';
import { WebServiceAutoscaling } from '../../providers/render/gen/web-service';

/**
 * Validates a `scaling` prop (ScalingOptions) at prop path `prop` and renders it for Render.
 *
 * | min vs max | result |
 * |---|---|
 * | min = max | `num_instances = min`, no autoscaling (nothing to scale) |
 * | min < max | `autoscaling` on CPU (and memory when given); `num_instances` unset, because the autoscaler owns it |
 */
export function renderScaling(scope: IConstruct, env: Environment, prop: string, value: unknown): { numInstances?: number; autoscaling?: WebServiceAutoscaling } {
  const s = resolveScaling(scope, env, prop, value, RENDER_MAX_INSTANCES);
  if (s.minInstances === s.maxInstances) return { numInstances: s.minInstances };
  return {
    autoscaling: {
      enabled: true,
      min: s.minInstances,
      max: s.maxInstances,
      criteria: {
        cpu: { enabled: true, percentage: s.cpuTargetPercent },
        memory: s.memoryTargetPercent !== undefined ? { enabled: true, percentage: s.memoryTargetPercent } : undefined,
      },
    },
  };
}
