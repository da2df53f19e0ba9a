import { TerraformVariable } from 'cdktf';
import { errorMessage } from './support';
import { AppNamespace, Environment, K8sReadyApp, K8sReadyAppProps, LatencyMetric, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

const PINNED = 'an image pinned by tag or digest, such as "ghcr.io/org/api:1.4.2" or "ghcr.io/org/api@sha256:<64 hex>" ("latest" and untagged images are refused: they are mutable)';

function synth(props: Partial<K8sReadyAppProps> = {}, env?: Environment): { t: Template; app: K8sReadyApp } {
  const stack = environmentStack(env);
  const app = new K8sReadyApp(stack, 'Api', {
    name: 'api',
    image: 'ghcr.io/livestreamsell/api:1.4.2',
    port: 8000,
    ingress: { hosts: ['api-staging.livestreamsell.ai'] },
    ...props,
  });
  return { t: Template.of(stack), app };
}

describe('K8sReadyApp defaults', () => {
  const { t } = synth();
  const deployment = t.only('kubernetes_deployment_v1');
  const pod = deployment.spec.template.spec;
  const container = pod.container[0];

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

  test('hardens the container', () => {
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
    expect(pod.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.enable_service_links).toBe(false);
    expect(container.image).toBe('ghcr.io/livestreamsell/api:1.4.2');
    expect(container.image_pull_policy).toBe('Always');
  });

  test('mounts an emptyDir on /tmp', () => {
    expect(container.volume_mount).toEqual([{ name: 'writable-0', mount_path: '/tmp' }]);
    expect(pod.volume).toEqual([{ name: 'writable-0', empty_dir: { size_limit: '512Mi' } }]);
  });

  test('sets requests and limits', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('probes the health path on the app port', () => {
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe']) {
      expect(container[probe].http_get).toEqual({ path: '/health', port: '8000', scheme: 'HTTP' });
    }
    expect(container.readiness_probe.failure_threshold).toBe(3);
    expect(container.startup_probe.failure_threshold).toBe(30);
  });

  test('spreads pods across zones and nodes', () => {
    expect(pod.topology_spread_constraint.map((c: any) => c.topology_key)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  test('uses a service account without token and the GHCR pull secret', () => {
    const sa = t.only('kubernetes_service_account_v1');
    expect(sa.automount_service_account_token).toBe(false);
    expect(sa.image_pull_secret).toEqual([{ name: 'registry-pull' }]);
    expect(pod.image_pull_secrets).toEqual([{ name: 'registry-pull' }]);
    const pull = t.only('kubernetes_secret_v1');
    expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
    expect(pull.data['.dockerconfigjson']).toContain('var.ghcr_token');
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true });
  });

  test('scales on CPU and ingress latency', () => {
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpa.spec.min_replicas).toBe(1);
    expect(hpa.spec.max_replicas).toBe(2);
    expect(hpa.spec.metric[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } });
    expect(hpa.spec.metric[1]).toMatchObject({
      type: 'Object',
      object: { described_object: { kind: 'Ingress', api_version: 'networking.k8s.io/v1' }, metric: { name: 'nginx_ingress_request_duration_p95_seconds' }, target: { type: 'Value', value: '500m' } },
    });
    expect(hpa.spec.behavior.scale_down[0].stabilization_window_seconds).toBe(300);
  });

  test('exposes a ClusterIP service and a TLS ingress', () => {
    const svc = t.only('kubernetes_service_v1');
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'api', 'track': 'stable' } });
    const ing = t.only('kubernetes_ingress_v1');
    expect(ing.spec.ingress_class_name).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ hosts: ['api-staging.livestreamsell.ai'], secret_name: 'api-tls' }]);
    expect(ing.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
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
  function withConfig() {
    const stack = environmentStack();
    new K8sReadyApp(stack, 'Api', {
      name: 'api',
      image: 'ghcr.io/livestreamsell/api',
      imageTag: '2.0.0',
      port: 8000,
      ingress: { hosts: ['api-staging.livestreamsell.ai'] },
      envVariables: { LOG_LEVEL: 'info' },
      configFiles: { 'settings.yaml': 'feature: on\n' },
      secretEnvVariables: { DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
      secretFiles: { 'meta-app-secret': SecretValue.fromVariable(stack, 'meta_app_secret') },
    });
    return Template.of(stack);
  }
  const t = withConfig();
  const container = t.only('kubernetes_deployment_v1').spec.template.spec.container[0];

  test('puts plain values and files in one ConfigMap, secrets in one Secret from sensitive variables', () => {
    expect(t.only('kubernetes_config_map_v1')).toMatchObject({ metadata: { name: 'api-config' }, data: { 'LOG_LEVEL': 'info', 'settings.yaml': 'feature: on\n' } });
    const secret = t.resourceList('kubernetes_secret_v1').find((s) => s.metadata.name === 'api-secrets');
    expect(secret).toMatchObject({ type: 'Opaque', data: { 'DATABASE_URL': '${var.database_url}', 'meta-app-secret': '${var.meta_app_secret}' } });
    expect(t.json.variable.database_url).toMatchObject({ sensitive: true });
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
    expect(volumes.find((v: any) => v.name === 'config').config_map.items).toEqual([{ key: 'settings.yaml', path: 'settings.yaml' }]);
  });

  test('rolls the pods when the ConfigMap or Secret changes', () => {
    const annotations = t.only('kubernetes_deployment_v1').spec.template.metadata.annotations;
    expect(annotations['checksum/config']).toMatch(/kubernetes_config_map_v1\..*\.metadata\[0\]\.resource_version/);
    expect(annotations['checksum/secrets']).toMatch(/kubernetes_secret_v1\..*\.metadata\[0\]\.resource_version/);
  });

  test('builds the image from repository and tag', () => {
    expect(container.image).toBe('ghcr.io/livestreamsell/api:2.0.0');
  });

  test('never writes a secret value as a literal', () => {
    expect(JSON.stringify(t.json)).not.toMatch(/postgres(ql)?:\/\//);
  });
});

describe('K8sReadyApp canary', () => {
  test('adds a canary Deployment, Service and Ingress with ingress-nginx canary annotations at 5%', () => {
    const { t, app } = synth({ canary: { imageTag: '1.5.0' } });
    const deployments = t.resourceList('kubernetes_deployment_v1');
    const canary = deployments.find((d) => d.metadata.name === 'api-canary');
    expect(canary.spec.replicas).toBe('1');
    expect(canary.spec.selector.match_labels).toEqual({ 'app.kubernetes.io/name': 'api', 'track': 'canary' });
    expect(canary.spec.template.spec.container[0].image).toBe('ghcr.io/livestreamsell/api:1.5.0');
    expect(canary.spec.template.spec.container[0].security_context.read_only_root_filesystem).toBe(true);
    const ingress = t.resourceList('kubernetes_ingress_v1').find((i) => i.metadata.name === 'api-canary');
    expect(ingress.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '5' });
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect(ingress.spec.tls).toEqual([{ hosts: ['api-staging.livestreamsell.ai'], secret_name: 'api-tls' }]);
    expect(ingress.spec.rule[0].http.path[0].backend.service.name).toMatch(/kubernetes_service_v1\..*\.metadata\[0\]\.name/);
    expect(t.resourceList('kubernetes_service_v1').map((s) => s.metadata.name).sort()).toEqual(['api', 'api-canary']);
    expect(app.canaryWeight).toBe(5);
    // Only the stable track scales; the HPA never targets the canary.
    expect(t.only('kubernetes_horizontal_pod_autoscaler_v2').spec.scale_target_ref.name).toMatch(/kubernetes_deployment_v1\.Api_[0-9A-F]+\.metadata/);
  });

  test('accepts a fully pinned canary image', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const { t } = synth({ canary: { image: `ghcr.io/livestreamsell/api@${digest}` } });
    const canary = t.resourceList('kubernetes_deployment_v1').find((d) => d.metadata.name === 'api-canary');
    expect(canary.spec.template.spec.container[0].image).toBe(`ghcr.io/livestreamsell/api@${digest}`);
  });

  test('honours a custom weight', () => {
    const { t } = synth({ canary: { imageTag: '1.5.0', weight: 25 } });
    const ingress = t.resourceList('kubernetes_ingress_v1').find((i) => i.metadata.name === 'api-canary');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight']).toBe('25');
  });

  test('promotion rolls the stable Deployment to the canary image and removes the canary objects', () => {
    const { t, app } = synth({ canary: { imageTag: '1.5.0', promote: true } });
    expect(t.only('kubernetes_deployment_v1').spec.template.spec.container[0].image).toBe('ghcr.io/livestreamsell/api:1.5.0');
    expect(t.count('kubernetes_ingress_v1')).toBe(1);
    expect(t.count('kubernetes_service_v1')).toBe(1);
    expect(app.canaryName).toBeUndefined();
  });
});

