// The rollback alerts (PRD 11.2) run by Prometheus itself: `promtool check rules` on
// every PrometheusRule group the app emits, and `promtool test rules` on series
// labelled the way the real exporters label them:
// - kubelet's prober counter (`prober_probe_total`, created at the first failure);
// - kube-state-metrics (Deployments, ReplicaSets, HPAs, container restarts);
// - ingress-nginx through kube-prometheus-stack's ServiceMonitor: the controller's own
//   `namespace`/`service` labels become `exported_namespace`/`exported_service`, and
//   canary traffic is reported under the stable Ingress's labels, named only in `canary`
//   (the canary upstream, `<namespace>-<service>-<port>`);
// - the app's histograms with the Python prometheus_client default buckets.
// Every condition has a case that must fire and cases that must stay silent. The cases
// that showed the five defects fixed in lib/k8s (canary label, new failure counters and
// startup probes, the release key, default buckets, empty baselines) were test.failing
// until their fix (see the fix(k8s) commits).
import { dashboards, prometheusRuleGroups } from '../support/emitted';
import { CANARY, counter, cumulativeOf, DEFAULT_BUCKETS, histogram, ksm, kubelet, nginx, NS, rolloutInfo, values } from '../support/exporter-series';
import { InputSeries, Promtool, RuleGroup, RuleScenario } from '../support/promtool';

const promtool = Promtool.find();
const maybe = promtool ? test : test.skip;

const groups = prometheusRuleGroups();
const groupOf = (stack: string, name: string): RuleGroup => {
  const g = groups.find((x) => x.stack === stack && x.group.name === name);
  if (!g) throw new Error(`no rule group ${name} in stack ${stack}`);
  return g.group;
};
const api = () => groupOf('kubernetes', 'api.rollout');
const worker = () => groupOf('kubernetes', 'ai-worker.rollout');
const ruleLabels = (app: string, rollback = true) => ({ severity: rollback ? 'critical' : 'warning', rollback: String(rollback), app, environment: 'production' });

/** Expects promtool to accept the scenarios; shows promtool's own report otherwise. */
function expectPass(group: RuleGroup, scenarios: RuleScenario[], options?: { annotations?: boolean }): void {
  const r = promtool!.test([group], scenarios, options);
  if (r.code !== 0) throw new Error(`promtool test rules failed:\n${r.output}`);
  expect(r.output).toContain('SUCCESS');
}

/** 5xx and total of the API's stable traffic, 20 requests/s, `errorsPerStep(i)` of each 600 requests per 30 s being 5xx. */
function apiTraffic(steps: number, errorsPerStep: (i: number) => number | undefined): InputSeries[] {
  const firstError = Array.from({ length: steps + 1 }, (_v, i) => i).find((i) => errorsPerStep(i) !== undefined) ?? steps + 1;
  return [
    { series: nginx('200'), values: counter(steps, (i) => 600 - (errorsPerStep(i) ?? 0)) },
    { series: nginx('500'), values: counter(steps, (i) => errorsPerStep(i) ?? 0, firstError, errorsPerStep(firstError) ?? 0) },
  ];
}

/**
 * A release at 60 m: the Deployment's generation goes 2 -> 3, kube-state-metrics sees a
 * new ReplicaSet owned by it, whose first pod is ready at 62 m (startup, readiness and
 * minReadySeconds take time), while the old ReplicaSet scales down.
 */
function release(steps: number): InputSeries[] {
  const owner = (rs: string) => ksm('kube_replicaset_owner', { replicaset: rs, owner_kind: 'Deployment', owner_name: 'api', owner_is_controller: 'true' });
  return [
    { series: ksm('kube_deployment_metadata_generation', { deployment: 'api' }), values: values(steps, (i) => (i < 120 ? 2 : 3)) },
    { series: ksm('kube_deployment_status_observed_generation', { deployment: 'api' }), values: values(steps, (i) => (i < 120 ? 2 : 3)) },
    { series: ksm('kube_deployment_spec_replicas', { deployment: 'api' }), values: values(steps, () => 3) },
    { series: owner('api-5c8d7b9f4'), values: values(steps, () => 1) },
    { series: owner('api-6b7d9c4f5'), values: values(steps, (i) => (i < 120 ? undefined : 1)) },
    { series: ksm('kube_replicaset_status_ready_replicas', { replicaset: 'api-5c8d7b9f4' }), values: values(steps, (i) => (i < 126 ? 3 : i < 128 ? 2 : i < 130 ? 1 : 0)) },
    { series: ksm('kube_replicaset_status_ready_replicas', { replicaset: 'api-6b7d9c4f5' }), values: values(steps, (i) => (i < 120 ? undefined : i < 124 ? 0 : i < 126 ? 1 : i < 128 ? 2 : 3)) },
  ];
}

