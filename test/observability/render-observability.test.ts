import { Aspects } from 'cdktf';
import { errorOf, observability, services } from './support/fixtures';
import { Environment, RenderNotifications, RenderObservability, SecurityChecks } from '../../lib';
import { Template } from '../support/template';

describe('RenderObservability', () => {
  test('a folder per environment, a dashboard per service, one rule group and a synthetic check per public health URL', () => {
    const t = observability().t();
    expect(t.only('grafana_folder')).toEqual({ uid: 'acme-staging', title: 'acme staging (Render)' });
    expect(t.resourceList('grafana_dashboard').map((d) => JSON.parse(d.config_json).uid).sort()).toEqual(['staging-ai-worker', 'staging-api', 'staging-dashboard', 'staging-db-backup']);
    for (const d of t.resourceList('grafana_dashboard')) {
      expect(d).toMatchObject({ folder: expect.stringMatching(/^\$\{grafana_folder\.Observability_Folder_[0-9A-F]+\.uid\}$/), overwrite: true });
    }
    const group = t.only('grafana_rule_group');
    expect(group).toMatchObject({ name: 'acme-staging-render', interval_seconds: 60, folder_uid: expect.stringContaining('grafana_folder.') });
    expect(group.rule.map((r: any) => r.name)).toEqual([
      'ApiHealthCheckFailing', 'ApiErrorRateRiseAfterDeploy', 'DashboardHealthCheckFailing', 'DashboardErrorRateRiseAfterDeploy',
      'AiWorkerAiLatencyHigh', 'DbBackupRunFailed', 'ReleaseGuardRolledBack', 'ReleaseGuardRollbackFailed',
    ]);
    expect(t.resourceList('grafana_synthetic_monitoring_check').map((c) => [c.job, c.target, c.frequency, c.probes.length])).toEqual([
      ['acme-staging-api-health', 'https://api.example.com/health', 600000, 1],
      ['acme-staging-dashboard-health', 'https://app.example.com/api/health', 600000, 1],
    ]);
  });

  test('every rule is a Grafana-managed rule: query A on the stack\'s Prometheus, condition B = A > 0, no data is healthy', () => {
    const rule = observability().t().only('grafana_rule_group').rule[0];
    expect(rule).toMatchObject({ condition: 'B', no_data_state: 'OK', exec_err_state: 'Error', for: '0s', is_paused: false });
    expect(rule.labels).toEqual({ severity: 'critical', rollback: 'false', environment: 'staging', project: 'acme', service: 'api' });
    const [a, b] = rule.data;
    expect(a).toMatchObject({ ref_id: 'A', datasource_uid: 'grafanacloud-prom', relative_time_range: { from: 600, to: 0 } });
    expect(JSON.parse(a.model)).toMatchObject({ refId: 'A', instant: true, expr: expect.stringContaining('probe_success{job="acme-staging-api-health"}[1799s]') });
    expect(b).toMatchObject({ ref_id: 'B', datasource_uid: '__expr__' });
    expect(JSON.parse(b.model)).toMatchObject({ type: 'threshold', expression: 'A', conditions: [{ evaluator: { type: 'gt', params: [0] } }] });
  });

  test('production: two probes every 2 minutes, the health window holds exactly the last 3 runs', () => {
    const t = observability({}, Environment.production({ project: 'acme' })).t();
    expect(t.resourceList('grafana_synthetic_monitoring_check').map((c) => [c.frequency, c.probes])).toEqual([
      [120000, [expect.stringContaining('probes["Ohio"]'), expect.stringContaining('probes["Atlanta"]')]],
      [120000, [expect.stringContaining('probes["Ohio"]'), expect.stringContaining('probes["Atlanta"]')]],
    ]);
    expect(JSON.parse(t.only('grafana_rule_group').rule[0].data[0].model).expr).toBe(
      '(count_over_time(probe_success{job="acme-production-api-health"}[359s]) - sum_over_time(probe_success{job="acme-production-api-health"}[359s])) >= 3');
  });

  test('the checks fail on a plain-http answer, follow no redirect and publish basic metrics only', () => {
    const check = observability().t().resourceList('grafana_synthetic_monitoring_check')[0];
    expect(check).toMatchObject({
      enabled: true,
      basic_metrics_only: true,
      timeout: 10000,
      labels: { environment: 'staging', service: 'api' },
      settings: { http: { method: 'GET', fail_if_not_ssl: true, no_follow_redirects: true, ip_version: 'V4' } },
    });
  });

  test('every watched service pins failure notifications; the Render provider waits for deploys', () => {
    const t = observability().t();
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job']) {
      for (const r of t.resourceList(type)) expect(r.notification_override).toEqual({ notifications_to_send: 'failure' });
    }
    expect(t.json.provider.render).toEqual([expect.objectContaining({ wait_for_deploy_completion: true })]);
  });

  test('notifications and failApplyOnFailedDeploy can be changed', () => {
    const t = observability({ notifications: RenderNotifications.ALL, failApplyOnFailedDeploy: false }).t();
    expect(t.resourceList('render_web_service').map((r) => r.notification_override.notifications_to_send)).toEqual(['all', 'all']);
    expect(t.json.provider.render[0].wait_for_deploy_completion).toBeUndefined();
  });

  test('without the release guard: no deploy, backup or guard rules (they read its markers), no guard resources', () => {
    const s = services();
    new RenderObservability(s.stack, 'Observability', { webServices: [s.api], backupJobs: [s.backup] });
    const t = Template.of(s.stack);
    expect(t.only('grafana_rule_group').rule.map((r: any) => r.name)).toEqual(['ApiHealthCheckFailing']);
    expect(t.count('cloudflare_workers_script')).toBe(0);
    expect(t.count('render_webhook')).toBe(0);
    expect(t.resourceList('grafana_dashboard').map((d) => JSON.parse(d.config_json).uid)).toEqual(['staging-api']);
  });

  test('dashboards use the typed panel model: the data source, the 5xx ratio and the AI latency threshold', () => {
    const dashboards = observability({ prometheusDatasourceUid: 'my-prom' }).t().resourceList('grafana_dashboard').map((d) => JSON.parse(d.config_json));
    const api = dashboards.find((d) => d.uid === 'staging-api');
    expect(api.panels.map((p: any) => p.title)).toEqual([
      'Requests by status', 'Errors (5xx ratio)', 'Response time (Render, by quantile)', 'Health check success (synthetic, 1 h)',
      'CPU (share of the instance\'s limit)', 'Memory (share of the instance\'s limit)', 'Instances', 'Minutes since the last deploy',
    ]);
    expect(api.panels[0].targets[0]).toMatchObject({ datasource: { type: 'prometheus', uid: 'my-prom' }, expr: 'sum by (status_code) (rate(render_service_http_requests_total{job="acme-staging-api"}[5m]))' });
    const ai = dashboards.find((d) => d.uid === 'staging-ai-worker');
    expect(ai.panels[0]).toMatchObject({ title: 'AI latency', fieldConfig: { defaults: { unit: 's', thresholds: { steps: [{ color: 'green', value: null }, { color: 'red', value: 10 }] } } } });
  });

  test('pausedAlerts keeps a rule but does not evaluate it', () => {
    const rules = observability({ pausedAlerts: ['DashboardHealthCheckFailing'] }).t().only('grafana_rule_group').rule;
    expect(rules.filter((r: any) => r.is_paused).map((r: any) => r.name)).toEqual(['DashboardHealthCheckFailing']);
  });

  test('thresholds change the rules and the guard', () => {
    const t = observability({ thresholds: { healthCheckFailures: 5, errorRisePercent: 25, minRequests: 100 } }).t();
    const rules = t.only('grafana_rule_group').rule;
    expect(JSON.parse(rules[0].data[0].model).expr).toMatch(/\[2999s\]\)\) >= 5$/);
    expect(JSON.parse(rules[1].data[0].model).expr).toContain('>= 1.25 * clamp_min(');
    const targets = JSON.parse(t.resourceList('cloudflare_workers_script')[0].bindings.find((b: any) => b.name === 'TARGETS').text);
    expect(targets['acme-staging-api']).toMatchObject({ healthFailures: 5, errors: { risePercent: 25, minRequests: 100 } });
  });

  test('SecurityChecks: zero findings', () => {
    const { s } = observability();
    const checks = new SecurityChecks();
    Aspects.of(s.stack).add(checks);
    Template.of(s.stack);
    checks.check(s.stack);
    expect(checks.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });

  test('errors name the prop as the user set it', () => {
    expect(errorOf(() => observability({ thresholds: { errorRisePercent: 150 } }))).toBe(
      '[test/Observability] invalid "thresholds.errorRisePercent": got 150; expected a number from 1 to 100');
    expect(errorOf(() => observability({ releaseGuard: { hostname: 'http://guard.example.com' } }))).toBe(
      '[test/Observability] invalid "releaseGuard.hostname": got "http://guard.example.com"; expected a lowercase hostname such as "release-guard.example.com"');
    expect(errorOf(() => observability({ pausedAlerts: ['ApiDown'] }))).toMatch(
      /^\[test\/Observability\] invalid "pausedAlerts\[0\]": got "ApiDown"; expected the name of one of this environment's alert rules: "ApiHealthCheckFailing", /);
  });

  test('a service listed twice is refused, naming both', () => {
    const s = services();
    expect(errorOf(() => new RenderObservability(s.stack, 'Observability', { webServices: [s.api, s.api] }))).toBe(
      '[test/Observability] invalid "webServices[1]": got "acme-staging-api"; expected a service not already listed (webServices[0] is test/Compute/Api)');
  });
});