describe('K8sReadyApp options', () => {
  test('a worker without ingress scales on a Pods latency metric and is scraped by a PodMonitor', () => {
    const { t } = synth({
      name: 'worker',
      ingress: undefined,
      port: 8001,
      metrics: { port: 9100 },
      latencyMetric: LatencyMetric.pods('ai_inference_duration_seconds', 5000),
    });
    expect(t.count('kubernetes_ingress_v1')).toBe(0);
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpa.spec.metric[1]).toEqual({ type: 'Pods', pods: { metric: { name: 'ai_inference_duration_seconds_p95' }, target: { type: 'AverageValue', average_value: '5000m' } } });
    const monitor = t.only('kubernetes_manifest').manifest;
    expect(monitor).toMatchObject({ kind: 'PodMonitor', spec: { podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] } });
    const container = t.only('kubernetes_deployment_v1').spec.template.spec.container[0];
    expect(container.port).toEqual([{ name: 'http', container_port: 8001, protocol: 'TCP' }, { name: 'metrics', container_port: 9100, protocol: 'TCP' }]);
    const policy = t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === 'worker');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: '9100', protocol: 'TCP' }] }]);
  });

  test('an optional LoadBalancer Service admits only its private source ranges', () => {
    const { t } = synth({ loadBalancer: { sourceRanges: ['10.20.0.0/16'], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } } });
    const lb = t.resourceList('kubernetes_service_v1').find((s) => s.spec.type === 'LoadBalancer');
    expect(lb.spec).toMatchObject({ load_balancer_source_ranges: ['10.20.0.0/16'], external_traffic_policy: 'Local', port: [{ port: 80, target_port: 'http' }] });
    const policy = t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === 'api');
    expect(policy.spec.ingress).toContainEqual({ from: [{ ip_block: { cidr: '10.20.0.0/16' } }], ports: [{ port: '8000', protocol: 'TCP' }] });
  });

  test('allowFrom opens this app to another app in both NetworkPolicies', () => {
    const stack = environmentStack();
    const api = new K8sReadyApp(stack, 'Api', { name: 'api', image: 'ghcr.io/o/api:1.0.0', port: 8000, ingress: { hosts: ['api.example.com'] } });
    const web = new K8sReadyApp(stack, 'Web', { name: 'web', image: 'ghcr.io/o/web:1.0.0', port: 3000, ingress: { hosts: ['app.example.com'] } });
    api.allowFrom(web);
    const t = Template.of(stack);
    const policies = t.resourceList('kubernetes_network_policy_v1');
    expect(policies.find((p) => p.metadata.name === 'api').spec.ingress).toContainEqual({ from: [{ pod_selector: { match_labels: { 'app.kubernetes.io/name': 'web' } } }], ports: [{ port: '8000', protocol: 'TCP' }] });
    expect(policies.find((p) => p.metadata.name === 'web').spec.egress).toContainEqual({ to: [{ pod_selector: { match_labels: { 'app.kubernetes.io/name': 'api' } } }], ports: [{ port: '8000', protocol: 'TCP' }] });
    // Both apps share the stack's default namespace.
    expect(t.count('kubernetes_namespace_v1')).toBe(1);
  });

  test('takes replicas and CPU target from the production environment', () => {
    const { t } = synth({ ingress: { hosts: ['api.livestreamsell.ai'] } }, Environment.production({ project: 'livestreamsell' }));
    const hpa = t.only('kubernetes_horizontal_pod_autoscaler_v2');
    expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([1, 10]);
  });

  test('uses an explicit namespace and writes nothing to "default"', () => {
    const stack = environmentStack();
    const ns = new AppNamespace(stack, 'Ns', { name: 'shop' });
    new K8sReadyApp(stack, 'Api', { namespace: ns, name: 'api', image: 'ghcr.io/o/api@sha256:' + 'a'.repeat(64), port: 8000, ingress: { hosts: ['api.example.com'] } });
    const t = Template.of(stack);
    const namespaced = ['kubernetes_deployment_v1', 'kubernetes_service_v1', 'kubernetes_ingress_v1', 'kubernetes_service_account_v1', 'kubernetes_horizontal_pod_autoscaler_v2']
      .flatMap((type) => t.resourceList(type));
    for (const r of namespaced) expect(r.metadata.namespace).toMatch(/kubernetes_namespace_v1\.Ns_/);
  });

  test('exposes node.defaultChild as the stable Deployment', () => {
    const { app } = synth();
    expect(app.node.defaultChild).toBe(app.resource);
    expect(K8sReadyApp.isK8sReadyApp(app)).toBe(true);
    expect(K8sReadyApp.isK8sReadyApp({})).toBe(false);
  });

  test('configures the kubernetes provider from variables', () => {
    const { t } = synth();
    expect(t.json.provider.kubernetes).toEqual([{ config_path: '${var.kubeconfig_path}', config_context: '${var.kube_context}' }]);
    expect(t.json.variable.kubeconfig_path.default).toBe('~/.kube/config');
    expect(t.json.variable.kube_context.default).toBeUndefined();
  });
});

