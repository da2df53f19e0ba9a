/**
 * What a workload needs to know about the cluster platform (ingress controller,
 * cert-manager issuer, monitoring stack, custom-metrics adapter). `K8sPlatform`
 * implements it for the platform it installs; `PlatformConventions` describes a
 * platform installed some other way (or in another stack). Only plain strings
 * cross this interface, so apps and platform can live in different stacks
 * without cross-stack references.
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
  /** Label value that makes the Grafana sidecar load a ConfigMap as a dashboard. */
  readonly dashboardLabel: string;
  /** Custom metric (p95, seconds) that the adapter serves per pod for a histogram the pods expose. */
  podLatencyMetric(histogram: string): string;
}

/** Props of `PlatformConventions`. */
export interface PlatformConventionsProps {
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
}

/** Default names shared by `K8sPlatform` and the workloads. */
export const PLATFORM_DEFAULTS = {
  ingressClassName: 'nginx',
  ingressNamespace: 'ingress-nginx',
  monitoringNamespace: 'monitoring',
  clusterIssuerName: 'letsencrypt',
  ingressLatencyMetric: 'nginx_ingress_request_duration_p95_seconds',
  dashboardLabel: 'grafana_dashboard',
};

/** Name of the per-pod p95 metric the adapter derives from `<histogram>_bucket`. */
export function podLatencyMetricName(histogram: string): string {
  return `${histogram}_p95`;
}

/**
 * The platform conventions of a cluster whose platform this library did not
 * install in the same stack (the defaults match `K8sPlatform`).
 *
 * @example
 * new K8sReadyApp(stack, 'Api', { ..., platform: new PlatformConventions({ ingressClassName: 'nginx-internal' }) });
 */
export class PlatformConventions implements IK8sPlatform {
  public readonly ingressClassName: string;
  public readonly ingressNamespace: string;
  public readonly monitoringNamespace: string;
  public readonly clusterIssuerName: string;
  public readonly ingressLatencyMetric: string = PLATFORM_DEFAULTS.ingressLatencyMetric;
  public readonly dashboardLabel: string = PLATFORM_DEFAULTS.dashboardLabel;

  constructor(props: PlatformConventionsProps = {}) {
    this.ingressClassName = props.ingressClassName ?? PLATFORM_DEFAULTS.ingressClassName;
    this.ingressNamespace = props.ingressNamespace ?? PLATFORM_DEFAULTS.ingressNamespace;
    this.monitoringNamespace = props.monitoringNamespace ?? PLATFORM_DEFAULTS.monitoringNamespace;
    this.clusterIssuerName = props.clusterIssuerName ?? PLATFORM_DEFAULTS.clusterIssuerName;
  }

  public podLatencyMetric(histogram: string): string {
    return podLatencyMetricName(histogram);
  }
}
