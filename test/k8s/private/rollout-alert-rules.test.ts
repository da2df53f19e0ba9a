import { AppQueryTarget } from '../../../lib/k8s/private/promql';
import { rolloutAlertRules, RolloutThresholds } from '../../../lib/k8s/private/rollout-alert-rules';

const api: AppQueryTarget = {
  namespace: 'livestreamsell-production',
  app: 'api',
  deployments: ['api', 'api-canary'],
  ingresses: ['api', 'api-canary'],
  service: 'api',
  canaryService: 'api-canary',
  hpa: 'api',
};
const thresholds: RolloutThresholds = {
  healthCheckFailures: 3,
  errorRisePercent: 15,
  rolloutWindowMinutes: 1,
  aiLatencyHistogram: 'ai_inference_duration_seconds',
  aiLatencySeconds: 10,
  hpaMaxedOutMinutes: 15,
  environment: 'production',
};

describe('rolloutAlertRules', () => {
  const rules = rolloutAlertRules(api, thresholds);
  const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));

  test('has one rule per PRD rollback condition, prefixed with the app', () => {
    expect(rules.map((r) => r.alert)).toEqual([
      'ApiHealthCheckFailing',
      'ApiErrorRateRiseAfterRollout',
      'ApiCanaryErrorRateAboveStable',
      'ApiAiLatencyHigh',
      'ApiHpaMaxedOut',
    ]);
  });

  test('health check: 3 failed probes of a stable or canary pod', () => {
    const pods = 'namespace="livestreamsell-production",pod=~"(api|api-canary)-[a-z0-9]+-[a-z0-9]+"';
    const failed = (types: string) => `prober_probe_total{${pods},probe_type=~"${types}",result="failed"}`;
    // A failed-probe series that did not exist 5 minutes ago counts in full (kubelet creates it at the first failure).
    const count = (types: string) => `sum by (pod) ((${failed(types)} unless ${failed(types)} offset 5m) or increase(${failed(types)}[5m]))`;
    expect(byName.ApiHealthCheckFailing.expr).toBe(
      `${count('Readiness|Liveness')} >= 3 or (${count('Startup')} >= 3 and on (pod) sum by (pod) (increase(kube_pod_container_status_restarts_total{${pods}}[5m])) > 0)`,
    );
    expect(byName.ApiHealthCheckFailing.labels).toEqual({ severity: 'critical', rollback: 'true', app: 'api', environment: 'production' });
  });

  test('5xx ratio of the last minute 15% above the hour before, only in the first minute a new ReplicaSet of the app serves', () => {
    const sel = (extra: string) => `{exported_namespace="livestreamsell-production",ingress=~"api|api-canary"${extra}}`;
    // No 5xx series at all (ingress-nginx creates it at the first 5xx) is an error rate of 0, not an empty ratio.
    const total = (w: string, off: string) => `sum(rate(nginx_ingress_controller_requests${sel('')}[${w}]${off}))`;
    const ratio = (w: string, off: string) =>
      `((sum(rate(nginx_ingress_controller_requests${sel(',status=~"5.."')}[${w}]${off})) or ${total(w, off)} * 0) / ${total(w, off)})`;
    expect(byName.ApiErrorRateRiseAfterRollout.expr).toBe(
      `(${ratio('1m', '')} > 1.15 * clamp_min(${ratio('1h', ' offset 1m')}, 0.001)) and on() `
      + '(((kube_replicaset_status_ready_replicas{namespace="livestreamsell-production"} > 0) unless (kube_replicaset_status_ready_replicas{namespace="livestreamsell-production"} offset 1m > 0)) '
      + 'and on (namespace, replicaset) kube_replicaset_owner{namespace="livestreamsell-production",owner_kind="Deployment",owner_name=~"api|api-canary"})',
    );
  });

  test('canary 5xx ratio 15% above the stable one', () => {
    // ingress-nginx reports canary traffic under the stable Service, named only in its `canary` label (the upstream).
    expect(byName.ApiCanaryErrorRateAboveStable.expr).toContain('exported_service="api",canary="livestreamsell-production-api-canary-http",status=~"5.."');
    expect(byName.ApiCanaryErrorRateAboveStable.expr).toContain('> 1.15 * clamp_min(((sum(rate(nginx_ingress_controller_requests{exported_namespace="livestreamsell-production",exported_service="api",canary="",status=~"5.."}[1m])) or ');
    expect(byName.ApiCanaryErrorRateAboveStable.for).toBe('1m');
  });

  test('AI latency p95 at or above 10 s (default buckets top out at 10)', () => {
    expect(byName.ApiAiLatencyHigh.expr).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(ai_inference_duration_seconds_bucket{namespace="livestreamsell-production",pod=~"(api|api-canary)-[a-z0-9]+-[a-z0-9]+"}[5m]))) >= 10',
    );
  });

  test('HPA pinned at max is a warning, not a rollback', () => {
    expect(byName.ApiHpaMaxedOut).toMatchObject({
      expr: 'kube_horizontalpodautoscaler_status_current_replicas{namespace="livestreamsell-production",horizontalpodautoscaler="api"} >= kube_horizontalpodautoscaler_spec_max_replicas{namespace="livestreamsell-production",horizontalpodautoscaler="api"}',
      for: '15m',
      labels: { severity: 'warning', rollback: 'false' },
    });
  });

  test('a worker without ingress or canary gets only health, AI latency and HPA rules', () => {
    const worker = rolloutAlertRules({ ...api, app: 'ai-worker', deployments: ['ai-worker'], ingresses: [], canaryService: undefined, hpa: 'ai-worker' }, thresholds);
    expect(worker.map((r) => r.alert)).toEqual(['AiWorkerHealthCheckFailing', 'AiWorkerAiLatencyHigh', 'AiWorkerHpaMaxedOut']);
  });

  test('thresholds are configurable', () => {
    const custom = rolloutAlertRules(api, { ...thresholds, errorRisePercent: 50, healthCheckFailures: 5, aiLatencySeconds: 8 });
    expect(custom[0].expr).toMatch(/\) >= 5 or \(.*\) >= 5 and on \(pod\)/);
    expect(custom[1].expr).toContain('> 1.50 * clamp_min');
    expect(custom[3].expr).toMatch(/>= 8$/);
  });
});
