import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { securityFindings } from './support';
import { buildApp } from '../../stacks/main';
import { Template } from '../support/template';

/**
 * The "done when" of the Kubernetes issue, checked on the synthesized JSON of
 * every stack of the LiveStreamSell app.
 */
function synthAll(): { stacks: { [stack: string]: Template }; findings: { [stack: string]: string[] } } {
  process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
  const app = buildApp(Testing.app());
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return {
    stacks: Object.fromEntries(stacks.map((s) => [s.node.id, Template.of(s)])),
    findings: Object.fromEntries(stacks.map((s) => [s.node.id, securityFindings(s)])),
  };
}

describe('LiveStreamSell stacks', () => {
  const { stacks, findings } = synthAll();
  const all = Object.values(stacks);
  const resources = (type: string) => all.flatMap((t) => t.resourceList(type));

  test('the kubernetes stack deploys the API, the AI worker and the dashboard', () => {
    const names = stacks.kubernetes.resourceList('kubernetes_deployment_v1').map((d) => d.metadata.name).sort();
    expect(names).toEqual(['ai-worker', 'api', 'dashboard']);
  });

  test('the API and the AI worker release as Argo Rollouts canaries with the PRD\'s steps and analysis; the dashboard keeps rolling updates', () => {
    const manifests = stacks.kubernetes.resourceList('kubernetes_manifest').map((m) => m.manifest);
    const rollouts = manifests.filter((m) => m.kind === 'Rollout');
    expect(rollouts.map((r) => r.metadata.name).sort()).toEqual(['ai-worker', 'api']);
    for (const r of rollouts) expect(r.spec.strategy.canary.steps).toEqual([{ setWeight: 5 }, { pause: { duration: '10m' } }]);
    const analyses = Object.fromEntries(manifests.filter((m) => m.kind === 'AnalysisTemplate').map((a) => [a.metadata.name, a.spec.metrics.map((m: any) => `${m.name}: ${m.failureCondition}`)]));
    expect(analyses).toEqual({
      'api': ['health-checks: result[0] >= 3', 'error-rate: result[0] > 1.15', 'latency-ai-inference-duration-seconds: result[0] >= 10'],
      'ai-worker': ['health-checks: result[0] >= 3', 'latency-ai-inference-duration-seconds: result[0] >= 10'],
    });
    const hpas = Object.fromEntries(stacks.kubernetes.resourceList('kubernetes_horizontal_pod_autoscaler_v2').map((h) => [h.spec.scale_target_ref.name.match(/deployment_v1\.(\w+?)_/)[1], h.spec.scale_target_ref.kind]));
    expect(hpas).toEqual({ Api: 'Rollout', Worker: 'Rollout', Dashboard: 'Deployment' });
  });

  test('the Kubernetes stacks have no SecurityChecks finding (hardening, pinned images, namespaces, probes, tokens)', () => {
    expect(findings.kubernetes).toEqual([]);
    expect(findings['kubernetes-platform']).toEqual([]);
    expect(resources('kubernetes_deployment_v1').length).toBeGreaterThan(0);
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

  test('Alertmanager routes to the configured receivers; their credentials are sensitive variables in a Secret, never in the chart values', () => {
    const platform = stacks['kubernetes-platform'];
    for (const name of ['alert_pagerduty_routing_key', 'alert_slack_webhook_url', 'alert_smtp_password']) expect(platform.json.variable[name]).toMatchObject({ sensitive: true });
    const secret = platform.only('kubernetes_secret_v1');
    expect(secret.data).toEqual({
      'chat-slack-webhook-url': '${var.alert_slack_webhook_url}',
      'oncall-pagerduty-routing-key': '${var.alert_pagerduty_routing_key}',
      'oncall-smtp-password': '${var.alert_smtp_password}',
    });
    const stack = platform.resourceList('helm_release').find((r) => r.chart === 'kube-prometheus-stack');
    const values = stack.values[0] as string;
    for (const name of ['alert_pagerduty_routing_key', 'alert_slack_webhook_url', 'alert_smtp_password']) expect(values).not.toContain(name);
    const config = JSON.parse(values).alertmanager.config;
    expect(config.route.routes.map((r: any) => [r.receiver, r.matchers])).toEqual([
      ['null', ['alertname =~ "Watchdog|InfoInhibitor"']],
      ['oncall', ['severity = "critical"']],
      ['chat', ['severity = "warning"']],
    ]);
    expect(JSON.parse(values).alertmanager.alertmanagerSpec.secrets).toEqual(['alertmanager-receivers']);
  });

  test('alerts and dashboards exist for every app', () => {
    const manifests = stacks.kubernetes.resourceList('kubernetes_manifest').map((m) => m.manifest);
    expect(manifests.filter((m) => m.kind === 'PrometheusRule').map((m) => m.metadata.name).sort()).toEqual(['ai-worker-rollout', 'api-rollout', 'dashboard-rollout']);
    expect(manifests.filter((m) => m.kind === 'ClusterIssuer')).toHaveLength(1);
    const dashboards = stacks.kubernetes.resourceList('kubernetes_config_map_v1').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(3);
  });
});
