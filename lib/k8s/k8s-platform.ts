import { Release, ReleaseSetSensitive } from '@cdktf/provider-helm/lib/release';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AlertRoutingOptions } from './alert-routing';
import { IK8sPlatform, K8sPlatformAttributes } from './k8s-platform-attributes';
import { readAlertRouting, SECRET_NAME } from './private/alertmanager-config';
import { PINNED_CHARTS, readChartVersions } from './private/chart-versions';
import { CLUSTER, claimName } from './private/claims';
import { checkIngressSourceRanges } from './private/exposure';
import { assertNamespaceName } from './private/names';
import { isK8sPlatform, K8S_PLATFORM_SYMBOL, PLATFORM_DEFAULTS, podLatencyMetricName, readPlatformNames } from './private/platform-defaults';
import { argoRolloutsValues, certManagerValues, ingressNginxValues, kubePrometheusStackValues, prometheusAdapterValues } from './private/platform-values';
import { ensureHelmProvider, ensureKubernetesProvider } from './private/providers';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Overrides of the pinned chart versions (each an exact version, never a range). */
export interface ChartVersions {
  /** @default "4.14.1" */
  readonly ingressNginx?: string;
  /** @default "v1.18.2" */
  readonly certManager?: string;
  /** @default "80.7.0" */
  readonly kubePrometheusStack?: string;
  /** @default "5.2.0" */
  readonly prometheusAdapter?: string;
  /** @default "2.41.0" (controller v1.9.0) */
  readonly argoRollouts?: string;
}