/** The HPA scales the API from 3 to 5 replicas at 60 m: the generation changes, the pod template does not. */
function hpaScale(steps: number): InputSeries[] {
  return [
    { series: ksm('kube_deployment_metadata_generation', { deployment: 'api' }), values: values(steps, (i) => (i < 120 ? 2 : 3)) },
    { series: ksm('kube_deployment_status_observed_generation', { deployment: 'api' }), values: values(steps, (i) => (i < 120 ? 2 : 3)) },
    { series: ksm('kube_deployment_spec_replicas', { deployment: 'api' }), values: values(steps, (i) => (i < 120 ? 3 : 5)) },
    { series: ksm('kube_replicaset_owner', { replicaset: 'api-5c8d7b9f4', owner_kind: 'Deployment', owner_name: 'api', owner_is_controller: 'true' }), values: values(steps, () => 1) },
    { series: ksm('kube_replicaset_status_ready_replicas', { replicaset: 'api-5c8d7b9f4' }), values: values(steps, (i) => (i < 121 ? 3 : i < 122 ? 4 : 5)) },
  ];
}

describe('promtool check rules', () => {
  test('the app emits rollout rule groups for the API, the AI worker and the dashboard', () => {
    expect(groups.map((g) => `${g.stack}: ${g.group.name}`).sort()).toEqual([
      'kubernetes: ai-worker.rollout',
      'kubernetes: api.rollout',
      'kubernetes: dashboard.rollout',
    ]);
  });

  maybe.each(groups.map((g) => [`${g.stack}: ${g.group.name}`, g.group] as const))('%s passes promtool check rules', (_name, group) => {
    const r = promtool!.checkRules([group]);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code).toBe(0);
  });
});

describe('promtool test rules: health check failed 3 times (rollback)', () => {
  const pod = 'api-6b7d9c4f5-x2x9k';
  maybe('fires when 3 readiness failures fall between two scrapes of a counter that did not exist before (kubelet creates it at the first failure)', () => {
    expectPass(api(), [{
      name: 'readiness failed 3 times, first failures of the pod',
      series: [
        { series: kubelet(pod, 'Readiness', 'successful'), values: counter(40, () => 3) },
        { series: kubelet(pod, 'Readiness', 'failed'), values: values(40, (i) => (i < 20 ? undefined : 3)) },
      ],
      alerts: [
        { at: '9m30s', alert: 'ApiHealthCheckFailing', expect: [] },
        { at: '11m', alert: 'ApiHealthCheckFailing', expect: [{ labels: { ...ruleLabels('api'), pod } }] },
        // Five minutes later the failures are history.
        { at: '16m', alert: 'ApiHealthCheckFailing', expect: [] },
      ],
    }]);
  });

  maybe('renders its annotations (pod and count)', () => {
    expectPass(api(), [{
      name: 'annotations',
      series: [{ series: kubelet(pod, 'Liveness', 'failed'), values: values(20, (i) => (i < 10 ? undefined : 4)) }],
      alerts: [{
        at: '6m',
        alert: 'ApiHealthCheckFailing',
        expect: [{
          labels: { ...ruleLabels('api'), pod },
          annotations: { summary: 'api: health check failed 3 times', description: `Pod ${pod} failed its health probe 4 times in 5 minutes. Roll back the release.` },
        }],
      }],
    }], { annotations: true });
  });

  maybe('fires when a release never passes its startup probe (the kubelet restarts the container)', () => {
    const stuck = 'api-6b7d9c4f5-q8w7e';
    expectPass(api(), [{
      name: 'startup probe fails every 5 s; at 30 failures the container is restarted',
      series: [
        { series: kubelet(stuck, 'Startup', 'failed'), values: counter(30, () => 6, 20, 6) },
        { series: ksm('kube_pod_container_status_restarts_total', { container: 'api', pod: stuck, uid: '9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b' }), values: values(30, (i) => (i < 16 ? undefined : i < 25 ? 0 : 1)) },
      ],
      alerts: [
        { at: '12m', alert: 'ApiHealthCheckFailing', expect: [] },
        { at: '13m', alert: 'ApiHealthCheckFailing', expect: [{ labels: { ...ruleLabels('api'), pod: stuck } }] },
      ],
    }]);
  });

  maybe('stays silent on 2 failures, and on a slow start whose startup probe passes after a few tries', () => {
    expectPass(api(), [
      {
        name: '2 readiness failures of a new counter, 2 more of an old one',
        series: [
          { series: kubelet(pod, 'Readiness', 'failed'), values: values(30, (i) => (i < 20 ? undefined : 2)) },
          { series: kubelet('api-6b7d9c4f5-h7j8k', 'Liveness', 'failed'), values: values(30, (i) => (i < 20 ? 5 : 7)) },
        ],
        alerts: [{ at: '10m30s', alert: 'ApiHealthCheckFailing', expect: [] }, { at: '12m', alert: 'ApiHealthCheckFailing', expect: [] }],
      },
      {
        name: 'slow start: 8 startup failures, then the probe passes; no restart',
        series: [
          { series: kubelet(pod, 'Startup', 'failed'), values: values(30, (i) => (i < 20 ? undefined : i < 21 ? 6 : 8)) },
          { series: kubelet(pod, 'Startup', 'successful'), values: values(30, (i) => (i < 22 ? undefined : 1)) },
          { series: ksm('kube_pod_container_status_restarts_total', { container: 'api', pod, uid: '5b1c2d3e-0f4a-4b6c-8d9e-a1b2c3d4e5f6' }), values: values(30, (i) => (i < 19 ? undefined : 0)) },
        ],
        alerts: [{ at: '11m', alert: 'ApiHealthCheckFailing', expect: [] }, { at: '13m', alert: 'ApiHealthCheckFailing', expect: [] }],
      },
    ]);
  });
});

