import { errorMessage, securityFindings } from './support';
import { Environment, K8sReadyApp, K8sReadyAppProps, LatencyMetric, RolloutMetric } from '../../lib';
import { Template, environmentStack } from '../support/template';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };

function synth(props: Partial<K8sReadyAppProps> = {}, env?: Environment): { t: Template; app: K8sReadyApp } {
  const stack = environmentStack(env);
  const app = new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api-staging.example.com'] }, metrics: {}, progressiveDelivery: {}, ...props });
  return { t: Template.of(stack), app };
}

const manifest = (t: Template, kind: string) => t.resourceList('kubernetes_manifest').map((m) => m.manifest).find((m) => m.kind === kind);

describe('K8sReadyApp progressiveDelivery: the Rollout', () => {
  const { t, app } = synth();
  const rollout = manifest(t, 'Rollout');
  const canary = rollout.spec.strategy.canary;

  test('follows PRD 11.2 by default: 5% for 10 minutes, then 100%', () => {
    expect(canary.steps).toEqual([{ setWeight: 5 }, { pause: { duration: '10m' } }]);
  });

  test('takes its pod template from the Deployment, which runs no pods of its own', () => {
    expect(rollout.spec.workloadRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', scaleDown: 'progressively' });
    expect(rollout.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
    const deployment = t.only('kubernetes_deployment_v1');
    expect(deployment.spec.replicas).toBe('0');
    expect(deployment.lifecycle.ignore_changes).toEqual(['spec[0].replicas']);
    // The HPA owns the Rollout's replicas: Terraform never sets them.
    expect(rollout.spec.replicas).toBeUndefined();
  });

  test('splits the traffic with ingress-nginx on the app\'s stable Ingress, through a stable and a canary Service', () => {
    expect(canary.trafficRouting).toEqual({ nginx: { stableIngress: 'api' } });
    expect([canary.stableService, canary.canaryService]).toEqual(['api', 'api-canary']);
    const services = t.resourceList('kubernetes_service_v1');
    expect(services.map((s) => [s.metadata.name, s.spec.selector, s.lifecycle.ignore_changes]).sort()).toEqual([
      ['api', { 'app.kubernetes.io/name': 'api' }, ['spec[0].selector', 'metadata[0].annotations']],
      ['api-canary', { 'app.kubernetes.io/name': 'api' }, ['spec[0].selector', 'metadata[0].annotations']],
    ]);
    // Argo Rollouts creates the canary Ingress itself: the library makes only the stable one.
    expect(t.resourceList('kubernetes_ingress_v1').map((i) => i.metadata.name)).toEqual(['api']);
    expect([app.canaryName, app.rolloutName]).toEqual(['api-canary', 'api']);
  });

  test('runs the analysis in the background from the first step, with the canary\'s pod-template hash', () => {
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'api' }],
      startingStep: 0,
      args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    });
    expect(rollout.spec.progressDeadlineAbort).toBe(true);
    expect([canary.maxSurge, canary.maxUnavailable]).toEqual(['25%', 0]);
    expect([canary.canaryMetadata, canary.stableMetadata]).toEqual([{ labels: { track: 'canary' } }, { labels: { track: 'stable' } }]);
  });

  test('has the HPA scale the Rollout', () => {
    expect(t.only('kubernetes_horizontal_pod_autoscaler_v2').spec.scale_target_ref).toEqual({
      api_version: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: expect.stringMatching(/kubernetes_deployment_v1\.Api_[0-9A-F]+\.metadata\[0\]\.name/),
    });
  });

  test('creates the Rollout after the objects it looks up by name', () => {
    const resource = t.resourceList('kubernetes_manifest').find((m) => m.manifest.kind === 'Rollout');
    expect(resource.depends_on).toEqual([
      expect.stringMatching(/^kubernetes_deployment_v1\.Api_/),
      expect.stringMatching(/^kubernetes_manifest\.Api_Analysis_/),
      expect.stringMatching(/^kubernetes_service_v1\.Api_Service_/),
      expect.stringMatching(/^kubernetes_service_v1\.Api_CanaryService_/),
      expect.stringMatching(/^kubernetes_ingress_v1\.Api_Ingress_/),
    ]);
  });

  test('passes every SecurityChecks rule', () => {
    const stack = environmentStack(Environment.production({ project: 'livestreamsell' }));
    new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api.example.com'] }, metrics: {}, progressiveDelivery: {} });
    expect(securityFindings(stack)).toEqual([]);
  });
});

