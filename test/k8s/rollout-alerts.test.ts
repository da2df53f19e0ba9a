import { errorMessage } from './support';
import { Environment, K8sReadyApp, LatencyMetric, RolloutAlerts, RolloutAlertsProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

function setup(props: Partial<RolloutAlertsProps> = {}, progressive = true) {
  const stack = environmentStack();
  const app = new K8sReadyApp(stack, 'Api', {
    name: 'api',
    image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
    port: 8000,
    ingress: { hosts: ['api-staging.example.com'] },
    progressiveDelivery: progressive ? {} : undefined,
  });
  return { stack, app, create: () => new RolloutAlerts(stack, 'Alerts', { app, ...props }) };
}

describe('RolloutAlerts', () => {
  test('writes a PrometheusRule next to the app', () => {
    const { stack, create } = setup({ aiLatencyHistogram: 'ai_inference_duration_seconds' });
    const alerts = create();
    const manifests = Template.of(stack).resourceList('kubernetes_manifest').map((m) => m.manifest);
    const rule = manifests.find((m) => m.kind === 'PrometheusRule');
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.metadata).toMatchObject({ name: 'api-rollout', namespace: 'livestreamsell-staging' });
    expect(rule.spec.groups[0].rules.map((r: any) => r.alert)).toEqual(alerts.alertNames);
    expect(alerts.alertNames).toEqual(['ApiHealthCheckFailing', 'ApiErrorRateRiseAfterRollout', 'ApiCanaryErrorRateAboveStable', 'ApiAiLatencyHigh', 'ApiRolloutAborted', 'ApiHpaMaxedOut']);
    expect(rule.spec.groups[0].rules[0].labels.environment).toBe('staging');
    const aborted = rule.spec.groups[0].rules.find((r: any) => r.alert === 'ApiRolloutAborted');
    expect(aborted.expr).toBe('max by (exported_namespace, name) (rollout_info{exported_namespace="livestreamsell-staging",name="api",phase="Abort"}) == 1');
    expect(aborted.labels).toEqual({ severity: 'critical', rollback: 'false', app: 'api', environment: 'staging' });
  });

  test('depends on the namespace, since it names it literally', () => {
    const { stack, create } = setup();
    create();
    const rule = Template.of(stack).resourceList('kubernetes_manifest').find((m) => m.manifest.kind === 'PrometheusRule');
    expect(rule.depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.DefaultNamespace_/)]);
  });

  test('leaves out the canary and abort rules without progressive delivery, and the AI rule without a histogram', () => {
    const { create } = setup({}, false);
    expect(create().alertNames).toEqual(['ApiHealthCheckFailing', 'ApiErrorRateRiseAfterRollout', 'ApiHpaMaxedOut']);
  });

  test('watches a worker through its own metrics', () => {
    const stack = environmentStack();
    const worker = new K8sReadyApp(stack, 'Worker', {
      name: 'worker', image: { repository: 'ghcr.io/o/w', tag: '1.0.0' }, port: 8001, metrics: {}, latencyMetric: LatencyMetric.pods('ai_inference_duration_seconds', 5000),
    });
    expect(new RolloutAlerts(stack, 'Alerts', { app: worker, aiLatencyHistogram: 'ai_inference_duration_seconds' }).alertNames).toEqual(['WorkerHealthCheckFailing', 'WorkerAiLatencyHigh', 'WorkerHpaMaxedOut']);
  });

  test('watches an app imported from another stack, labelled with this stack\'s environment', () => {
    const stack = environmentStack(Environment.production({ project: 'acme' }));
    const api = K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'acme-production', port: 8000, hosts: ['api.example.com'], progressiveDelivery: true });
    const alerts = new RolloutAlerts(stack, 'Alerts', { app: api });
    const rule = Template.of(stack).only('kubernetes_manifest');
    expect(alerts.alertNames).toEqual(['ApiHealthCheckFailing', 'ApiErrorRateRiseAfterRollout', 'ApiCanaryErrorRateAboveStable', 'ApiRolloutAborted', 'ApiHpaMaxedOut']);
    expect(rule.manifest.metadata.namespace).toBe('acme-production');
    expect(rule.manifest.spec.groups[0].rules[0].labels.environment).toBe('production');
    expect(rule.depends_on).toBeUndefined();
  });

  test.each<[string, Partial<RolloutAlertsProps>, string]>([
    ['zero health-check failures', { healthCheckFailures: 0 }, '[test/Alerts] invalid "healthCheckFailures": got 0; expected a whole number from 1 to 100'],
    ['a fractional error rise', { errorRisePercent: 7.5 }, '[test/Alerts] invalid "errorRisePercent": got 7.5; expected a whole number from 1 to 1000'],
    ['an AI latency of 0 s', { aiLatencySeconds: 0 }, '[test/Alerts] invalid "aiLatencySeconds": got 0; expected a whole number from 1 to 600'],
    ['a histogram with "_bucket" syntax errors', { aiLatencyHistogram: 'ai latency' }, '[test/Alerts] invalid "aiLatencyHistogram": got "ai latency"; expected a Prometheus metric name without "_bucket"'],
    ['a prop typo', { healthCheckFailure: 3 } as any, '[test/Alerts] invalid "healthCheckFailure": got 3; expected no such property: the properties here are "aiLatencyHistogram", "aiLatencySeconds", "app", "environment", "errorRisePercent", "healthCheckFailures", "hpaMaxedOutMinutes", "rolloutWindowMinutes"'],
  ])('refuses %s', (_what, props, message) => {
    const { create } = setup(props);
    expect(errorMessage(create)).toBe(message);
  });
});