/** Props of `K8sPlatform`. */
export interface K8sPlatformProps {
  /** @default "ingress-nginx" */
  readonly ingressNamespace?: string;
  /** @default "cert-manager" */
  readonly certManagerNamespace?: string;
  /** @default "monitoring" */
  readonly monitoringNamespace?: string;
  /** @default "argo-rollouts" */
  readonly rolloutsNamespace?: string;
  /** @default "nginx" */
  readonly ingressClassName?: string;
  /**
   * Name of the ClusterIssuer the apps' Ingresses ask cert-manager for (create it with `AcmeClusterIssuer`).
   * @default "letsencrypt"
   */
  readonly clusterIssuerName?: string;
  /**
   * Source CIDRs (IPv4 or IPv6) allowed through the ingress controller's
   * LoadBalancer, for example Cloudflare's ranges when the zone is proxied. An
   * internet-wide entry (0.0.0.0/0, a public /8, 2000::/3, ...) is refused: it
   * would undo the restriction.
   * @default - open: the controller is the public HTTPS entry point
   */
  readonly ingressSourceRanges?: string[];
  /**
   * Replicas of the ingress controller and the metrics adapter (1-10).
   * @default - 2 in production, 1 elsewhere
   */
  readonly replicas?: number;
  /**
   * Histograms (names without `_bucket`) the pods expose and the adapter turns
   * into per-pod p95 metrics `<name>_p95` for `LatencyMetric.pods`.
   * @default ["http_request_duration_seconds"]
   */
  readonly latencyHistograms?: string[];
  /**
   * Days Prometheus keeps samples (1-365).
   * @default - 15 in production, 7 elsewhere
   */
  readonly prometheusRetentionDays?: number;
  /**
   * Persistent volume size of Prometheus.
   * @default - "50Gi" in production, none (emptyDir) elsewhere
   */
  readonly prometheusStorageSize?: string;
  /**
   * gzip and brotli compression of responses by ingress-nginx (text, JSON,
   * JavaScript, CSS and SVG over 1 KiB). Turn it off for apps that reflect user
   * input next to secrets in one response body (the BREACH attack on
   * compressed TLS), or that compress their responses themselves.
   * @default true
   */
  readonly compression?: boolean;
  /**
   * Alertmanager receivers and severity routing (critical pages the on-call,
   * warning goes to chat), credentials as Kubernetes Secret files.
   * @default - kube-prometheus-stack's default: every alert to the "null" receiver, so nobody hears of it
   */
  readonly alerting?: AlertRoutingOptions;
  /**
   * Run the Argo Rollouts dashboard: read-only, ClusterIP only (it has no login
   * of its own; reach it with `kubectl port-forward`).
   * @default false
   */
  readonly rolloutsDashboard?: boolean;
  /**
   * Grafana admin password.
   * @default - the sensitive variable `grafana_admin_password`
   */
  readonly grafanaAdminPassword?: SecretValue;
  /**
   * Chart version overrides (exact versions).
   * @default - the versions this release of the library pins (docs/k8s.md lists them)
   */
  readonly chartVersions?: ChartVersions;
  /**
   * The environment whose defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * The cluster platform the apps rely on, as pinned Helm releases with typed
 * values: ingress-nginx (IngressClass "nginx", snippets off, TLS 1.2+, HSTS,
 * gzip/brotli, metrics), cert-manager (with CRDs), kube-prometheus-stack
 * (Prometheus picks up every rule and monitor, Grafana loads labelled
 * dashboards, Alertmanager routes by severity to the `alerting` receivers),
 * prometheus-adapter (serves the latency metrics of the HPAs) and Argo Rollouts
 * (with CRDs and metrics; runs the canaries of `K8sReadyApp`'s
 * `progressiveDelivery`). Each chart gets its own namespace with a Pod Security
 * level it can meet.
 *
 * The ClusterIssuer, alert rules and monitors are CRD objects
 * (`kubernetes_manifest`), which Terraform can only plan once the CRDs exist:
 * put them in a second stack that depends on this one (see docs/k8s.md), and
 * describe the platform there with `K8sPlatform.fromPlatformAttributes`.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sPlatform, SecretValue } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'platform', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * new K8sPlatform(stack, 'Platform', {
 *   ingressSourceRanges: ['173.245.48.0/20', '103.21.244.0/22', '2400:cb00::/32'],
 *   latencyHistograms: ['http_request_duration_seconds'],
 *   alerting: {
 *     receivers: [
 *       { name: 'oncall', pagerDuty: { routingKey: SecretValue.fromVariable(stack, 'pagerduty_routing_key') } },
 *       { name: 'chat', slack: { webhookUrl: SecretValue.fromVariable(stack, 'slack_webhook_url'), channel: '#alerts' } },
 *     ],
 *     criticalReceiver: 'oncall',
 *     warningReceiver: 'chat',
 *   },
 * });
 * app.synth();
 */
export class K8sPlatform extends Construct implements IK8sPlatform {
  /** True when `x` is an IK8sPlatform of the library: a K8sPlatform or an imported one (works across copies of the library). */
  public static isK8sPlatform(x: any): x is IK8sPlatform {
    return isK8sPlatform(x);
  }

  /**
   * A platform installed in another stack or some other way, by its names
   * (only plain strings: no cross-stack reference). Nothing is created.
   */
  public static fromPlatformAttributes(scope: Construct, id: string, attrs: K8sPlatformAttributes = {}): IK8sPlatform {
    return new ImportedK8sPlatform(scope, id, attrs);
  }

  public readonly ingressClassName: string;
  public readonly ingressNamespace: string;
  public readonly certManagerNamespace: string;
  public readonly monitoringNamespace: string;
  /** Namespace of the Argo Rollouts controller. */
  public readonly rolloutsNamespace: string;
  public readonly clusterIssuerName: string;
  public readonly ingressLatencyMetric: string = PLATFORM_DEFAULTS.ingressLatencyMetric;
  public readonly dashboardLabel: string = PLATFORM_DEFAULTS.dashboardLabel;
  /** Histograms served as per-pod p95 metrics (always set; optional only in the IK8sPlatform contract). */
  public readonly latencyHistograms?: string[];
  /** The `helm_release` of ingress-nginx. */
  public readonly ingressNginx: Release;
  /** The `helm_release` of cert-manager. */
  public readonly certManager: Release;
  /** The `helm_release` of kube-prometheus-stack. */
  public readonly kubePrometheusStack: Release;
  /** The `helm_release` of prometheus-adapter. */
  public readonly prometheusAdapter: Release;
  /** The `helm_release` of Argo Rollouts. */
  public readonly argoRollouts: Release;
  /** The Secret with the Alertmanager receivers' credentials (with `alerting`). */
  public readonly alertmanagerSecret?: SecretV1;

