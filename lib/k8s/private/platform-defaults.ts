import { IConstruct } from 'constructs';
import { assertNamespaceName, HISTOGRAM_PATTERN } from './names';
import { Input } from '../../core/private/input';
import { IK8sPlatform } from '../k8s-platform-attributes';

/** Marks IK8sPlatform implementations of the library (works across copies of the library). */
export const K8S_PLATFORM_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.K8sPlatform');

/** Default names shared by `K8sPlatform`, imported platforms and the workloads. */
export const PLATFORM_DEFAULTS = {
  ingressClassName: 'nginx',
  ingressNamespace: 'ingress-nginx',
  certManagerNamespace: 'cert-manager',
  monitoringNamespace: 'monitoring',
  rolloutsNamespace: 'argo-rollouts',
  clusterIssuerName: 'letsencrypt',
  ingressLatencyMetric: 'nginx_ingress_request_duration_p95_seconds',
  dashboardLabel: 'grafana_dashboard',
};

/** Lowercase DNS subdomain: IngressClass and ClusterIssuer names. */
export const DNS_SUBDOMAIN_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Name of the per-pod p95 metric the adapter derives from `<histogram>_bucket`. */
export function podLatencyMetricName(histogram: string): string {
  return `${histogram}_p95`;
}

/** The plain names of a platform, checked. */
export interface PlatformNames {
  readonly ingressClassName: string;
  readonly ingressNamespace: string;
  readonly monitoringNamespace: string;
  readonly clusterIssuerName: string;
  readonly latencyHistograms?: string[];
}

/** Reads the names `K8sPlatform` and `fromPlatformAttributes` share (the input is not finished here). */
export function readPlatformNames(scope: IConstruct, input: Input, histogramsDefault?: string[]): PlatformNames {
  const ingressClassName = input.string('ingressClassName', { pattern: DNS_SUBDOMAIN_PATTERN, allowed: 'an IngressClass name (lowercase DNS subdomain)' }) ?? PLATFORM_DEFAULTS.ingressClassName;
  const ingressNamespace = input.string('ingressNamespace') ?? PLATFORM_DEFAULTS.ingressNamespace;
  assertNamespaceName(scope, input.path('ingressNamespace'), ingressNamespace);
  const monitoringNamespace = input.string('monitoringNamespace') ?? PLATFORM_DEFAULTS.monitoringNamespace;
  assertNamespaceName(scope, input.path('monitoringNamespace'), monitoringNamespace);
  const clusterIssuerName = input.string('clusterIssuerName', { pattern: DNS_SUBDOMAIN_PATTERN, allowed: 'a ClusterIssuer name (lowercase DNS subdomain)' }) ?? PLATFORM_DEFAULTS.clusterIssuerName;
  const latencyHistograms = input.stringList('latencyHistograms', { unique: true, pattern: HISTOGRAM_PATTERN, allowed: 'a Prometheus metric name without "_bucket"' }) ?? histogramsDefault;
  return { ingressClassName, ingressNamespace, monitoringNamespace, clusterIssuerName, latencyHistograms };
}

/** The platform of workloads created without one: the defaults, matching `K8sPlatform`'s. */
export function defaultPlatform(): IK8sPlatform {
  const platform: IK8sPlatform = {
    ingressClassName: PLATFORM_DEFAULTS.ingressClassName,
    ingressNamespace: PLATFORM_DEFAULTS.ingressNamespace,
    monitoringNamespace: PLATFORM_DEFAULTS.monitoringNamespace,
    clusterIssuerName: PLATFORM_DEFAULTS.clusterIssuerName,
    ingressLatencyMetric: PLATFORM_DEFAULTS.ingressLatencyMetric,
    dashboardLabel: PLATFORM_DEFAULTS.dashboardLabel,
    podLatencyMetric: podLatencyMetricName,
  };
  Object.defineProperty(platform, K8S_PLATFORM_SYMBOL, { value: true });
  return platform;
}

/** True when `x` is an IK8sPlatform of the library (K8sPlatform, imported or default). */
export function isK8sPlatform(x: unknown): x is IK8sPlatform {
  return x !== null && typeof x === 'object' && K8S_PLATFORM_SYMBOL in (x as object);
}

/** What a `platform` prop accepts, for messages. */
export const PLATFORM_ALLOWED = 'an IK8sPlatform: a K8sPlatform, or K8sPlatform.fromPlatformAttributes(scope, id, { ... }) for one installed elsewhere';
