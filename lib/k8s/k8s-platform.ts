import { Release, ReleaseSetSensitive } from '@cdktf/provider-helm/lib/release';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ChartVersions, chartVersion, PINNED_CHARTS } from './private/chart-versions';
import { assertNamespaceName } from './private/names';
import { IK8sPlatform, PLATFORM_DEFAULTS, podLatencyMetricName } from './platform-conventions';
import { certManagerValues, ingressNginxValues, kubePrometheusStackValues, prometheusAdapterValues } from './private/platform-values';
import { ensureHelmProvider, ensureKubernetesProvider } from './private/providers';
import { assertCidr } from '../core/private/cidr';
import { markLibraryConstruct } from '../core/private/escape';
import { assertInteger, assertMatches } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Props of `K8sPlatform`. */
export interface K8sPlatformProps {
  /** @default "ingress-nginx" */
  readonly ingressNamespace?: string;
  /** @default "cert-manager" */
  readonly certManagerNamespace?: string;
  /** @default "monitoring" */
  readonly monitoringNamespace?: string;
  /** @default "nginx" */
  readonly ingressClassName?: string;
  /**
   * Name of the ClusterIssuer the apps' Ingresses ask cert-manager for (create it with `AcmeClusterIssuer`).
   * @default "letsencrypt"
   */
  readonly clusterIssuerName?: string;
  /**
   * Source CIDRs allowed through the ingress controller's LoadBalancer, for
   * example Cloudflare's ranges when the zone is proxied.
   * @default - open: the controller is the public HTTPS entry point
   */
  readonly ingressSourceRanges?: string[];
  /**
   * Replicas of the ingress controller and the metrics adapter.
   * @default - 2 in production, 1 otherwise
   */
  readonly replicas?: number;
  /**
   * Histograms (names without `_bucket`) the pods expose and the adapter turns
   * into per-pod p95 metrics `<name>_p95` for `LatencyMetric.pods`.
   * @default ["http_request_duration_seconds", "ai_inference_duration_seconds"]
   */
  readonly latencyHistograms?: string[];
  /**
   * Days Prometheus keeps samples.
   * @default - 15 in production, 7 otherwise
   */
  readonly prometheusRetentionDays?: number;
  /**
   * Persistent volume size of Prometheus.
   * @default - "50Gi" in production, none (emptyDir) otherwise
   */
  readonly prometheusStorageSize?: string;
  /**
   * Grafana admin password.
   * @default - the sensitive variable `grafana_admin_password`
   */
  readonly grafanaAdminPassword?: SecretValue;
  /**
   * Chart version overrides (exact versions).
   * @default - the versions pinned in `PINNED_CHARTS`
   */
  readonly chartVersions?: ChartVersions;
  /**
   * The environment whose defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const HISTOGRAM_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * The cluster platform the apps rely on, as pinned Helm releases with typed
 * values: ingress-nginx (IngressClass "nginx", snippets off, TLS 1.2+, HSTS,
 * metrics), cert-manager (with CRDs), kube-prometheus-stack (Prometheus picks
 * up every rule and monitor, Grafana loads labelled dashboards) and
 * prometheus-adapter (serves the latency metrics of the HPAs). Each chart gets
 * its own namespace with a Pod Security level it can meet.
 *
 * The ClusterIssuer, alert rules and monitors are CRD objects
 * (`kubernetes_manifest`), which Terraform can only plan once the CRDs exist:
 * put them in a second stack that depends on this one (see docs/k8s.md).
 *
 * @example
 * const platform = new K8sPlatform(platformStack, 'Platform', { ingressSourceRanges: cloudflareRanges });
 */
export class K8sPlatform extends Construct implements IK8sPlatform {
  public readonly ingressClassName: string;
  public readonly ingressNamespace: string;
  public readonly certManagerNamespace: string;
  public readonly monitoringNamespace: string;
  public readonly clusterIssuerName: string;
  public readonly ingressLatencyMetric: string = PLATFORM_DEFAULTS.ingressLatencyMetric;
  public readonly dashboardLabel: string = PLATFORM_DEFAULTS.dashboardLabel;
  /** Histograms served as per-pod p95 metrics. */
  public readonly latencyHistograms: string[];
  /** The `helm_release` of ingress-nginx. */
  public readonly ingressNginx: Release;
  /** The `helm_release` of cert-manager. */
  public readonly certManager: Release;
  /** The `helm_release` of kube-prometheus-stack. */
  public readonly kubePrometheusStack: Release;
  /** The `helm_release` of prometheus-adapter. */
  public readonly prometheusAdapter: Release;