  constructor(scope: Construct, id: string, props: K8sPlatformProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, K8S_PLATFORM_SYMBOL, { value: true });
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const names = readPlatformNames(this, input, ['http_request_duration_seconds']);
    this.ingressClassName = names.ingressClassName;
    this.ingressNamespace = names.ingressNamespace;
    this.monitoringNamespace = names.monitoringNamespace;
    this.clusterIssuerName = names.clusterIssuerName;
    this.latencyHistograms = names.latencyHistograms!;
    this.certManagerNamespace = input.string('certManagerNamespace') ?? PLATFORM_DEFAULTS.certManagerNamespace;
    assertNamespaceName(this, 'certManagerNamespace', this.certManagerNamespace);
    this.rolloutsNamespace = input.string('rolloutsNamespace') ?? PLATFORM_DEFAULTS.rolloutsNamespace;
    assertNamespaceName(this, 'rolloutsNamespace', this.rolloutsNamespace);
    const sourceRanges = input.stringList('ingressSourceRanges', { minItems: 1, unique: true });
    if (sourceRanges) checkIngressSourceRanges(this, 'ingressSourceRanges', sourceRanges);
    const replicas = input.integer('replicas', 1, 10) ?? (env.isProduction ? 2 : 1);
    const retentionDays = input.integer('prometheusRetentionDays', 1, 365) ?? (env.isProduction ? 15 : 7);
    const storageSize = input.string('prometheusStorageSize', { pattern: /^\d+(Mi|Gi|Ti)$/, allowed: 'a volume size such as "50Gi"' }) ?? (env.isProduction ? '50Gi' : undefined);
    const password = input.secret('grafanaAdminPassword') ?? SecretValue.fromVariable(this, 'grafana_admin_password', 'Grafana admin password (sensitive)');
    const versions = readChartVersions(input.object('chartVersions'));
    const compression = input.boolean('compression') ?? true;
    const alerting = readAlertRouting(this, input);
    const rolloutsDashboard = input.boolean('rolloutsDashboard') ?? false;
    input.done();
    claimName(this, 'ingressNamespace', CLUSTER, 'Namespace', this.ingressNamespace);
    claimName(this, 'certManagerNamespace', CLUSTER, 'Namespace', this.certManagerNamespace);
    claimName(this, 'monitoringNamespace', CLUSTER, 'Namespace', this.monitoringNamespace);
    claimName(this, 'rolloutsNamespace', CLUSTER, 'Namespace', this.rolloutsNamespace);

    const k8s = ensureKubernetesProvider(this);
    const helm = ensureHelmProvider(this);
    // Pod Security levels each chart meets: node-exporter needs host namespaces (privileged);
    // the controller binds low ports (baseline); cert-manager runs restricted.
    const ingressNs = this.namespace('IngressNamespace', k8s, this.ingressNamespace, 'baseline', env);
    const certNs = this.namespace('CertManagerNamespace', k8s, this.certManagerNamespace, 'restricted', env);
    const monitoringNs = this.namespace('MonitoringNamespace', k8s, this.monitoringNamespace, 'privileged', env);
    // The controller (and the dashboard, when on) runs as non-root with a read-only root filesystem: restricted.
    const rolloutsNs = this.namespace('RolloutsNamespace', k8s, this.rolloutsNamespace, 'restricted', env);