describe('promtool test rules: 5xx ratio up 15% in the first minute after a release (rollback)', () => {
  const STEPS = 140;
  maybe('fires when the new pods serve 2% errors against 1% in the hour before, and only in that first minute', () => {
    expectPass(api(), [{
      name: 'release at 60 m, new pods ready at 62 m, errors double',
      series: [...apiTraffic(STEPS, (i) => (i < 124 ? 6 : 12)), ...release(STEPS)],
      alerts: [
        { at: '61m', alert: 'ApiErrorRateRiseAfterRollout', expect: [] },
        { at: '62m30s', alert: 'ApiErrorRateRiseAfterRollout', expect: [{ labels: ruleLabels('api') }] },
        { at: '64m', alert: 'ApiErrorRateRiseAfterRollout', expect: [] },
      ],
    }]);
  });

  maybe('fires when the release is an Argo Rollouts canary (its ReplicaSets are owned by the Rollout)', () => {
    const byRollout = release(STEPS).map((x) => ({ ...x, series: x.series.replace('owner_kind="Deployment"', 'owner_kind="Rollout"') }));
    expect(byRollout.filter((x) => x.series.includes('owner_kind="Rollout"'))).toHaveLength(2);
    expectPass(api(), [{
      name: 'canary ReplicaSet of the Rollout ready at 62 m, errors double',
      series: [...apiTraffic(STEPS, (i) => (i < 124 ? 6 : 12)), ...byRollout],
      alerts: [{ at: '62m30s', alert: 'ApiErrorRateRiseAfterRollout', expect: [{ labels: ruleLabels('api') }] }],
    }]);
  });

  maybe('stays silent on a +10% rise after a release', () => {
    expectPass(api(), [{
      name: 'release, errors 1% -> 1.1%',
      series: [...apiTraffic(STEPS, (i) => (i < 124 ? 6 : 6.6)), ...release(STEPS)],
      alerts: [{ at: '62m30s', alert: 'ApiErrorRateRiseAfterRollout', expect: [] }],
    }]);
  });

  maybe('stays silent when the HPA scales without a release (the generation changes, the pod template does not)', () => {
    expectPass(api(), [{
      name: 'HPA 3 -> 5 at 60 m under load, errors 1% -> 2%',
      series: [...apiTraffic(STEPS, (i) => (i < 120 ? 6 : 12)), ...hpaScale(STEPS)],
      alerts: [
        { at: '60m30s', alert: 'ApiErrorRateRiseAfterRollout', expect: [] },
        { at: '61m', alert: 'ApiErrorRateRiseAfterRollout', expect: [] },
      ],
    }]);
  });

  maybe('fires when the service had no 5xx at all in the hour before (its 5xx counter did not exist) and jumps to 5%', () => {
    expectPass(api(), [{
      name: 'no 5xx series before the release, 5% after',
      series: [...apiTraffic(STEPS, (i) => (i < 124 ? undefined : 30)), ...release(STEPS)],
      alerts: [{ at: '62m30s', alert: 'ApiErrorRateRiseAfterRollout', expect: [{ labels: ruleLabels('api') }] }],
    }]);
  });
});

