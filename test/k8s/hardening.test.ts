import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { buildApp } from '../../stacks/main';
import { Template } from '../support/template';

/**
 * The "done when" of the Kubernetes issue, checked on the synthesized JSON of
 * every stack of the LiveStreamSell app, with the API canary off, on and promoted.
 */
function synthAll(canary: string): { [stack: string]: Template } {
  process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
  process.env.LSS_API_CANARY = canary;
  try {
    const app = buildApp(Testing.app());
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    return Object.fromEntries(stacks.map((s) => [s.node.id, Template.of(s)]));
  } finally {
    delete process.env.LSS_API_CANARY;
  }
}

function expectHardened(name: string, deployment: any, namespaces: string[]): void {
  const pod = deployment.spec.template.spec;
  expect({ name, automount: pod.automount_service_account_token }).toEqual({ name, automount: false });
  expect(pod.security_context).toMatchObject({ run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
  expect(namespaces).toContain(deployment.metadata.namespace);
  expect(deployment.metadata.namespace).not.toBe('default');
  for (const c of pod.container) {
    expect(c.security_context).toMatchObject({
      run_as_non_root: true,
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(Number(c.security_context.run_as_user)).toBeGreaterThanOrEqual(10000);
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe']) expect(c[probe].http_get.path).toMatch(/^\//);
    expect(c.image).not.toMatch(/:latest$/);
    expect(c.image).toMatch(/:(\$\{var\.[a-z_]+\}|[\w.-]+)$|@sha256:/);
  }
}

describe.each(['', 'on', 'promote'])('LiveStreamSell stacks (LSS_API_CANARY=%s)', (canary) => {
  const stacks = synthAll(canary);
  const all = Object.values(stacks);
  const resources = (type: string) => all.flatMap((t) => t.resourceList(type));

  test('the kubernetes stack deploys the API, the AI worker and the dashboard', () => {
    const names = stacks.kubernetes.resourceList('kubernetes_deployment_v1').map((d) => d.metadata.name).sort();
    expect(names).toEqual(canary === 'on' ? ['ai-worker', 'api', 'api-canary', 'dashboard'] : ['ai-worker', 'api', 'dashboard']);
  });

  test('every Deployment passes the container-hardening checks', () => {
    const namespaceRefs = Object.keys(stacks.kubernetes.resources('kubernetes_namespace_v1')).map((id) => `\${kubernetes_namespace_v1.${id}.metadata[0].name}`);
    const deployments = resources('kubernetes_deployment_v1');
    expect(deployments.length).toBeGreaterThan(0);
    for (const d of deployments) expectHardened(d.metadata.name, d, namespaceRefs);
  });

  test('every HPA scales on CPU and on a latency metric', () => {
    const hpas = resources('kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpas).toHaveLength(3);
    for (const hpa of hpas) {
      expect(hpa.spec.metric.map((m: any) => m.type)).toEqual(['Resource', expect.stringMatching(/^(Object|Pods)$/)]);
      expect(hpa.spec.metric[0].resource.name).toBe('cpu');
      const latency = hpa.spec.metric[1].object?.metric.name ?? hpa.spec.metric[1].pods.metric.name;
      expect(latency).toMatch(/_p95(_seconds)?$/);
    }
  });

  test('every Ingress has TLS for all of its hosts', () => {
    const ingresses = resources('kubernetes_ingress_v1');
    expect(ingresses.length).toBeGreaterThanOrEqual(2);
    for (const ing of ingresses) {
      const hosts = ing.spec.rule.map((r: any) => r.host);
      expect(ing.spec.tls[0].hosts).toEqual(hosts);
      expect(ing.spec.tls[0].secret_name).toMatch(/-tls$/);
    }
  });

  test('every service account has token automount off', () => {
    for (const sa of resources('kubernetes_service_account_v1')) expect(sa.automount_service_account_token).toBe(false);
  });

  test('secrets are sensitive variables, never literals', () => {
    const json = stacks.kubernetes.json;
    for (const name of ['database_url', 'secret_key', 'credentials_encryption_key', 'openai_api_key', 'ghcr_token']) {
      expect(json.variable[name]).toMatchObject({ sensitive: true });
    }
    for (const secret of stacks.kubernetes.resourceList('kubernetes_secret_v1')) {
      for (const value of Object.values(secret.data as { [k: string]: string })) expect(value).toMatch(/^\$\{/);
    }
    expect(stacks['kubernetes-platform'].json.variable.grafana_admin_password.sensitive).toBe(true);
  });

  test('alerts and dashboards exist for every app', () => {
    const manifests = stacks.kubernetes.resourceList('kubernetes_manifest').map((m) => m.manifest);
    expect(manifests.filter((m) => m.kind === 'PrometheusRule').map((m) => m.metadata.name).sort()).toEqual(['ai-worker-rollout', 'api-rollout', 'dashboard-rollout']);
    expect(manifests.filter((m) => m.kind === 'ClusterIssuer')).toHaveLength(1);
    const dashboards = stacks.kubernetes.resourceList('kubernetes_config_map_v1').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(3);
  });
});
