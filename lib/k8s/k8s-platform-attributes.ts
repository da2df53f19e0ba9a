/**
 * What a workload needs to know about the cluster platform: the ingress
 * controller, the cert-manager issuer, the monitoring stack and the
 * custom-metrics adapter. `K8sPlatform` implements it for the platform it
 * installs; `K8sPlatform.fromPlatformAttributes` describes a platform installed
 * in another stack or some other way. Only plain strings cross this interface,
 * so apps and platform can live in different stacks without cross-stack
 * references.
 */
export interface IK8sPlatform {
  /** IngressClass of the ingress controller. */
  readonly ingressClassName: string;
  /** Namespace of the ingress controller pods (NetworkPolicies allow traffic from it). */
  readonly ingressNamespace: string;
  /** Namespace of Prometheus and Grafana (NetworkPolicies allow scrapes from it; dashboards go there). */
  readonly monitoringNamespace: string;
  /** cert-manager ClusterIssuer that signs Ingress certificates. */
  readonly clusterIssuerName: string;
  /** Custom metric (p95 request latency, seconds) that the adapter serves for each Ingress. */
  readonly ingressLatencyMetric: string;
  /** Label key that makes the Grafana sidecar load a ConfigMap as a dashboard. */
  readonly dashboardLabel: string;
  /**
   * Histograms (without `_bucket`) the adapter serves as per-pod p95 metrics;
   * undefined when not known, and then a `LatencyMetric.pods` histogram is not checked.
   */
  readonly latencyHistograms?: string[];
  /** Custom metric (p95, seconds) that the adapter serves per pod for a histogram the pods expose. */
  podLatencyMetric(histogram: string): string;
}

/** Names of a platform installed elsewhere (`K8sPlatform.fromPlatformAttributes`); the defaults match `K8sPlatform`'s. */
export interface K8sPlatformAttributes {
  /**
   * IngressClass of the ingress controller.
   * @default "nginx"
   */
  readonly ingressClassName?: string;
  /**
   * Namespace of the ingress controller.
   * @default "ingress-nginx"
   */
  readonly ingressNamespace?: string;
  /**
   * Namespace of the monitoring stack.
   * @default "monitoring"
   */
  readonly monitoringNamespace?: string;
  /**
   * cert-manager ClusterIssuer name.
   * @default "letsencrypt"
   */
  readonly clusterIssuerName?: string;
  /**
   * Histograms the platform's prometheus-adapter serves as per-pod p95 metrics
   * (`K8sPlatform`'s `latencyHistograms`).
   * @default - not known: the histogram of a `LatencyMetric.pods` is not checked
   */
  readonly latencyHistograms?: string[];
}