describe('promtool test rules: canary at 5% for 10 minutes, 5xx ratio 15% above stable (rollback)', () => {
  /** 100 requests/s: 95 to stable, 5 to the canary (its Ingress has canary-weight 5). */
  function canaryTraffic(stableErrorRatio: number, canaryErrorRatio: number): InputSeries[] {
    return [
      { series: nginx('200'), values: counter(20, () => 2850 * (1 - stableErrorRatio)) },
      { series: nginx('500'), values: counter(20, () => 2850 * stableErrorRatio) },
      { series: nginx('200', CANARY), values: counter(20, () => 150 * (1 - canaryErrorRatio)) },
      { series: nginx('503', CANARY), values: counter(20, () => 150 * canaryErrorRatio) },
    ];
  }

  maybe('fires when the canary answers 10% 5xx against 1% on stable', () => {
    expectPass(api(), [{
      name: 'canary 10% vs stable 1%',
      series: canaryTraffic(0.01, 0.1),
      alerts: [{ at: '10m', alert: 'ApiCanaryErrorRateAboveStable', expect: [{ labels: ruleLabels('api') }] }],
    }]);
  });

  maybe('fires when stable has no 5xx series at all and the canary answers 10% 5xx', () => {
    expectPass(api(), [{
      name: 'canary 10% vs stable without any 5xx',
      series: canaryTraffic(0.01, 0.1).filter((s) => !s.series.includes('status="500"')),
      alerts: [{ at: '10m', alert: 'ApiCanaryErrorRateAboveStable', expect: [{ labels: ruleLabels('api') }] }],
    }]);
  });

  maybe('stays silent when the canary is 10% above stable (1.1% vs 1%)', () => {
    expectPass(api(), [{
      name: 'canary 1.1% vs stable 1%',
      series: canaryTraffic(0.01, 0.011),
      alerts: [{ at: '10m', alert: 'ApiCanaryErrorRateAboveStable', expect: [] }],
    }]);
  });

  maybe('the dashboard\'s stable and canary 5xx panels split the traffic by the canary label', () => {
    const json = dashboards().find((d) => d.stack === 'kubernetes' && d.dashboard.uid === 'production-api')!.dashboard;
    const panel = json.panels.find((p: any) => p.title === 'Errors (5xx ratio)');
    const expr = (legend: string) => panel.targets.find((t: any) => t.legendFormat === legend).expr;
    expectPass(api(), [{
      name: 'dashboard 5xx panels',
      series: canaryTraffic(0.01, 0.1),
      promql: [
        // Rounded to 0.01%: the ratios of these counters are not exact in binary.
        { at: '10m', expr: `round(${expr('stable')}, 0.0001)`, expect: [{ labels: '{}', value: 0.01 }] },
        { at: '10m', expr: `round(${expr('canary')}, 0.0001)`, expect: [{ labels: '{}', value: 0.1 }] },
      ],
    }]);
  });
});

describe('promtool test rules: AI latency above 10 s (rollback)', () => {
  const EXTENDED = [...DEFAULT_BUCKETS.slice(0, -1), '15', '20', '30', '60', '+Inf'];
  maybe('fires with the default buckets (last finite bound 10 s) when more than 5% of inferences take longer than 10 s', () => {
    expectPass(worker(), [{
      name: 'default buckets, 8% above 10 s',
      series: histogram(DEFAULT_BUCKETS, cumulativeOf({ '2.5': 40, '5': 30, '7.5': 15, '10': 7, '+Inf': 8 })),
      alerts: [{ at: '8m', alert: 'AiWorkerAiLatencyHigh', expect: [{ labels: ruleLabels('ai-worker') }] }],
    }]);
  });

  maybe('stays silent with the default buckets when p95 is 9.6 s', () => {
    expectPass(worker(), [{
      name: 'default buckets, 3% above 10 s',
      series: histogram(DEFAULT_BUCKETS, cumulativeOf({ '2.5': 40, '5': 30, '7.5': 15, '10': 12, '+Inf': 3 })),
      alerts: [{ at: '8m', alert: 'AiWorkerAiLatencyHigh', expect: [] }],
    }]);
  });

  maybe('fires with buckets above 10 s when p95 is 12.5 s, and stays silent at 9.6 s', () => {
    expectPass(worker(), [
      {
        name: 'extended buckets, p95 12.5 s',
        series: histogram(EXTENDED, cumulativeOf({ 2.5: 40, 5: 30, 7.5: 15, 10: 5, 15: 10 })),
        alerts: [{ at: '8m', alert: 'AiWorkerAiLatencyHigh', expect: [{ labels: ruleLabels('ai-worker') }] }],
      },
      {
        name: 'extended buckets, p95 9.6 s',
        series: histogram(EXTENDED, cumulativeOf({ 2.5: 40, 5: 30, 7.5: 15, 10: 12, 15: 3 })),
        alerts: [{ at: '8m', alert: 'AiWorkerAiLatencyHigh', expect: [] }],
      },
    ]);
  });
});