    // The receivers' credentials, mounted into Alertmanager as files (never in the chart values).
    if (alerting) {
      this.alertmanagerSecret = new SecretV1(this, 'AlertmanagerSecret', {
        provider: k8s,
        metadata: { name: SECRET_NAME, namespace: monitoringNs.metadata.name, labels: { 'app.kubernetes.io/part-of': env.project, 'app.kubernetes.io/managed-by': 'cdktf' } },
        type: 'Opaque',
        data: alerting.secretData,
      });
    }
    this.kubePrometheusStack = this.release('KubePrometheusStack', helm, 'kubePrometheusStack', versions, monitoringNs,
      kubePrometheusStackValues({
        retentionDays,
        storageSize,
        dashboardLabel: this.dashboardLabel,
        monitoringNamespace: this.monitoringNamespace,
        alertmanagerConfig: alerting?.config,
        alertmanagerSecrets: alerting ? [SECRET_NAME] : undefined,
      }),
      this.alertmanagerSecret ? [this.alertmanagerSecret] : [], [{ name: 'grafana.adminPassword', value: password.value }]);

    // Both charts create ServiceMonitors, whose CRD kube-prometheus-stack installs.
    this.ingressNginx = this.release('IngressNginx', helm, 'ingressNginx', versions, ingressNs,
      ingressNginxValues({ ingressClassName: this.ingressClassName, replicas, sourceRanges, compression }), [this.kubePrometheusStack]);
    this.certManager = this.release('CertManager', helm, 'certManager', versions, certNs, certManagerValues(), [this.kubePrometheusStack]);
    this.prometheusAdapter = this.release('PrometheusAdapter', helm, 'prometheusAdapter', versions, monitoringNs,
      prometheusAdapterValues({
        replicas,
        monitoringNamespace: this.monitoringNamespace,
        ingressLatencyMetric: this.ingressLatencyMetric,
        histograms: names.latencyHistograms!.map((histogram) => ({ histogram, metric: podLatencyMetricName(histogram) })),
      }), [this.kubePrometheusStack]);
    // Its ServiceMonitor needs kube-prometheus-stack's CRDs.
    this.argoRollouts = this.release('ArgoRollouts', helm, 'argoRollouts', versions, rolloutsNs,
      argoRolloutsValues({ replicas, dashboard: rolloutsDashboard }), [this.kubePrometheusStack]);
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
  private release(id: string, provider: TerraformProvider, key: keyof typeof PINNED_CHARTS, versions: { [chart in keyof typeof PINNED_CHARTS]: string }, namespace: NamespaceV1,
    values: object, dependsOn: Array<Release | SecretV1> = [], setSensitive?: ReleaseSetSensitive[]): Release {
    const chart = PINNED_CHARTS[key];
    return new Release(this, id, {
      provider,
      name: chart.chart,
      repository: chart.repository,
      chart: chart.chart,
      version: versions[key],
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

/** A platform installed elsewhere: names only. */
class ImportedK8sPlatform extends Construct implements IK8sPlatform {
  public readonly ingressClassName: string;
  public readonly ingressNamespace: string;
  public readonly monitoringNamespace: string;
  public readonly clusterIssuerName: string;
  public readonly ingressLatencyMetric: string = PLATFORM_DEFAULTS.ingressLatencyMetric;
  public readonly dashboardLabel: string = PLATFORM_DEFAULTS.dashboardLabel;
  public readonly latencyHistograms?: string[];

  constructor(scope: Construct, id: string, attrs: K8sPlatformAttributes) {
    super(scope, id);
    Object.defineProperty(this, K8S_PLATFORM_SYMBOL, { value: true });
    const input = Input.of(this, attrs);
    const names = readPlatformNames(this, input);
    input.done();
    this.ingressClassName = names.ingressClassName;
    this.ingressNamespace = names.ingressNamespace;
    this.monitoringNamespace = names.monitoringNamespace;
    this.clusterIssuerName = names.clusterIssuerName;
    this.latencyHistograms = names.latencyHistograms;
  }

  public podLatencyMetric(histogram: string): string {
    return podLatencyMetricName(histogram);
  }
}
