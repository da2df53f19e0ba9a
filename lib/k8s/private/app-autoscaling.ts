import { HorizontalPodAutoscalerV2, HorizontalPodAutoscalerV2SpecMetric } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ResolvedScaling } from '../../core/private/scaling';
import { IK8sPlatform } from '../k8s-platform-attributes';
import { LatencyMetric } from '../latency-metric';

/** Inputs of the HPA of one Deployment. */
export interface AutoscalingInput {
  readonly provider: TerraformProvider;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  /** Name of the HPA and of the workload it scales. */
  readonly deploymentName: string;
  /** The workload the HPA scales: the Deployment, or the app's Argo Rollout. */
  readonly target?: { apiVersion: string; kind: string };
  readonly scaling: ResolvedScaling;
  readonly latency: LatencyMetric;
  /** Name of the Ingress an `Ingress` latency metric describes. */
  readonly ingressName?: string;
  readonly platform: IK8sPlatform;
  readonly scaleDownStabilizationSeconds: number;
}

/**
 * The metrics of every HPA of the library: average CPU utilization of the
 * requests, p95 request latency (an Object metric on the Ingress, or a Pods
 * metric from the app's own histogram), and average memory utilization when
 * `scaling.memoryTargetPercent` is set. The HPA scales to whichever asks for more.
 */
function renderMetrics(input: AutoscalingInput): HorizontalPodAutoscalerV2SpecMetric[] {
  const cpu: HorizontalPodAutoscalerV2SpecMetric = {
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: input.scaling.cpuTargetPercent } },
  };
  const memory: HorizontalPodAutoscalerV2SpecMetric[] = input.scaling.memoryTargetPercent === undefined ? [] : [{
    type: 'Resource',
    resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: input.scaling.memoryTargetPercent } },
  }];
  const latency: HorizontalPodAutoscalerV2SpecMetric = input.latency.source === LatencyMetric.INGRESS
    ? {
      type: 'Object',
      object: {
        describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: input.ingressName! },
        metric: { name: input.platform.ingressLatencyMetric },
        target: { type: 'Value', value: input.latency.targetQuantity },
      },
    }
    : {
      type: 'Pods',
      pods: {
        metric: { name: input.platform.podLatencyMetric(input.latency.histogram!) },
        target: { type: 'AverageValue', averageValue: input.latency.targetQuantity },
      },
    };
  return [cpu, latency, ...memory];
}

/**
 * HorizontalPodAutoscaler v2 with explicit behaviour: scale up at once (double,
 * or +4 pods, per minute, whichever is more) because latency already hurts;
 * scale down slowly (after the stabilization window, at most half or 2 pods a
 * minute, whichever is less) so a short lull does not drop capacity.
 */
export function createAutoscaler(scope: Construct, id: string, input: AutoscalingInput): HorizontalPodAutoscalerV2 {
  return new HorizontalPodAutoscalerV2(scope, id, {
    provider: input.provider,
    metadata: { name: input.deploymentName, namespace: input.namespace, labels: input.labels },
    spec: {
      scaleTargetRef: { ...(input.target ?? { apiVersion: 'apps/v1', kind: 'Deployment' }), name: input.deploymentName },
      minReplicas: input.scaling.minInstances,
      maxReplicas: input.scaling.maxInstances,
      metric: renderMetrics(input),
      behavior: {
        scaleUp: [{
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policy: [{ type: 'Percent', value: 100, periodSeconds: 60 }, { type: 'Pods', value: 4, periodSeconds: 60 }],
        }],
        scaleDown: [{
          stabilizationWindowSeconds: input.scaleDownStabilizationSeconds,
          selectPolicy: 'Min',
          policy: [{ type: 'Percent', value: 50, periodSeconds: 60 }, { type: 'Pods', value: 2, periodSeconds: 60 }],
        }],
      },
    },
  });
}

/** A PodDisruptionBudget over the stable pods: drains take at most `maxUnavailable` at once. */
export function createDisruptionBudget(scope: Construct, id: string, provider: TerraformProvider, namespace: string, name: string,
  labels: { [key: string]: string }, selector: { [key: string]: string }, maxUnavailable: number): PodDisruptionBudgetV1 {
  return new PodDisruptionBudgetV1(scope, id, {
    provider,
    metadata: { name, namespace, labels },
    spec: { maxUnavailable: String(maxUnavailable), selector: { matchLabels: selector } },
  });
}
