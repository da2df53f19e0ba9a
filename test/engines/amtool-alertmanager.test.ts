// The Alertmanager routing the platform configures, run by Alertmanager's own tools:
// `amtool check-config` on the alertmanager.yaml written into kube-prometheus-stack's
// values (as the chart hands it to the operator, with the Terraform variables filled in
// and the credential files of the mounted Secret in place), and `amtool config routes
// test` on the labels of every alert the app's PrometheusRules raise: critical alerts
// (every rollback condition, and an aborted release) page the on-call, warnings go to
// chat, kube-prometheus-stack's Watchdog goes nowhere.
import { Amtool } from '../support/amtool';
import { emittedStacks, prometheusRuleGroups, unescapeTerraform } from '../support/emitted';

const amtool = Amtool.find();
const maybe = amtool ? test : test.skip;

const SECRET_DIR = '/etc/alertmanager/secrets/alertmanager-receivers';
/** What a real apply passes for the plain variables the configuration interpolates. */
const VARIABLES: { [name: string]: string } = {
  oncall_email: 'oncall@livestreamsell.example',
  alert_sender_email: 'alerts@livestreamsell.example',
  alert_smtp_relay: 'smtp.livestreamsell.example:587',
  alert_smtp_username: 'alerts',
};

const platform = emittedStacks().find((s) => s.name === 'kubernetes-platform')!.json;
const release = Object.values<any>(platform.resource.helm_release).find((r) => r.chart === 'kube-prometheus-stack');
const values = JSON.parse(unescapeTerraform(release.values[0]));
/** alertmanager.yaml with the variables filled in. */
const config = JSON.parse(JSON.stringify(values.alertmanager.config).replace(/\$\{var\.([a-z_]+)\}/g, (_m, name: string) => {
  if (!(name in VARIABLES)) throw new Error(`no test value for variable ${name}`);
  return VARIABLES[name];
}));
/** The Secret's keys, each a file of the mounted Secret. */
const secretFiles = Object.fromEntries(Object.keys(Object.values<any>(platform.resource.kubernetes_secret_v1)[0].data).map((k) => [k, `mock-${k}`]));

/** Every alert the app's rules raise, with the labels Alertmanager receives (rule labels and alertname). */
const alerts = prometheusRuleGroups().flatMap((g) => g.group.rules.map((r: any) => ({ alertname: r.alert as string, ...r.labels as { [k: string]: string } })));

describe('amtool check-config', () => {
  maybe('accepts the alertmanager.yaml of the platform, credential files included', () => {
    const r = amtool!.withConfig(config, SECRET_DIR, secretFiles, (file) => amtool!.checkConfig(file));
    expect(r.output).toContain('SUCCESS');
    expect(r.output).toMatch(/3 receivers/);
    expect(r.code).toBe(0);
  });

  test('names every credential file of the Secret, and no credential', () => {
    const text = JSON.stringify(config);
    for (const key of Object.keys(secretFiles)) expect(text).toContain(`${SECRET_DIR}/${key}`);
    expect(text).not.toMatch(/api_url"|routing_key"|auth_password"/);
  });
});

describe('amtool config routes test', () => {
  test('covers the rollback alerts, the abort alert and the warnings of every app', () => {
    expect(alerts.filter((a) => a.severity === 'critical').map((a) => a.alertname).sort()).toEqual([
      'AiWorkerAiLatencyHigh', 'AiWorkerHealthCheckFailing', 'AiWorkerRolloutAborted',
      'ApiAiLatencyHigh', 'ApiCanaryErrorRateAboveStable', 'ApiErrorRateRiseAfterRollout', 'ApiHealthCheckFailing', 'ApiRolloutAborted',
      'DashboardErrorRateRiseAfterRollout', 'DashboardHealthCheckFailing',
    ]);
    expect(alerts.filter((a) => a.severity === 'warning').map((a) => a.alertname).sort()).toEqual(['AiWorkerHpaMaxedOut', 'ApiHpaMaxedOut', 'DashboardHpaMaxedOut']);
  });

  maybe('pages the on-call for every critical alert and posts every warning to chat', () => {
    amtool!.withConfig(config, SECRET_DIR, secretFiles, (file) => {
      const routed = Object.fromEntries(alerts.map((a) => [a.alertname, amtool!.routesOf(file, { ...a, namespace: 'livestreamsell-production' }).join(',')]));
      for (const a of alerts) expect([a.alertname, routed[a.alertname]]).toEqual([a.alertname, a.severity === 'critical' ? 'oncall' : 'chat']);
      expect(amtool!.verifyRoute(file, { alertname: 'ApiErrorRateRiseAfterRollout', severity: 'critical', rollback: 'true' }, ['oncall']).code).toBe(0);
    });
  });

  maybe('sends the Watchdog nowhere and alerts without a known severity to chat', () => {
    amtool!.withConfig(config, SECRET_DIR, secretFiles, (file) => {
      expect(amtool!.routesOf(file, { alertname: 'Watchdog', severity: 'none' })).toEqual(['null']);
      expect(amtool!.routesOf(file, { alertname: 'KubeletTooManyPods', severity: 'info' })).toEqual(['chat']);
    });
  });
});

describe('the Alertmanager checks can fail', () => {
  maybe('a route to a receiver that does not exist fails check-config', () => {
    const broken = JSON.parse(JSON.stringify(config));
    broken.route.routes[1].receiver = 'pager';
    const r = amtool!.withConfig(broken, SECRET_DIR, secretFiles, (file) => amtool!.checkConfig(file));
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('undefined receiver "pager"');
  });

  maybe('an alert that reaches another receiver than expected fails routes test', () => {
    const r = amtool!.withConfig(config, SECRET_DIR, secretFiles, (file) => amtool!.verifyRoute(file, { alertname: 'ApiHpaMaxedOut', severity: 'warning' }, ['oncall']));
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('Expected receivers did not match resolved receivers');
  });
});