  constructor(scope: Construct, id: string, props: K8sPlatformProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    this.ingressNamespace = props.ingressNamespace ?? PLATFORM_DEFAULTS.ingressNamespace;
    this.certManagerNamespace = props.certManagerNamespace ?? 'cert-manager';
    this.monitoringNamespace = props.monitoringNamespace ?? PLATFORM_DEFAULTS.monitoringNamespace;
    this.ingressClassName = props.ingressClassName ?? PLATFORM_DEFAULTS.ingressClassName;
    this.clusterIssuerName = props.clusterIssuerName ?? PLATFORM_DEFAULTS.clusterIssuerName;
    assertNamespaceName(this, 'ingressNamespace', this.ingressNamespace);
    assertNamespaceName(this, 'certManagerNamespace', this.certManagerNamespace);
    assertNamespaceName(this, 'monitoringNamespace', this.monitoringNamespace);
    assertMatches(this, 'ingressClassName', this.ingressClassName, /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'an IngressClass name (lowercase DNS subdomain)');
    assertMatches(this, 'clusterIssuerName', this.clusterIssuerName, /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'a ClusterIssuer name (lowercase DNS subdomain)');
    (props.ingressSourceRanges ?? []).forEach((r, i) => assertCidr(this, `ingressSourceRanges[${i}]`, r));
    const replicas = props.replicas ?? (env.isProduction ? 2 : 1);
    assertInteger(this, 'replicas', replicas, 1, 10);
    this.latencyHistograms = props.latencyHistograms ?? ['http_request_duration_seconds', 'ai_inference_duration_seconds'];
    this.latencyHistograms.forEach((h, i) => assertMatches(this, `latencyHistograms[${i}]`, h, HISTOGRAM_PATTERN, 'a Prometheus metric name without "_bucket"'));
    const retentionDays = props.prometheusRetentionDays ?? (env.isProduction ? 15 : 7);
    assertInteger(this, 'prometheusRetentionDays', retentionDays, 1, 365);
    const storageSize = props.prometheusStorageSize ?? (env.isProduction ? '50Gi' : undefined);
    assertMatches(this, 'prometheusStorageSize', storageSize, /^\d+(Mi|Gi|Ti)$/, 'a volume size such as "50Gi"');
    const versions = props.chartVersions ?? {};

    const k8s = ensureKubernetesProvider(this);
    const helm = ensureHelmProvider(this);
    // Pod Security levels each chart meets: node-exporter needs host namespaces (privileged);
    // the controller binds low ports (baseline); cert-manager runs restricted.
    const ingressNs = this.namespace('IngressNamespace', k8s, this.ingressNamespace, 'baseline', env);
    const certNs = this.namespace('CertManagerNamespace', k8s, this.certManagerNamespace, 'restricted', env);
    const monitoringNs = this.namespace('MonitoringNamespace', k8s, this.monitoringNamespace, 'privileged', env);

    const password = props.grafanaAdminPassword ?? SecretValue.fromVariable(this, 'grafana_admin_password', 'Grafana admin password (sensitive)');
    this.kubePrometheusStack = this.release('KubePrometheusStack', helm, 'kubePrometheusStack', versions, monitoringNs,
      kubePrometheusStackValues({ retentionDays, storageSize, dashboardLabel: this.dashboardLabel, monitoringNamespace: this.monitoringNamespace }),
      [], [{ name: 'grafana.adminPassword', value: password.value }]);

    // Both charts create ServiceMonitors, whose CRD kube-prometheus-stack installs.
    this.ingressNginx = this.release('IngressNginx', helm, 'ingressNginx', versions, ingressNs,
      ingressNginxValues({ ingressClassName: this.ingressClassName, replicas, sourceRanges: props.ingressSourceRanges }), [this.kubePrometheusStack]);
    this.certManager = this.release('CertManager', helm, 'certManager', versions, certNs, certManagerValues(), [this.kubePrometheusStack]);
    this.prometheusAdapter = this.release('PrometheusAdapter', helm, 'prometheusAdapter', versions, monitoringNs,
      prometheusAdapterValues({
        replicas,
        monitoringNamespace: this.monitoringNamespace,
        ingressLatencyMetric: this.ingressLatencyMetric,
        histograms: this.latencyHistograms.map((histogram) => ({ histogram, metric: podLatencyMetricName(histogram) })),
      }), [this.kubePrometheusStack]);
  }

  public podLatencyMetric(histogram: string): string {
    return podLatencyMetricName(histogram);
  }

  private namespace(id: string, provider: TerraformProvider, name: string, level: string, env: Environment): NamespaceV1 {
    return new NamespaceV1(this, id, {
      provider,
      metadata: {
        name,
        labels: {
          'app.kubernetes.io/part-of': env.project,
          'app.kubernetes.io/managed-by': 'cdktf',
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
  }

  /**
   * One pinned release: installed atomically (a failed install or upgrade rolls
   * back), waiting for its resources, with bounded history.
   */
  private release(id: string, provider: TerraformProvider, key: keyof ChartVersions, versions: ChartVersions, namespace: NamespaceV1,
    values: object, dependsOn: Release[] = [], setSensitive?: ReleaseSetSensitive[]): Release {
    const chart = PINNED_CHARTS[key];
    return new Release(this, id, {
      provider,
      name: chart.chart,
      repository: chart.repository,
      chart: chart.chart,
      version: chartVersion(this, key, versions),
      namespace: namespace.metadata.name,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 900,
      maxHistory: 10,
      values: [JSON.stringify(values)],
      setSensitive,
      dependsOn,
    });
  }
}
