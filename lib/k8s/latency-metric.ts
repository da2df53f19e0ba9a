import { brandEnumLike } from '../core/private/enum-like';

/**
 * The request-latency metric a HorizontalPodAutoscaler scales on, next to the
 * CPU target of `scaling`. Both kinds are custom metrics that prometheus-adapter
 * (installed by `K8sPlatform`) computes as a p95 in seconds.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, LatencyMetric } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * // A web service behind ingress-nginx: p95 under 400 ms.
 * new K8sReadyApp(stack, 'Web', {
 *   name: 'web',
 *   image: { repository: 'ghcr.io/acme/web', tag: '2.0.0' },
 *   port: 3000,
 *   ingress: { hosts: ['app.example.com'] },
 *   latencyMetric: LatencyMetric.ingress(400),
 * });
 * // A worker exposing its own histogram (served by the platform's prometheus-adapter).
 * new K8sReadyApp(stack, 'Worker', {
 *   name: 'worker',
 *   image: { repository: 'ghcr.io/acme/worker', tag: '2.0.0' },
 *   port: 8001,
 *   metrics: { port: 9100 },
 *   latencyMetric: LatencyMetric.pods('jobs_duration_seconds', 5000),
 * });
 * app.synth();
 */
export class LatencyMetric {
  /** Source value of `ingress()`. */
  public static readonly INGRESS = 'Ingress';
  /** Source value of `pods()`. */
  public static readonly PODS = 'Pods';

  /**
   * p95 latency that ingress-nginx measures for the app's Ingress: an `Object`
   * metric, so the app needs no instrumentation. Requires `ingress` on the app.
   * @param targetMilliseconds p95 latency the HPA keeps the app under
   */
  public static ingress(targetMilliseconds: number = 500): LatencyMetric {
    return new LatencyMetric(LatencyMetric.INGRESS, targetMilliseconds);
  }

  /**
   * p95 of a histogram the pods expose themselves (`<histogram>_bucket`): a
   * `Pods` metric, for workloads without an Ingress such as background workers.
   * Requires `metrics` on the app (so Prometheus scrapes the pods) and the
   * histogram in `K8sPlatform`'s `latencyHistograms` (checked when the app's
   * platform knows its histograms).
   * @param histogram metric family name without `_bucket`, e.g. "ai_inference_duration_seconds"
   * @param targetMilliseconds p95 latency the HPA keeps the pods under
   */
  public static pods(histogram: string, targetMilliseconds: number): LatencyMetric {
    return new LatencyMetric(LatencyMetric.PODS, targetMilliseconds, histogram);
  }

  private constructor(
    /** "Ingress" or "Pods". */
    public readonly source: string,
    /** Target p95 latency, milliseconds. */
    public readonly targetMilliseconds: number,
    /** Histogram family (Pods metrics only). */
    public readonly histogram?: string,
  ) {
    brandEnumLike(this, 'LatencyMetric');
  }

  /** The target as a Kubernetes quantity in seconds ("500m" = 0.5 s). */
  public get targetQuantity(): string {
    return `${this.targetMilliseconds}m`;
  }
}