describe('promtool test rules: Argo Rollouts aborted the release (critical, what the on-call sees)', () => {
  maybe('fires while the Rollout is in the Abort phase, and stays silent while it progresses or is healthy', () => {
    // The controller exports one series per Rollout, labelled with the current phase: when the
    // phase changes, the old series leaves the scrape and Prometheus marks it stale.
    const phases = (phase: (i: number) => string) => ['Progressing', 'Paused', 'Abort', 'Completed'].map((p) => ({
      series: rolloutInfo('api', p),
      values: Array.from({ length: 41 }, (_v, i) => (phase(i) === p ? '1' : i > 0 && phase(i - 1) === p ? 'stale' : '_')).join(' '),
    }));
    expectPass(api(), [{
      name: 'paused at 5%, the analysis fails at 12 m, a fixed release completes at 18 m',
      series: phases((i) => (i < 4 ? 'Progressing' : i < 24 ? 'Paused' : i < 36 ? 'Abort' : 'Completed')),
      alerts: [
        { at: '11m', alert: 'ApiRolloutAborted', expect: [] },
        { at: '13m', alert: 'ApiRolloutAborted', expect: [{ labels: { ...ruleLabels('api'), rollback: 'false', exported_namespace: NS, name: 'api' } }] },
        { at: '19m', alert: 'ApiRolloutAborted', expect: [] },
      ],
    }]);
  });
});

describe('promtool test rules: HPA pinned at its maximum (warning, no rollback)', () => {
  const hpa = (current: number) => [
    { series: ksm('kube_horizontalpodautoscaler_status_current_replicas', { horizontalpodautoscaler: 'api' }), values: values(40, () => current) },
    { series: ksm('kube_horizontalpodautoscaler_spec_max_replicas', { horizontalpodautoscaler: 'api' }), values: values(40, () => 10) },
  ];
  maybe('fires after 15 minutes at 10 of 10 replicas, and stays silent at 6 of 10', () => {
    expectPass(api(), [
      {
        name: 'at max',
        series: hpa(10),
        alerts: [
          { at: '14m', alert: 'ApiHpaMaxedOut', expect: [] },
          { at: '16m', alert: 'ApiHpaMaxedOut', expect: [{ labels: { ...ruleLabels('api', false), horizontalpodautoscaler: 'api', instance: '10.0.3.9:8080', job: 'kube-state-metrics', namespace: NS } }] },
        ],
      },
      { name: 'below max', series: hpa(6), alerts: [{ at: '16m', alert: 'ApiHpaMaxedOut', expect: [] }] },
    ]);
  });
});

describe('the promtool harness can fail', () => {
  maybe('a rule that does not fire fails promtool test rules', () => {
    const r = promtool!.test([api()], [{
      name: 'expects an alert that cannot fire',
      series: [{ series: ksm('kube_horizontalpodautoscaler_status_current_replicas', { horizontalpodautoscaler: 'api' }), values: values(40, () => 2) }],
      alerts: [{ at: '16m', alert: 'ApiHpaMaxedOut', expect: [{ labels: ruleLabels('api', false) }] }],
    }]);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/FAILED/);
    expect(r.output).toContain('alertname: ApiHpaMaxedOut');
  });

  maybe('a PromQL syntax error fails promtool check rules', () => {
    const broken: RuleGroup = { name: 'broken', rules: [{ alert: 'Broken', expr: 'sum(rate(nginx_ingress_controller_requests[5m]) > ' }] };
    const r = promtool!.checkRules([broken]);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/parse error|unexpected end of input/);
  });
});
