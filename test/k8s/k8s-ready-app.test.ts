import { TerraformVariable } from 'cdktf';
import { securityFindings } from './support';
import { AppNamespace, Environment, ImagePullPolicy, K8sPlatform, K8sReadyApp, K8sReadyAppProps, LatencyMetric, SecretValue, TopologySpreadMode } from '../../lib';
import { Template, environmentStack } from '../support/template';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };
const DIGEST = `sha256:${'ab'.repeat(32)}`;

function synth(props: Partial<K8sReadyAppProps> = {}, env?: Environment): { t: Template; app: K8sReadyApp } {
  const stack = environmentStack(env);
  const app = new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api-staging.example.com'] }, ...props });
  return { t: Template.of(stack), app };
}

describe('K8sReadyApp defaults', () => {
  const { t } = synth();
  const deployment = t.only('kubernetes_deployment_v1');
  const pod = deployment.spec.template.spec;
  const container = pod.container[0];

  test('passes every SecurityChecks rule', () => {
    const stack = environmentStack();
    new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api.example.com'] }, metrics: {}, progressiveDelivery: {} });
    expect(securityFindings(stack)).toEqual([]);
  });

  test('writes everything to a dedicated namespace with Pod Security "restricted"', () => {
    const ns = t.only('kubernetes_namespace_v1');
    expect(ns.metadata.name).toBe('livestreamsell-staging');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(deployment.metadata.namespace).toMatch(/kubernetes_namespace_v1\..*\.metadata\[0\]\.name/);
  });

  test('rolls out without unavailable pods and hands replicas to the HPA', () => {
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_surge: '25%', max_unavailable: '0' } });
    expect(deployment.spec.replicas).toBe('1');
    expect(deployment.lifecycle.ignore_changes).toEqual(['spec[0].replicas']);
    expect(deployment.wait_for_rollout).toBe(true);
  });

  test('hardens the container and pulls the pinned image every time', () => {
    expect(container.security_context).toEqual({
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      run_as_non_root: true,
      run_as_user: '10001',
      run_as_group: '10001',
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.enable_service_links).toBe(false);
    expect(container.image).toBe('ghcr.io/acme/api:1.4.2');
    expect(container.image_pull_policy).toBe('Always');
  });

  test('mounts an emptyDir on /tmp and sets requests and limits', () => {
    expect(container.volume_mount).toEqual([{ name: 'writable-0', mount_path: '/tmp' }]);
    expect(pod.volume).toEqual([{ name: 'writable-0', empty_dir: { size_limit: '512Mi' } }]);
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('probes the health path on the app port', () => {
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe']) {
      expect(container[probe].http_get).toEqual({ path: '/health', port: '8000', scheme: 'HTTP' });
    }
    expect(container.readiness_probe.failure_threshold).toBe(3);
    expect(container.startup_probe.failure_threshold).toBe(30);
  });

  test('spreads pods across zones (ScheduleAnyway) and nodes', () => {
    expect(pod.topology_spread_constraint.map((c: any) => [c.topology_key, c.when_unsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
  });

  test('uses a service account without token and the GHCR pull secret', () => {
    const sa = t.only('kubernetes_service_account_v1');
    expect(sa.automount_service_account_token).toBe(false);
    expect(sa.image_pull_secret).toEqual([{ name: 'registry-pull' }]);
    expect(pod.image_pull_secrets).toEqual([{ name: 'registry-pull' }]);
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true });
  });

  test('scales on CPU and ingress latency, 1-2 replicas outside production', () => {
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([1, 2]);
    expect(hpa.spec.metric[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } });
    expect(hpa.spec.metric[1]).toMatchObject({
      type: 'Object',
      object: { described_object: { kind: 'Ingress', api_version: 'networking.k8s.io/v1' }, metric: { name: 'nginx_ingress_request_duration_p95_seconds' }, target: { type: 'Value', value: '500m' } },
    });
    expect(hpa.spec.metric).toHaveLength(2);
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(300);
  });

  test('exposes a ClusterIP service and a TLS ingress that redirects to HTTPS', () => {
    expect(t.only('kubernetes_service_v1').spec).toMatchObject({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'api', 'track': 'stable' } });
    const ing = t.only('kubernetes_ingress_v1');
    expect(ing.spec.ingress_class_name).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ hosts: ['api-staging.example.com'], secret_name: 'api-tls' }]);
    expect(ing.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });
  });

  test('isolates the pods with a NetworkPolicy', () => {
    const policies = t.resourceList('kubernetes_network_policy_v1');
    const app = policies.find((p) => p.metadata.name === 'api');
    expect(app.spec.policy_types).toEqual(['Ingress', 'Egress']);
    expect(app.spec.ingress).toEqual([{ from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: '8000', protocol: 'TCP' }] }]);
    expect(app.spec.egress[1].to[0].ip_block.except).toContain('169.254.0.0/16');
    expect(policies.find((p) => p.metadata.name === 'default-deny-all').spec).toEqual({ pod_selector: {}, policy_types: ['Ingress', 'Egress'] });
  });

  test('limits voluntary disruptions', () => {
    expect(t.only('kubernetes_pod_disruption_budget_v1').spec).toEqual({ max_unavailable: '1', selector: { match_labels: { 'app.kubernetes.io/name': 'api', 'track': 'stable' } } });
  });
});

