/**
 * Typed Helm values of the platform charts: only the keys this library sets,
 * named as in each chart's values.yaml. The builders return plain objects that
 * `K8sPlatform` renders to JSON (valid YAML) for `helm_release.values`; secrets
 * never go here but through `set_sensitive`.
 */

/** A prometheus-adapter discovery rule (`rules.custom[]`). */
export interface AdapterRule {
  readonly seriesQuery: string;
  readonly resources: { overrides: { [label: string]: { group?: string; resource: string } } };
  readonly name: { matches: string; as: string };
  readonly metricsQuery: string;
}

/** ingress-nginx values. */
export interface IngressNginxValues {
  readonly controller: {
    readonly replicaCount: number;
    readonly ingressClass: string;
    readonly ingressClassResource: { name: string; enabled: boolean; default: boolean; controllerValue: string };
    readonly allowSnippetAnnotations: boolean;
    readonly config: { [key: string]: string };
    readonly service: { externalTrafficPolicy: string; loadBalancerSourceRanges?: string[] };
    readonly metrics: { enabled: boolean; serviceMonitor: { enabled: boolean } };
    readonly admissionWebhooks: { enabled: boolean };
    readonly podDisruptionBudget?: { enabled: boolean; minAvailable: number };
    readonly resources: { requests: { cpu: string; memory: string } };
  };
}

/** cert-manager values. */
export interface CertManagerValues {
  readonly crds: { enabled: boolean; keep: boolean };
  readonly prometheus: { enabled: boolean; servicemonitor: { enabled: boolean } };
}

/** kube-prometheus-stack values. */
export interface KubePrometheusStackValues {
  readonly fullnameOverride: string;
  readonly prometheus: {
    readonly prometheusSpec: {
      readonly retention: string;
      readonly ruleSelectorNilUsesHelmValues: boolean;
      readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
      readonly podMonitorSelectorNilUsesHelmValues: boolean;
      readonly probeSelectorNilUsesHelmValues: boolean;
      readonly storageSpec?: { volumeClaimTemplate: { spec: { accessModes: string[]; resources: { requests: { storage: string } } } } };
    };
  };
  readonly grafana: {
    readonly 'sidecar': { dashboards: { enabled: boolean; label: string; labelValue: string; searchNamespace: string } };
    readonly 'grafana.ini': { [section: string]: { [key: string]: string | boolean } };
  };
  /** Routing (`config`, the whole alertmanager.yaml) and the Secrets mounted for its credential files. */
  readonly alertmanager?: {
    readonly config: { [key: string]: unknown };
    readonly alertmanagerSpec: { secrets: string[] };
  };
}

/** argo-rollouts values. */
export interface ArgoRolloutsValues {
  readonly installCRDs: boolean;
  readonly keepCRDs: boolean;
  readonly controller: {
    readonly replicas: number;
    readonly metrics: { enabled: boolean; serviceMonitor: { enabled: boolean } };
    readonly resources: { requests: { cpu: string; memory: string } };
  };
  readonly dashboard: {
    readonly enabled: boolean;
    readonly readonly?: boolean;
    readonly service?: { type: string };
    readonly containerSecurityContext?: { [key: string]: unknown };
  };
}

/** prometheus-adapter values. */
export interface PrometheusAdapterValues {
  readonly replicas: number;
  readonly prometheus: { url: string; port: number };
  readonly rules: { default: boolean; custom: AdapterRule[] };
}

/** Service name of Prometheus with `fullnameOverride: kube-prometheus-stack`. */
export const PROMETHEUS_SERVICE = 'kube-prometheus-stack-prometheus';

/**
 * Response compression of the controller: gzip, and brotli for clients that
 * accept it (brotli wins when both are accepted), for the controller's default
 * MIME types (text, JSON, JavaScript, CSS, SVG; never images or video, which are
 * compressed already). Responses under 1 KiB are sent as they are: compressing
 * them saves nothing and costs CPU. Level 5 of gzip (nginx's default is 1) and
 * of brotli (the controller's default is 4) is the usual size/CPU balance.
 */
export const COMPRESSION_CONFIG: { [key: string]: string } = {
  'use-gzip': 'true',
  'gzip-level': '5',
  'gzip-min-length': '1024',
  'enable-brotli': 'true',
  'brotli-level': '5',
  'brotli-min-length': '1024',
};