describe('K8sReadyApp bad input', () => {
  const cases: Array<[string, Partial<K8sReadyAppProps>, string]> = [
    ['min replicas above max', { minReplicas: 5, maxReplicas: 2 }, '[test/Api] invalid "minReplicas": got 5; expected a value no greater than "maxReplicas" (2)'],
    ['a CPU target above 100', { cpuTargetPercent: 101 }, '[test/Api] invalid "cpuTargetPercent": got 101; expected a whole number from 1 to 100'],
    ['a CPU target of 0', { cpuTargetPercent: 0 }, '[test/Api] invalid "cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
    ['a probe on a port the container does not expose', { healthCheck: { port: 9000 } }, '[test/Api] invalid "healthCheck.port": got 9000; expected a port the container exposes (8000 "http")'],
    ['a "latest" image', { image: 'ghcr.io/livestreamsell/api:latest' }, `[test/Api] invalid "image": got "ghcr.io/livestreamsell/api:latest"; expected ${PINNED}`],
    ['an untagged image', { image: 'ghcr.io/livestreamsell/api' }, `[test/Api] invalid "image": got "ghcr.io/livestreamsell/api"; expected ${PINNED}`],
    ['a "latest" imageTag', { image: 'ghcr.io/livestreamsell/api', imageTag: 'latest' }, `[test/Api] invalid "imageTag": got "latest"; expected ${PINNED}`],
    ['a canary weight above 100', { canary: { imageTag: '1.5.0', weight: 150 } }, '[test/Api] invalid "canary.weight": got 150; expected a whole number from 0 to 100'],
    ['a canary weight below 0', { canary: { imageTag: '1.5.0', weight: -1 } }, '[test/Api] invalid "canary.weight": got -1; expected a whole number from 0 to 100'],
    ['a canary on "latest"', { canary: { imageTag: 'latest' } }, `[test/Api] invalid "canary.imageTag": got "latest"; expected ${PINNED}`],
    ['a canary without a tag', { canary: {} }, '[test/Api] invalid "canary.imageTag": got undefined; expected the tag of the release under test (or a pinned "canary.image")'],
    ['a canary without ingress', { ingress: undefined, metrics: {}, latencyMetric: LatencyMetric.pods('x_seconds', 100), canary: { imageTag: '2.0.0' } }, '[test/Api] invalid "canary": got "<canary>"; expected an app with "ingress": ingress-nginx splits the canary traffic by weight'],
    ['a name that is not a DNS label', { name: 'Api_Service' }, '[test/Api] invalid "name": got "Api_Service"; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit'],
    ['a name too long for the canary suffix', { name: 'a'.repeat(57) }, `[test/Api] invalid "name": got "${'a'.repeat(57)}"; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit`],
    ['an Ingress with TLS but no host', { ingress: { hosts: [] } }, '[test/Api] invalid "ingress.hosts": got []; expected at least one hostname: the Ingress always has TLS, and a certificate needs a host'],
    ['an Ingress host that is not a hostname', { ingress: { hosts: ['https://api.example.com'] } }, '[test/Api] invalid "ingress.hosts[0]": got "https://api.example.com"; expected a lowercase hostname such as "api.example.com"'],
    ['a snippet annotation', { ingress: { hosts: ['api.example.com'], annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "x: y";' } } }, '[test/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/configuration-snippet": got "more_set_headers \\"x: y\\";"; expected no "*-snippet" annotation: snippets inject raw nginx configuration (CVE-2021-25742) and the platform disables them'],
    ['no latency metric without ingress', { ingress: undefined }, '[test/Api] invalid "latencyMetric": got undefined; expected a LatencyMetric for an app without "ingress": LatencyMetric.pods("<histogram>", <ms>) with "metrics" set (every HPA scales on CPU and latency)'],
    ['an ingress latency metric without ingress', { ingress: undefined, latencyMetric: LatencyMetric.ingress() }, '[test/Api] invalid "latencyMetric": got "Ingress"; expected LatencyMetric.pods(...) for an app without "ingress" (an Ingress metric needs the app\'s Ingress)'],
    ['a Pods latency metric without scraping', { latencyMetric: LatencyMetric.pods('http_request_duration_seconds', 300) }, '[test/Api] invalid "metrics": got undefined; expected a MetricsOptions: a Pods latency metric needs Prometheus to scrape the pods'],
    ['a latency target of 0 ms', { latencyMetric: LatencyMetric.ingress(0) }, '[test/Api] invalid "latencyMetric.targetMilliseconds": got 0; expected a whole number from 1 to 600000'],
    ['a CPU request above its limit', { resources: { cpuRequest: '2', cpuLimit: '500m' } }, '[test/Api] invalid "resources.cpuRequest": got "2"; expected a value no greater than "resources.cpuLimit" (500m)'],
    ['a malformed memory limit', { resources: { memoryLimit: '512MB' } }, '[test/Api] invalid "resources.memoryLimit": got "512MB"; expected a memory quantity greater than zero such as "256Mi" or "1Gi"'],
    ['a root or low UID', { runAsUser: 0 }, '[test/Api] invalid "runAsUser": got 0; expected a whole number from 10000 to 2147483647'],
    ['a relative writable directory', { writableDirectories: ['tmp'] }, '[test/Api] invalid "writableDirectories[0]": got "tmp"; expected an absolute path such as "/health"'],
    ['an unknown zone spread mode', { zoneSpread: 'Always' }, '[test/Api] invalid "zoneSpread": got "Always"; expected one of "ScheduleAnyway", "DoNotSchedule"'],
    ['a public LoadBalancer range', { loadBalancer: { sourceRanges: ['0.0.0.0/0'] } }, '[test/Api] invalid "loadBalancer.sourceRanges[0]": got "0.0.0.0/0"; expected a private (RFC 1918) range; public sources go through "ingress", or set "unsafeAllowPublicSourceRanges" outside production'],
    ['a LoadBalancer without sources', { loadBalancer: { sourceRanges: [] } }, '[test/Api] invalid "loadBalancer.sourceRanges": got []; expected at least one source CIDR (a load balancer open to nobody is a mistake, one open to everybody is refused)'],
    ['a port out of range', { port: 70000 }, '[test/Api] invalid "port": got 70000; expected a whole number from 1 to 65535'],
    ['an Ingress without paths', { ingress: { hosts: ['api.example.com'], paths: [] } }, '[test/Api] invalid "ingress.paths": got []; expected at least one path prefix such as "/"'],
    ['an Ingress path without a leading slash', { ingress: { hosts: ['api.example.com'], paths: ['api'] } }, '[test/Api] invalid "ingress.paths[0]": got "api"; expected a path prefix starting with "/"'],
    ['a relative health path', { healthCheck: { path: 'health' } }, '[test/Api] invalid "healthCheck.path": got "health"; expected an absolute path such as "/health"'],
    ['a canary image on another repository without a tag', { canary: { image: 'ghcr.io/livestreamsell/api-next' } }, `[test/Api] invalid "canary.image": got "ghcr.io/livestreamsell/api-next"; expected ${PINNED}`],
    ['a config file name with a slash', { configFiles: { 'conf/app.yaml': 'x' } }, '[test/Api] invalid "configFiles.conf/app.yaml": got "conf/app.yaml"; expected a file name of letters, digits, "-", "_" or "." (a ConfigMap/Secret key)'],
    ['a plain string as a secret env var', { secretEnvVariables: { SECRET_KEY: 'hunter2' as any } }, '[test/Api] invalid "secretEnvVariables.SECRET_KEY": got "<value redacted>"; expected a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)'],
    ['a plain string as a secret file', { secretFiles: { 'key.pem': 'hunter2' as any } }, '[test/Api] invalid "secretFiles.key.pem": got "<value redacted>"; expected a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)'],
  ];
  test.each(cases)('refuses %s', (_what, props, message) => {
    expect(errorMessage(() => synth(props))).toBe(message);
  });

  test('messages start with the construct path', () => {
    expect(() => synth({ cpuTargetPercent: 101 })).toThrow(/^\[test\/Api\] /);
  });

  test('refuses public LoadBalancer ranges in production even when the unsafe flag is set', () => {
    expect(errorMessage(() => synth({ ingress: { hosts: ['api.livestreamsell.ai'] }, loadBalancer: { sourceRanges: ['0.0.0.0/0'], unsafeAllowPublicSourceRanges: true } }, Environment.production({ project: 'livestreamsell' })))).toBe(
      '[test/Api] invalid "loadBalancer.unsafeAllowPublicSourceRanges": got true; expected false in production ("production"): expose the app publicly through "ingress" (TLS, WAF) instead',
    );
  });

  test('accepts public LoadBalancer ranges outside production only with the unsafe flag', () => {
    const { t } = synth({ loadBalancer: { sourceRanges: ['203.0.113.0/24'], unsafeAllowPublicSourceRanges: true } });
    expect(t.resourceList('kubernetes_service_v1').find((s) => s.spec.type === 'LoadBalancer').spec.load_balancer_source_ranges).toEqual(['203.0.113.0/24']);
  });

  test('refuses secrets in the ConfigMap, even as tokens', () => {
    const stack = environmentStack();
    const token = SecretValue.fromVariable(stack, 'db', 'db').value;
    expect(errorMessage(() => new K8sReadyApp(stack, 'Api', { name: 'api', image: 'ghcr.io/o/api:1.0.0', port: 8000, ingress: { hosts: ['a.example.com'] }, envVariables: { DATABASE_URL: token } }))).toBe(
      '[test/Api] invalid "envVariables.DATABASE_URL": got "<value redacted>"; expected a non-secret value: secret-looking names go in "secretEnvVariables" (a Secret), never in the ConfigMap',
    );
  });

  test('refuses a key used both as env var and file', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new K8sReadyApp(stack, 'Api', { name: 'api', image: 'ghcr.io/o/api:1.0.0', port: 8000, ingress: { hosts: ['a.example.com'] }, envVariables: { MODE: 'a' }, configFiles: { MODE: 'b' } }))).toBe(
      '[test/Api] invalid "configFiles.MODE": got "MODE"; expected a key not also used by an environment variable (both share one ConfigMap/Secret)',
    );
  });

  test('refuses an invalid env var name', () => {
    expect(errorMessage(() => synth({ envVariables: { 'LOG-LEVEL': 'info' } }))).toBe('[test/Api] invalid "envVariables.LOG-LEVEL": got "LOG-LEVEL"; expected an environment variable name: letters, digits and "_", not starting with a digit');
  });

  test('accepts a tag held in a Terraform variable', () => {
    const stack = environmentStack();
    const tag = new TerraformVariable(stack, 'api_image_tag', { type: 'string' });
    new K8sReadyApp(stack, 'Api', { name: 'api', image: 'ghcr.io/o/api', imageTag: tag.stringValue, port: 8000, ingress: { hosts: ['a.example.com'] } });
    expect(Template.of(stack).only('kubernetes_deployment_v1').spec.template.spec.container[0].image).toBe('ghcr.io/o/api:${var.api_image_tag}');
  });
});
