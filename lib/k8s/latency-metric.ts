/**
 * The request-latency metric a HorizontalPodAutoscaler scales on, next to CPU
 * (PRD 11.5: "HPA basado en CPU y latencia"). Both kinds are custom metrics that
 * prometheus-adapter (installed by `K8sPlatform`) computes as a p95 in seconds.
 *
 * @example
 * LatencyMetric.ingress(400);                              // web service behind ingress-nginx
 * LatencyMetric.pods('ai_inference_duration_seconds', 5000); // worker exposing its own histogram
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
   * histogram in `K8sPlatform`'s `latencyHistograms`.
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
  ) {}

  /** The target as a Kubernetes quantity in seconds ("500m" = 0.5 s). */
  public get targetQuantity(): string {
    return `${this.targetMilliseconds}m`;
  }
}