describe('K8sReadyApp configuration', () => {
  const stack = environmentStack();
  new K8sReadyApp(stack, 'Api', {
    name: 'api',
    image: { repository: 'ghcr.io/acme/api', tag: '2.0.0' },
    port: 8000,
    ingress: { hosts: ['api-staging.example.com'] },
    variables: { LOG_LEVEL: 'info' },
    configFiles: { 'settings.yaml': 'feature: on\n' },
    secrets: { DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
    secretFiles: { 'meta-app-secret': SecretValue.fromVariable(stack, 'meta_app_secret') },
  });
  const t = Template.of(stack);
  const container = t.only('kubernetes_deployment_v1').spec.template.spec.container[0];

  test('puts plain values and files in one ConfigMap, secrets in one Secret from sensitive variables', () => {
    expect(t.only('kubernetes_config_map_v1')).toMatchObject({ metadata: { name: 'api-config' }, data: { 'LOG_LEVEL': 'info', 'settings.yaml': 'feature: on\n' } });
    const secret = t.resourceList('kubernetes_secret_v1').find((s) => s.metadata.name === 'api-secrets');
    expect(secret).toMatchObject({ type: 'Opaque', data: { 'DATABASE_URL': '${var.database_url}', 'meta-app-secret': '${var.meta_app_secret}' } });
  });

  test('injects single keys as env vars and mounts files read-only', () => {
    expect(container.env).toEqual([
      { name: 'LOG_LEVEL', value_from: { config_map_key_ref: { name: expect.stringContaining('kubernetes_config_map_v1'), key: 'LOG_LEVEL' } } },
      { name: 'DATABASE_URL', value_from: { secret_key_ref: { name: expect.stringContaining('kubernetes_secret_v1'), key: 'DATABASE_URL' } } },
    ]);
    expect(container.volume_mount).toEqual(expect.arrayContaining([
      { name: 'config', mount_path: '/etc/api/config', read_only: true },
      { name: 'secrets', mount_path: '/etc/api/secrets', read_only: true },
    ]));
    const volumes = t.only('kubernetes_deployment_v1').spec.template.spec.volume;
    expect(volumes.find((v: any) => v.name === 'secrets').secret).toMatchObject({ default_mode: '0400', items: [{ key: 'meta-app-secret', path: 'meta-app-secret' }] });
  });

  test('rolls the pods when the ConfigMap or Secret changes', () => {
    const annotations = t.only('kubernetes_deployment_v1').spec.template.metadata.annotations;
    expect(annotations['checksum/config']).toMatch(/kubernetes_config_map_v1\..*\.metadata\[0\]\.resource_version/);
    expect(annotations['checksum/secrets']).toMatch(/kubernetes_secret_v1\..*\.metadata\[0\]\.resource_version/);
  });

  test('builds the image reference from the ContainerImage', () => {
    expect(container.image).toBe('ghcr.io/acme/api:2.0.0');
  });

  test('takes a tag held in a Terraform variable', () => {
    const s = environmentStack();
    const tag = new TerraformVariable(s, 'api_image_tag', { type: 'string' });
    new K8sReadyApp(s, 'Api', { name: 'api', image: { repository: 'ghcr.io/o/api', tag: tag.stringValue }, port: 8000, ingress: { hosts: ['a.example.com'] } });
    expect(Template.of(s).only('kubernetes_deployment_v1').spec.template.spec.container[0].image).toBe('ghcr.io/o/api:${var.api_image_tag}');
  });
});

describe('K8sReadyApp options', () => {
  test('a worker without ingress scales on a Pods latency metric and is scraped by a PodMonitor', () => {
    const { t, app } = synth({ name: 'worker', ingress: undefined, port: 8001, metrics: { port: 9100 }, latencyMetric: LatencyMetric.pods('ai_inference_duration_seconds', 5000) });
    expect(t.count('kubernetes_ingress_v1')).toBe(0);
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpa.spec.metric[1]).toEqual({ type: 'Pods', pods: { metric: { name: 'ai_inference_duration_seconds_p95' }, target: { type: 'AverageValue', average_value: '5000m' } } });
    expect(t.only('kubernetes_manifest').manifest).toMatchObject({ kind: 'PodMonitor', spec: { podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] } });
    const policy = t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === 'worker');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: '9100', protocol: 'TCP' }] }]);
    expect(app.metricsPort).toBe(9100);
  });

  test('scaling sets replicas, the CPU target and an optional memory target', () => {
    const { t, app } = synth({ scaling: { minInstances: 2, maxInstances: 8, cpuTargetPercent: 60, memoryTargetPercent: 80 } });
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([2, 8]);
    expect(hpa.spec.metric.map((m: any) => m.resource?.target.average_utilization ?? m.type)).toEqual([60, 'Object', 80]);
    expect(hpa.spec.metric[2].resource.name).toBe('memory');
    expect(t.only('kubernetes_deployment_v1').spec.replicas).toBe('2');
    expect(app.scaling).toEqual({ minInstances: 2, maxInstances: 8, cpuTargetPercent: 60, memoryTargetPercent: 80 });
  });

  test('takes 1-10 replicas in production', () => {
    const { t } = synth({}, Environment.production({ project: 'livestreamsell' }));
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([1, 10]);
  });

  test('enum-like options: zone spread and a pull policy for a digest-pinned image', () => {
    const { t } = synth({ image: { repository: 'ghcr.io/acme/api', digest: DIGEST }, zoneSpread: TopologySpreadMode.DO_NOT_SCHEDULE, imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT });
    const pod = t.only('kubernetes_deployment_v1').spec.template.spec;
    expect(pod.topology_spread_constraint[0].when_unsatisfiable).toBe('DoNotSchedule');
    expect(pod.container[0]).toMatchObject({ image: `ghcr.io/acme/api@${DIGEST}`, image_pull_policy: 'IfNotPresent' });
  });

  test('a LoadBalancer Service admits only its non-public source ranges, IPv4 and IPv6', () => {
    const { t } = synth({ loadBalancer: { sourceRanges: ['10.20.0.0/16', 'fd00:10::/64'], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } } });
    const lb = t.resourceList('kubernetes_service_v1').find((s) => s.spec.type === 'LoadBalancer');
    expect(lb.spec).toMatchObject({ load_balancer_source_ranges: ['10.20.0.0/16', 'fd00:10::/64'], external_traffic_policy: 'Local', port: [{ port: 80, target_port: 'http' }] });
    const policy = t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === 'api');
    expect(policy.spec.ingress).toContainEqual({ from: [{ ip_block: { cidr: '10.20.0.0/16' } }, { ip_block: { cidr: 'fd00:10::/64' } }], ports: [{ port: '8000', protocol: 'TCP' }] });
  });

  test('public LoadBalancer ranges need the unsafe option, and in production its acknowledgement', () => {
    const { t } = synth({ loadBalancer: { sourceRanges: ['81.2.69.0/24'], unsafeAllowPublicSourceRanges: true } });
    expect(t.resourceList('kubernetes_service_v1').find((s) => s.spec.type === 'LoadBalancer').spec.load_balancer_source_ranges).toEqual(['81.2.69.0/24']);
    const prod = synth({
      loadBalancer: { sourceRanges: ['81.2.69.0/24'], unsafeAllowPublicSourceRanges: true },
      acknowledgeUnsafeInProduction: ['unsafeAllowPublicSourceRanges'],
    }, Environment.production({ project: 'livestreamsell' }));
    expect(prod.t.count('kubernetes_service_v1')).toBe(2);
  });

  test('the plain-HTTP option lets an annotation turn the redirect off', () => {
    const { t } = synth({ ingress: { hosts: ['legacy.example.com'], annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, unsafeAllowPlainHttp: true } });
    expect(t.only('kubernetes_ingress_v1').metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('false');
  });

  test('follows an imported platform', () => {
    const stack = environmentStack();
    const platform = K8sPlatform.fromPlatformAttributes(stack, 'Platform', { ingressClassName: 'public', ingressNamespace: 'edge', clusterIssuerName: 'le' });
    new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api.example.com'] }, platform });
    const t = Template.of(stack);
    const ing = t.only('kubernetes_ingress_v1');
    expect([ing.spec.ingress_class_name, ing.metadata.annotations['cert-manager.io/cluster-issuer']]).toEqual(['public', 'le']);
    expect(t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === 'api').spec.ingress[0].from[0].namespace_selector.match_labels['kubernetes.io/metadata.name']).toBe('edge');
  });

  test('uses an explicit namespace and writes nothing to "default"', () => {
    const stack = environmentStack();
    const ns = new AppNamespace(stack, 'Ns', { name: 'shop' });
    new K8sReadyApp(stack, 'Api', { namespace: ns, name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api.example.com'] } });
    const t = Template.of(stack);
    const namespaced = ['kubernetes_deployment_v1', 'kubernetes_service_v1', 'kubernetes_ingress_v1', 'kubernetes_service_account_v1', 'kubernetes_horizontal_pod_autoscaler_v2']
      .flatMap((type) => t.resourceList(type));
    for (const r of namespaced) expect(r.metadata.namespace).toMatch(/kubernetes_namespace_v1\.Ns_/);
  });

  test('exposes node.defaultChild, the workload attributes and Symbol.for guards', () => {
    const { app } = synth({ metrics: {} });
    expect(app.node.defaultChild).toBe(app.resource);
    expect([app.namespaceName, app.serviceName, app.deploymentName, app.autoscalerName, app.port, app.metricsPort]).toEqual(['livestreamsell-staging', 'api', 'api', 'api', 8000, 8000]);
    expect(app.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'api' });
    expect([K8sReadyApp.isK8sReadyApp(app), K8sReadyApp.isK8sWorkload(app), K8sReadyApp.isK8sReadyApp({}), K8sReadyApp.isK8sWorkload(null)]).toEqual([true, true, false, false]);
    // A copy of the library recognizes the brand, not the class.
    const twin = Object.defineProperty({}, Symbol.for('@livestreamsell/cdktf-constructs.K8sReadyApp'), { value: true });
    expect(K8sReadyApp.isK8sReadyApp(twin)).toBe(true);
  });

  test('configures the kubernetes provider from variables', () => {
    const { t } = synth();
    expect(t.json.provider.kubernetes).toEqual([{ config_path: '${var.kubeconfig_path}', config_context: '${var.kube_context}' }]);
    expect(t.json.variable.kube_context.default).toBeUndefined();
  });
});

describe('K8sReadyApp free text', () => {
  test('comes out with Terraform template sequences escaped', () => {
    const { t } = synth({
      variables: { GREETING: 'hello ${var.ghcr_token} %{ if true }x%{ endif }' },
      configFiles: { 'app.conf': 'path = ${path.module}' },
      args: ['--banner=${var.kube_context}'],
      component: 'api',
      ingress: { hosts: ['api.example.com'], annotations: { 'nginx.ingress.kubernetes.io/custom-http-errors': '${var.x}' } },
    });
    expect(t.only('kubernetes_config_map_v1').data).toEqual({ 'GREETING': 'hello $${var.ghcr_token} %%{ if true }x%%{ endif }', 'app.conf': 'path = $${path.module}' });
    expect(t.only('kubernetes_deployment_v1').spec.template.spec.container[0].args).toEqual(['--banner=$${var.kube_context}']);
    expect(t.only('kubernetes_ingress_v1').metadata.annotations['nginx.ingress.kubernetes.io/custom-http-errors']).toBe('$${var.x}');
  });
});