describe('K8sReadyApp progressiveDelivery: the AnalysisTemplate', () => {
  test('measures health checks and the 5xx rise by default, every 30 s, and fails at the first bad measurement', () => {
    const template = manifest(synth().t, 'AnalysisTemplate');
    expect(template.metadata.name).toBe('api');
    expect(template.spec.args).toEqual([{ name: 'canary-hash' }]);
    expect(template.spec.metrics.map((m: any) => [m.name, m.failureCondition, m.interval, m.failureLimit, m.consecutiveErrorLimit])).toEqual([
      ['health-checks', 'result[0] >= 3', '30s', 0, 4],
      ['error-rate', 'result[0] > 1.15', '30s', 0, 4],
    ]);
    expect(template.spec.metrics[0].provider.prometheus.address).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
  });

  test('selects the canary pods by the hash argument and the canary traffic by ingress-nginx\'s canary label', () => {
    const [health, errors] = manifest(synth().t, 'AnalysisTemplate').spec.metrics.map((m: any) => m.provider.prometheus.query);
    expect(health).toContain('prober_probe_total{namespace="livestreamsell-staging",pod=~"api-{{args.canary-hash}}-[a-z0-9]+",probe_type=~"Readiness|Liveness",result="failed"}');
    expect(health).toMatch(/^max\(.* or vector\(0\)\)$/);
    expect(errors).toContain('canary="livestreamsell-staging-api-canary-http",status=~"5.."');
    expect(errors).toContain('canary="",status=~"5.."');
    expect(errors).toMatch(/ >= 0\) or vector\(0\)$/);
  });

  test('takes custom steps, metrics and interval', () => {
    const { t } = synth({
      progressiveDelivery: {
        steps: [{ weight: 10 }, { pauseMinutes: 5 }, { weight: 50 }, { pauseMinutes: 15 }],
        analysis: { metrics: [RolloutMetric.latency('ai_inference_duration_seconds', 12), RolloutMetric.healthChecks(5)], intervalSeconds: 60 },
      },
    });
    expect(manifest(t, 'Rollout').spec.strategy.canary.steps).toEqual([{ setWeight: 10 }, { pause: { duration: '5m' } }, { setWeight: 50 }, { pause: { duration: '15m' } }]);
    const metrics = manifest(t, 'AnalysisTemplate').spec.metrics;
    expect(metrics.map((m: any) => [m.name, m.failureCondition, m.interval])).toEqual([
      ['latency-ai-inference-duration-seconds', 'result[0] >= 12', '60s'],
      ['health-checks', 'result[0] >= 5', '60s'],
    ]);
    expect(metrics[0].provider.prometheus.query).toBe(
      '(histogram_quantile(0.95, sum by (le) (rate(ai_inference_duration_seconds_bucket{namespace="livestreamsell-staging",pod=~"api-{{args.canary-hash}}-[a-z0-9]+"}[5m]))) >= 0) or vector(0)',
    );
  });

  test('a worker without an Ingress: a canary by replica count, no canary Service, health checks only by default', () => {
    const { t, app } = synth({ name: 'worker', ingress: undefined, port: 8001, metrics: { port: 9100 }, latencyMetric: LatencyMetric.pods('http_request_duration_seconds', 500) });
    const canary = manifest(t, 'Rollout').spec.strategy.canary;
    expect([canary.trafficRouting, canary.stableService, canary.canaryService]).toEqual([undefined, undefined, undefined]);
    expect(t.resourceList('kubernetes_service_v1').map((s) => s.metadata.name)).toEqual(['worker']);
    expect(manifest(t, 'AnalysisTemplate').spec.metrics.map((m: any) => m.name)).toEqual(['health-checks']);
    expect([app.canaryName, app.rolloutName]).toEqual([undefined, 'worker']);
  });
});

describe('K8sReadyApp without progressiveDelivery', () => {
  test('keeps rolling updates: no Rollout, no canary Service, the HPA scales the Deployment', () => {
    const { t, app } = synth({ progressiveDelivery: undefined });
    expect(t.resourceList('kubernetes_manifest').map((m) => m.manifest.kind)).toEqual(['PodMonitor']);
    expect(t.only('kubernetes_deployment_v1').spec.strategy.type).toBe('RollingUpdate');
    expect(t.only('kubernetes_horizontal_pod_autoscaler_v2').spec.scale_target_ref.kind).toBe('Deployment');
    expect(t.only('kubernetes_service_v1').spec.selector).toEqual({ 'app.kubernetes.io/name': 'api', 'track': 'stable' });
    expect([app.canaryName, app.rolloutName]).toEqual([undefined, undefined]);
  });
});

describe('K8sReadyApp progressiveDelivery: bad input', () => {
  const message = (props: { [key: string]: any }) => errorMessage(() => synth(props as Partial<K8sReadyAppProps>));

  test('a step weight over 100, and a pause under a minute', () => {
    expect(message({ progressiveDelivery: { steps: [{ weight: 150 }, { pauseMinutes: 10 }] } }))
      .toBe('[test/Api] invalid "progressiveDelivery.steps[0].weight": got 150; expected a whole number from 1 to 100');
    expect(message({ progressiveDelivery: { steps: [{ weight: 5 }, { pauseMinutes: 0.5 }] } }))
      .toBe('[test/Api] invalid "progressiveDelivery.steps[1].pauseMinutes": got 0.5; expected a whole number from 1 to 1440');
  });

  test('an analysis without a metric', () => {
    expect(message({ progressiveDelivery: { analysis: { metrics: [] } } }))
      .toBe('[test/Api] invalid "progressiveDelivery.analysis.metrics": got []; expected at least one RolloutMetric (RolloutMetric.healthChecks(), RolloutMetric.errorRateRise() or RolloutMetric.latency("<histogram>", <seconds>)): an analysis without a metric never fails, so it would never abort a bad release');
  });
});
