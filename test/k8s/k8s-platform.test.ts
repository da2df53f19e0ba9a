import { errorMessage } from './support';
import { Environment, K8sPlatform, K8sPlatformProps, K8sReadyApp, LatencyMetric, SecretValue } from '../../lib';
import { PINNED_CHARTS } from '../../lib/k8s/private/chart-versions';
import { Template, environmentStack } from '../support/template';

function platform(props: K8sPlatformProps = {}, env?: Environment): Template {
  const stack = environmentStack(env);
  new K8sPlatform(stack, 'Platform', props);
  return Template.of(stack);
}

function release(t: Template, chart: string): any {
  const r = t.resourceList('helm_release').find((x) => x.chart === chart);
  return { ...r, parsedValues: JSON.parse(r.values[0]) };
}

describe('K8sPlatform', () => {
  const t = platform({ latencyHistograms: ['http_request_duration_seconds', 'ai_inference_duration_seconds'] }, Environment.production({ project: 'livestreamsell' }));

  test('installs five pinned charts from their official repositories, atomically', () => {
    expect(t.resourceList('helm_release').map((r) => `${r.chart}@${r.version}`).sort()).toEqual([
      'argo-rollouts@2.41.0',
      'cert-manager@v1.18.2',
      'ingress-nginx@4.14.1',
      'kube-prometheus-stack@80.7.0',
      'prometheus-adapter@5.2.0',
    ]);
    for (const r of t.resourceList('helm_release')) {
      expect(r.repository).toMatch(/^https:\/\//);
      expect(r).toMatchObject({ atomic: true, cleanup_on_fail: true, wait: true, create_namespace: false, max_history: 10 });
      expect(r.namespace).toMatch(/kubernetes_namespace_v1\..*\.metadata\[0\]\.name/);
    }
    expect(PINNED_CHARTS.ingressNginx.version).toBe('4.14.1');
  });

  test('gives each chart a namespace with the Pod Security level it can meet', () => {
    const levels = Object.fromEntries(t.resourceList('kubernetes_namespace_v1').map((n) => [n.metadata.name, n.metadata.labels['pod-security.kubernetes.io/enforce']]));
    expect(levels).toEqual({ 'ingress-nginx': 'baseline', 'cert-manager': 'restricted', 'monitoring': 'privileged', 'argo-rollouts': 'restricted' });
  });

  test('installs Argo Rollouts with its CRDs, its metrics scraped through a ServiceMonitor, and no dashboard', () => {
    const r = release(t, 'argo-rollouts');
    expect(r.repository).toBe('https://argoproj.github.io/argo-helm');
    expect(r.parsedValues).toEqual({
      installCRDs: true,
      keepCRDs: true,
      controller: { replicas: 2, metrics: { enabled: true, serviceMonitor: { enabled: true } }, resources: { requests: { cpu: '50m', memory: '128Mi' } } },
      dashboard: { enabled: false },
    });
    // The ServiceMonitor's CRD comes with kube-prometheus-stack.
    expect(r.depends_on).toEqual([expect.stringMatching(/^helm_release\.Platform_KubePrometheusStack_/)]);
  });

  test('runs the Argo Rollouts dashboard on request: read-only, ClusterIP, restricted', () => {
    const v = release(platform({ rolloutsDashboard: true, rolloutsNamespace: 'rollouts' }), 'argo-rollouts');
    expect(v.parsedValues.dashboard).toEqual({
      enabled: true,
      readonly: true,
      service: { type: 'ClusterIP' },
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(v.namespace).toMatch(/Platform_RolloutsNamespace_/);
  });

  test('turns on gzip and brotli compression in ingress-nginx, unless told not to', () => {
    expect(release(t, 'ingress-nginx').parsedValues.controller.config).toMatchObject({
      'use-gzip': 'true', 'gzip-level': '5', 'gzip-min-length': '1024', 'enable-brotli': 'true', 'brotli-level': '5', 'brotli-min-length': '1024',
    });
    const off = release(platform({ compression: false }), 'ingress-nginx').parsedValues.controller.config;
    expect(Object.keys(off).filter((k) => /gzip|brotli/.test(k))).toEqual([]);
  });

  test('hardens ingress-nginx: no snippets, TLS 1.2+, HSTS, metrics for the adapter', () => {
    const v = release(t, 'ingress-nginx').parsedValues.controller;
    expect(v.allowSnippetAnnotations).toBe(false);
    expect(v.config).toMatchObject({ 'annotations-risk-level': 'High', 'ssl-protocols': 'TLSv1.2 TLSv1.3', 'hsts': 'true', 'server-tokens': 'false' });
    expect(v.ingressClassResource).toMatchObject({ name: 'nginx', default: false });
    expect(v.metrics).toEqual({ enabled: true, serviceMonitor: { enabled: true } });
    expect(v.replicaCount).toBe(2);
    expect(v.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    expect(release(t, 'ingress-nginx').depends_on).toEqual([expect.stringMatching(/^helm_release\.Platform_KubePrometheusStack_/)]);
  });

  test('installs cert-manager with its CRDs', () => {
    expect(release(t, 'cert-manager').parsedValues.crds).toEqual({ enabled: true, keep: true });
  });

  test('makes Prometheus pick up every rule and monitor, and Grafana load labelled dashboards', () => {
    const r = release(t, 'kube-prometheus-stack');
    expect(r.parsedValues.prometheus.prometheusSpec).toMatchObject({
      retention: '15d',
      ruleSelectorNilUsesHelmValues: false,
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '50Gi' } } } } },
    });
    expect(r.parsedValues.grafana.sidecar.dashboards).toEqual({ enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'monitoring' });
    expect(r.parsedValues.grafana['grafana.ini']['auth.anonymous']).toEqual({ enabled: false });
    expect(r.set_sensitive).toEqual([{ name: 'grafana.adminPassword', value: '${var.grafana_admin_password}' }]);
    expect(t.json.variable.grafana_admin_password.sensitive).toBe(true);
    expect(r.values[0]).not.toContain('adminPassword');
  });

  test('configures prometheus-adapter to serve the latency metrics the HPAs use', () => {
    const v = release(t, 'prometheus-adapter').parsedValues;
    expect(v.prometheus).toEqual({ url: 'http://kube-prometheus-stack-prometheus.monitoring.svc', port: 9090 });
    expect(v.rules.default).toBe(false);
    expect(v.rules.custom.map((r: any) => r.name.as)).toEqual([
      'nginx_ingress_request_duration_p95_seconds',
      'http_request_duration_seconds_p95',
      'ai_inference_duration_seconds_p95',
    ]);
    expect(v.rules.custom[0]).toMatchObject({
      seriesQuery: 'nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace!="",ingress!=""}',
      resources: { overrides: { exported_namespace: { resource: 'namespace' }, ingress: { group: 'networking.k8s.io', resource: 'ingress' } } },
      metricsQuery: 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (le, <<.GroupBy>>))',
    });
    expect(v.rules.custom[2].seriesQuery).toBe('ai_inference_duration_seconds_bucket{namespace!="",pod!=""}');
  });

  test('uses lighter defaults in staging', () => {
    const s = platform();
    expect(release(s, 'ingress-nginx').parsedValues.controller.replicaCount).toBe(1);
    expect(release(s, 'ingress-nginx').parsedValues.controller.podDisruptionBudget).toBeUndefined();
    expect(release(s, 'kube-prometheus-stack').parsedValues.prometheus.prometheusSpec.storageSpec).toBeUndefined();
    expect(release(s, 'kube-prometheus-stack').parsedValues.prometheus.prometheusSpec.retention).toBe('7d');
  });

  test('restricts the controller LoadBalancer to given source ranges and takes a given Grafana password', () => {
    const stack = environmentStack();
    new K8sPlatform(stack, 'Platform', { ingressSourceRanges: ['173.245.48.0/20', '104.16.0.0/13', '2400:cb00::/32'], grafanaAdminPassword: SecretValue.fromVariable(stack, 'grafana_pw') });
    const s = Template.of(stack);
    expect(release(s, 'ingress-nginx').parsedValues.controller.service).toEqual({ externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['173.245.48.0/20', '104.16.0.0/13', '2400:cb00::/32'] });
    expect(release(s, 'kube-prometheus-stack').set_sensitive[0].value).toBe('${var.grafana_pw}');
  });

  test('serves only the HTTP latency histogram by default', () => {
    const v = release(platform(), 'prometheus-adapter').parsedValues;
    expect(v.rules.custom.map((r: any) => r.name.as)).toEqual(['nginx_ingress_request_duration_p95_seconds', 'http_request_duration_seconds_p95']);
  });

  test('is described in another stack by fromPlatformAttributes, whose histograms the apps are checked against', () => {
    const stack = environmentStack();
    const p = K8sPlatform.fromPlatformAttributes(stack, 'Platform', { ingressClassName: 'public', latencyHistograms: ['jobs_duration_seconds'] });
    expect([p.ingressClassName, p.ingressNamespace, p.monitoringNamespace, p.clusterIssuerName, p.podLatencyMetric('x')]).toEqual(['public', 'ingress-nginx', 'monitoring', 'letsencrypt', 'x_p95']);
    expect([K8sPlatform.isK8sPlatform(p), K8sPlatform.isK8sPlatform({ ingressClassName: 'public' })]).toEqual([true, false]);
    new K8sReadyApp(stack, 'Jobs', { name: 'jobs', image: { repository: 'ghcr.io/acme/jobs', tag: '1.0.0' }, port: 8080, platform: p, metrics: {}, latencyMetric: LatencyMetric.pods('jobs_duration_seconds', 2000) });
    expect(Template.of(stack).count('kubernetes_manifest')).toBe(1);
    expect(errorMessage(() => K8sPlatform.fromPlatformAttributes(environmentStack(), 'Platform', { ingressClass: 'x' } as any))).toBe(
      '[test/Platform] invalid "ingressClass": got "x"; expected no such property: the properties here are "clusterIssuerName", "ingressClassName", "ingressNamespace", "latencyHistograms", "monitoringNamespace"',
    );
  });

  test('exposes the conventions the apps need', () => {
    const stack = environmentStack();
    const p = new K8sPlatform(stack, 'Platform', { ingressClassName: 'public', monitoringNamespace: 'observability' });
    expect([p.ingressClassName, p.ingressNamespace, p.monitoringNamespace, p.clusterIssuerName]).toEqual(['public', 'ingress-nginx', 'observability', 'letsencrypt']);
    expect(p.podLatencyMetric('x_seconds')).toBe('x_seconds_p95');
  });

  test.each<[string, K8sPlatformProps, string]>([
    ['a version range', { chartVersions: { ingressNginx: '^4.14.0' } }, '[test/Platform] invalid "chartVersions.ingressNginx": got "^4.14.0"; expected an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)'],
    ['"latest"', { chartVersions: { kubePrometheusStack: 'latest' } }, '[test/Platform] invalid "chartVersions.kubePrometheusStack": got "latest"; expected an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)'],
    ['the default namespace', { monitoringNamespace: 'default' }, '[test/Platform] invalid "monitoringNamespace": got "default"; expected a dedicated namespace: never "default" or a "kube-*" system namespace'],
    ['a bad source range', { ingressSourceRanges: ['10.0.0.1/8'] }, '[test/Platform] invalid "ingressSourceRanges[0]": got "10.0.0.1/8"; expected an IPv4 ("10.0.0.0/16") or IPv6 ("fd00::/8") CIDR block with no host bits set'],
    ['a quarter of IPv4 as a source range', { ingressSourceRanges: ['64.0.0.0/2'] }, '[test/Platform] invalid "ingressSourceRanges[0]": got "64.0.0.0/2"; expected a range narrower than the internet (this one covers 28% of the public IPv4 space): "ingressSourceRanges" restricts the controller to known sources; leave it unset to keep the controller open'],
    ['an empty source range list', { ingressSourceRanges: [] }, '[test/Platform] invalid "ingressSourceRanges": got []; expected a list of at least 1 item'],
    ['a histogram name with a dash', { latencyHistograms: ['ai-latency'] }, '[test/Platform] invalid "latencyHistograms[0]": got "ai-latency"; expected a Prometheus metric name without "_bucket"'],
    ['zero replicas', { replicas: 0 }, '[test/Platform] invalid "replicas": got 0; expected a whole number from 1 to 10'],
    ['a storage size in GB', { prometheusStorageSize: '50GB' }, '[test/Platform] invalid "prometheusStorageSize": got "50GB"; expected a volume size such as "50Gi"'],
    ['compression as a string', { compression: 'false' as any }, '[test/Platform] invalid "compression": got "false"; expected true or false (a boolean, not a string)'],
    ['an Argo Rollouts chart range', { chartVersions: { argoRollouts: '~2.41' } }, '[test/Platform] invalid "chartVersions.argoRollouts": got "~2.41"; expected an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)'],
    ['Argo Rollouts in kube-system', { rolloutsNamespace: 'kube-system' }, '[test/Platform] invalid "rolloutsNamespace": got "kube-system"; expected a dedicated namespace: never "default" or a "kube-*" system namespace'],
  ])('refuses %s', (_what, props, message) => {
    expect(errorMessage(() => platform(props))).toBe(message);
  });

  test('accepts an exact override version', () => {
    expect(release(platform({ chartVersions: { certManager: 'v1.19.1' } }), 'cert-manager').version).toBe('v1.19.1');
  });
});