/** The nginx settings of the controller: TLS 1.2+, HSTS, no version banner, risky annotations refused, compression (unless off). */
export function ingressNginxValues(o: { ingressClassName: string; replicas: number; sourceRanges?: string[]; compression?: boolean }): IngressNginxValues {
  return {
    controller: {
      replicaCount: o.replicas,
      ingressClass: o.ingressClassName,
      ingressClassResource: { name: o.ingressClassName, enabled: true, default: false, controllerValue: 'k8s.io/ingress-nginx' },
      allowSnippetAnnotations: false,
      config: {
        'annotations-risk-level': 'High',
        'ssl-protocols': 'TLSv1.2 TLSv1.3',
        'hsts': 'true',
        'hsts-max-age': '31536000',
        'hsts-include-subdomains': 'true',
        'server-tokens': 'false',
        ...(o.compression === false ? {} : COMPRESSION_CONFIG),
      },
      service: { externalTrafficPolicy: 'Local', loadBalancerSourceRanges: o.sourceRanges },
      metrics: { enabled: true, serviceMonitor: { enabled: true } },
      admissionWebhooks: { enabled: true },
      podDisruptionBudget: o.replicas > 1 ? { enabled: true, minAvailable: 1 } : undefined,
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    },
  };
}

/** cert-manager with its CRDs (kept on uninstall, so certificates survive) and metrics. */
export function certManagerValues(): CertManagerValues {
  return { crds: { enabled: true, keep: true }, prometheus: { enabled: true, servicemonitor: { enabled: true } } };
}

/**
 * Prometheus that picks up every PrometheusRule, ServiceMonitor and PodMonitor
 * (not only those labelled for the release), and Grafana that loads dashboards
 * from labelled ConfigMaps in its own namespace, with sign-up and anonymous
 * access off.
 */
export function kubePrometheusStackValues(o: {
  retentionDays: number;
  storageSize?: string;
  dashboardLabel: string;
  monitoringNamespace: string;
  alertmanagerConfig?: { [key: string]: unknown };
  alertmanagerSecrets?: string[];
}): KubePrometheusStackValues {
  return {
    fullnameOverride: 'kube-prometheus-stack',
    prometheus: {
      prometheusSpec: {
        retention: `${o.retentionDays}d`,
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        storageSpec: o.storageSize
          ? { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.storageSize } } } } }
          : undefined,
      },
    },
    grafana: {
      'sidecar': { dashboards: { enabled: true, label: o.dashboardLabel, labelValue: '1', searchNamespace: o.monitoringNamespace } },
      'grafana.ini': {
        'users': { allow_sign_up: false },
        'auth.anonymous': { enabled: false },
        'security': { cookie_secure: true, disable_gravatar: true },
        'analytics': { reporting_enabled: false, check_for_updates: false },
      },
    },
    alertmanager: o.alertmanagerConfig
      ? { config: o.alertmanagerConfig, alertmanagerSpec: { secrets: o.alertmanagerSecrets ?? [] } }
      : undefined,
  };
}

/** What the restricted Pod Security level requires of a container. */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Argo Rollouts: the controller with its CRDs (kept on uninstall, so Rollouts
 * survive a reinstall), its metrics scraped through a ServiceMonitor, and the
 * dashboard off unless asked for (then read-only, ClusterIP only: reach it with
 * `kubectl port-forward`; it has no login of its own).
 */
export function argoRolloutsValues(o: { replicas: number; dashboard: boolean }): ArgoRolloutsValues {
  return {
    installCRDs: true,
    keepCRDs: true,
    controller: {
      replicas: o.replicas,
      metrics: { enabled: true, serviceMonitor: { enabled: true } },
      resources: { requests: { cpu: '50m', memory: '128Mi' } },
    },
    dashboard: o.dashboard
      ? { enabled: true, readonly: true, service: { type: 'ClusterIP' }, containerSecurityContext: RESTRICTED_CONTAINER }
      : { enabled: false },
  };
}

const P95 = 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (le, <<.GroupBy>>))';

/**
 * The adapter serves only the latency metrics the HPAs use (default rules off):
 * the p95 of ingress-nginx's request histogram per Ingress (its `namespace`
 * label becomes `exported_namespace` when scraped through the ServiceMonitor),
 * and the p95 of each app histogram per pod.
 */
export function prometheusAdapterValues(o: {
  replicas: number;
  monitoringNamespace: string;
  ingressLatencyMetric: string;
  histograms: { histogram: string; metric: string }[];
}): PrometheusAdapterValues {
  const ingressRule: AdapterRule = {
    seriesQuery: 'nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace!="",ingress!=""}',
    resources: { overrides: { exported_namespace: { resource: 'namespace' }, ingress: { group: 'networking.k8s.io', resource: 'ingress' } } },
    name: { matches: '^nginx_ingress_controller_request_duration_seconds_bucket$', as: o.ingressLatencyMetric },
    metricsQuery: P95,
  };
  const podRules: AdapterRule[] = o.histograms.map(({ histogram, metric }) => ({
    seriesQuery: `${histogram}_bucket{namespace!="",pod!=""}`,
    resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
    name: { matches: `^${histogram}_bucket$`, as: metric },
    metricsQuery: P95,
  }));
  return {
    replicas: o.replicas,
    prometheus: { url: `http://${PROMETHEUS_SERVICE}.${o.monitoringNamespace}.svc`, port: 9090 },
    rules: { default: false, custom: [ingressRule, ...podRules] },
  };
}
