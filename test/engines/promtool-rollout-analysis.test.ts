// The release analysis (PRD 11.2) run by Prometheus itself. Argo Rollouts measures each
// metric of the AnalysisTemplate by running its query as an instant query and failing the
// measurement when `failureCondition` (`result[0] <op> <threshold>`) holds; one failed
// measurement aborts the release. Here every metric of the AnalysisTemplates the app emits
// becomes a rule-style expression `(<query>) <op> <threshold>` (the `{{args.canary-hash}}`
// placeholder filled in as Argo Rollouts fills it, with the canary ReplicaSet's
// pod-template hash), and `promtool test rules` evaluates it at the times Argo Rollouts
// would measure, on series labelled the way the real exporters label them. A healthy
// canary passes every measurement; each PRD condition fails it; and each query returns
// exactly one sample at every time, since Argo Rollouts counts an empty result as an error.
import { manifests } from '../support/emitted';
import { CANARY, counter, cumulativeOf, DEFAULT_BUCKETS, histogram, ksm, kubelet, nginx, values } from '../support/exporter-series';
import { InputSeries, Promtool, RuleGroup, RuleScenario } from '../support/promtool';

const promtool = Promtool.find();
const maybe = promtool ? test : test.skip;

/** Pod-template hash of the canary ReplicaSet (the `canary-hash` argument) and of the stable one. */
const CANARY_HASH = '6b7d9c4f5';
const STABLE_HASH = '5c8d7b9f4';

const templates = manifests().filter((m) => m.manifest.kind === 'AnalysisTemplate');
const templateOf = (name: string) => {
  const t = templates.find((x) => x.manifest.metadata.name === name);
  if (!t) throw new Error(`no AnalysisTemplate ${name}`);
  return t.manifest;
};

/** The metrics of an AnalysisTemplate as promtool alerting rules, one per metric, named after it. */
function analysisGroup(name: string): RuleGroup {
  return {
    name: `${name}.analysis`,
    rules: templateOf(name).spec.metrics.map((m: any) => {
      const condition = /^result\[0\] (>=|>) ([0-9.]+)$/.exec(m.failureCondition);
      if (!condition) throw new Error(`unexpected failureCondition ${m.failureCondition}`);
      const query = String(m.provider.prometheus.query).replace(/\{\{args\.canary-hash\}\}/g, CANARY_HASH);
      return { alert: m.name, expr: `(${query}) ${condition[1]} ${condition[2]}` };
    }),
  };
}

/** The raw queries, for checking that each returns exactly one sample. */
function queries(name: string): { [metric: string]: string } {
  return Object.fromEntries(templateOf(name).spec.metrics.map((m: any) => [m.name, String(m.provider.prometheus.query).replace(/\{\{args\.canary-hash\}\}/g, CANARY_HASH)]));
}

function expectPass(group: RuleGroup, scenarios: RuleScenario[]): void {
  const r = promtool!.test([group], scenarios);
  if (r.code !== 0) throw new Error(`promtool test rules failed:\n${r.output}`);
  expect(r.output).toContain('SUCCESS');
}

const STEPS = 40;
const canaryPod = `api-${CANARY_HASH}-x2x9k`;
const stablePod = `api-${STABLE_HASH}-h7j8k`;
/** Canary traffic from step 20 (10 m) on: 100 requests/s, 5 of them to the canary (weight 5). */
function traffic(stableErrorRatio: number, canaryErrorRatio: number | undefined): InputSeries[] {
  const from = 20;
  const out: InputSeries[] = [
    { series: nginx('200'), values: counter(STEPS, () => 2850 * (1 - stableErrorRatio)) },
  ];
  if (stableErrorRatio > 0) out.push({ series: nginx('500'), values: counter(STEPS, () => 2850 * stableErrorRatio) });
  if (canaryErrorRatio !== undefined) {
    out.push({ series: nginx('200', CANARY), values: counter(STEPS, () => 150 * (1 - canaryErrorRatio), from) });
    if (canaryErrorRatio > 0) out.push({ series: nginx('503', CANARY), values: counter(STEPS, () => 150 * canaryErrorRatio, from) });
  }
  return out;
}
/** Probes of the canary pod from step 20 on: all successful. */
const healthyProbes: InputSeries[] = [
  { series: kubelet(canaryPod, 'Readiness', 'successful'), values: counter(STEPS, () => 3, 20) },
  { series: kubelet(canaryPod, 'Liveness', 'successful'), values: counter(STEPS, () => 1.5, 20) },
];
/** AI latency of the canary pod: p95 about 4.9 s (interpolated in the 2.5-5 s bucket). */
const healthyLatency = histogram(DEFAULT_BUCKETS, cumulativeOf({ 2.5: 60, 5: 36, 7.5: 3, 10: 1 }), STEPS, canaryPod, 20);
const api = () => analysisGroup('api');
const silent = (at: string) => ['health-checks', 'error-rate', 'latency-ai-inference-duration-seconds'].map((alert) => ({ at, alert, expect: [] }));
const fired = (at: string, alert: string) => ({ at, alert, expect: [{ labels: {} }] });

describe('the AnalysisTemplates the app emits', () => {
  test('are those of the API and the AI worker, with the PRD\'s three conditions', () => {
    expect(templates.map((t) => `${t.stack}: ${t.manifest.metadata.name} [${t.manifest.spec.metrics.map((m: any) => `${m.name} ${m.failureCondition}`).join(', ')}]`).sort()).toEqual([
      'kubernetes: ai-worker [health-checks result[0] >= 3, latency-ai-inference-duration-seconds result[0] >= 10]',
      'kubernetes: api [health-checks result[0] >= 3, error-rate result[0] > 1.15, latency-ai-inference-duration-seconds result[0] >= 10]',
    ]);
  });

  maybe.each(['api', 'ai-worker'])('%s: the metrics as rules pass promtool check rules', (name) => {
    const r = promtool!.checkRules([analysisGroup(name)]);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.code).toBe(0);
  });
});

describe('promtool test rules: a healthy canary passes every measurement', () => {
  maybe('canary at 5% with the stable error ratio, probes passing, p95 under 10 s: no metric fails, before or after the canary gets traffic', () => {
    expectPass(api(), [{
      name: 'healthy canary',
      series: [...traffic(0.01, 0.01), ...healthyProbes, ...healthyLatency],
      alerts: [...silent('9m'), ...silent('10m30s'), ...silent('11m'), ...silent('15m'), ...silent('20m')],
    }]);
  });

  maybe('every query returns exactly one sample, 0 while there is nothing to judge yet', () => {
    const q = queries('api');
    expectPass(api(), [{
      name: 'one sample per measurement',
      series: [...traffic(0.01, 0.01), ...healthyProbes, ...healthyLatency],
      promql: [
        // Before the canary pods exist (the first measurement of a release).
        { at: '5m', expr: q['health-checks'], expect: [{ labels: '{}', value: 0 }] },
        { at: '5m', expr: q['error-rate'], expect: [{ labels: '{}', value: 0 }] },
        { at: '5m', expr: q['latency-ai-inference-duration-seconds'], expect: [{ labels: '{}', value: 0 }] },
        // With canary traffic: the ratio of the two 5xx ratios (1), the canary's p95.
        { at: '12m', expr: `round(${q['error-rate']}, 0.01)`, expect: [{ labels: '{}', value: 1 }] },
        { at: '12m', expr: `round(${q['latency-ai-inference-duration-seconds']}, 0.01)`, expect: [{ labels: '{}', value: 4.93 }] },
        { at: '12m', expr: q['health-checks'], expect: [{ labels: '{}', value: 0 }] },
      ],
    }]);
  });

  maybe('failures of the stable pods are not the canary\'s', () => {
    expectPass(api(), [{
      name: 'a stable pod fails its readiness probe 5 times',
      series: [
        ...traffic(0.01, 0.01), ...healthyProbes,
        { series: kubelet(stablePod, 'Readiness', 'failed'), values: values(STEPS, (i) => (i < 22 ? undefined : 5)) },
      ],
      alerts: [{ at: '12m', alert: 'health-checks', expect: [] }],
    }]);
  });
});

describe('promtool test rules: each PRD condition fails the canary', () => {
  maybe('3 failed health checks of a canary pod (its failure counter is new: kubelet creates it at the first failure)', () => {
    expectPass(api(), [{
      name: 'canary pod fails readiness 3 times between two scrapes',
      series: [...traffic(0.01, 0.01), ...healthyProbes, { series: kubelet(canaryPod, 'Readiness', 'failed'), values: values(STEPS, (i) => (i < 24 ? undefined : 3)) }],
      alerts: [{ at: '11m30s', alert: 'health-checks', expect: [] }, fired('12m', 'health-checks')],
    }]);
  });

  maybe('2 failed health checks pass', () => {
    expectPass(api(), [{
      name: 'canary pod fails readiness twice',
      series: [...traffic(0.01, 0.01), ...healthyProbes, { series: kubelet(canaryPod, 'Readiness', 'failed'), values: values(STEPS, (i) => (i < 24 ? undefined : 2)) }],
      alerts: [{ at: '12m', alert: 'health-checks', expect: [] }],
    }]);
  });

  maybe('a canary that never passes its startup probe (restarted by the kubelet)', () => {
    expectPass(api(), [{
      name: 'startup probe fails every 5 s, restart at 12.5 m',
      series: [
        { series: kubelet(canaryPod, 'Startup', 'failed'), values: counter(STEPS, () => 6, 20, 6) },
        { series: ksm('kube_pod_container_status_restarts_total', { container: 'api', pod: canaryPod, uid: '9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b' }), values: values(STEPS, (i) => (i < 20 ? undefined : i < 25 ? 0 : 1)) },
      ],
      alerts: [{ at: '12m', alert: 'health-checks', expect: [] }, fired('13m', 'health-checks')],
    }]);
  });

  maybe('a 15% rise of the 5xx ratio over stable in the first minute of canary traffic (2% against 1%)', () => {
    expectPass(api(), [{
      name: 'canary 2% vs stable 1%',
      series: [...traffic(0.01, 0.02), ...healthyProbes],
      alerts: [{ at: '10m', alert: 'error-rate', expect: [] }, fired('11m', 'error-rate'), fired('15m', 'error-rate')],
    }]);
  });

  maybe('a 10% rise passes', () => {
    expectPass(api(), [{
      name: 'canary 1.1% vs stable 1%',
      series: [...traffic(0.01, 0.011), ...healthyProbes],
      alerts: [{ at: '11m', alert: 'error-rate', expect: [] }, { at: '15m', alert: 'error-rate', expect: [] }],
    }]);
  });

  maybe('5xx from the canary when stable has none at all (no 5xx series: the floor of 0.1% applies)', () => {
    expectPass(api(), [{
      name: 'canary 5% vs stable without any 5xx',
      series: [...traffic(0, 0.05), ...healthyProbes],
      alerts: [fired('11m', 'error-rate')],
    }]);
  });

  maybe('AI latency p95 at 10 s with the default buckets (more than 5% of inferences slower than 10 s)', () => {
    expectPass(api(), [{
      name: 'default buckets, 8% above 10 s',
      series: [...traffic(0.01, 0.01), ...healthyProbes, ...histogram(DEFAULT_BUCKETS, cumulativeOf({ '2.5': 40, '5': 30, '7.5': 15, '10': 7, '+Inf': 8 }), STEPS, canaryPod, 20)],
      alerts: [fired('13m', 'latency-ai-inference-duration-seconds')],
    }]);
  });

  maybe('AI latency p95 of 12.5 s with buckets above 10 s; 9.6 s passes', () => {
    const extended = [...DEFAULT_BUCKETS.slice(0, -1), '15', '20', '30', '60', '+Inf'];
    expectPass(api(), [
      {
        name: 'extended buckets, p95 12.5 s',
        series: histogram(extended, cumulativeOf({ 2.5: 40, 5: 30, 7.5: 15, 10: 5, 15: 10 }), STEPS, canaryPod, 20),
        alerts: [fired('13m', 'latency-ai-inference-duration-seconds')],
      },
      {
        name: 'extended buckets, p95 9.6 s',
        series: histogram(extended, cumulativeOf({ 2.5: 40, 5: 30, 7.5: 15, 10: 12, 15: 3 }), STEPS, canaryPod, 20),
        alerts: [{ at: '13m', alert: 'latency-ai-inference-duration-seconds', expect: [] }],
      },
    ]);
  });

  maybe('the AI worker\'s analysis watches its own canary pods', () => {
    const workerCanary = `ai-worker-${CANARY_HASH}-kq2lp`;
    expectPass(analysisGroup('ai-worker'), [{
      name: 'worker canary, default buckets, 8% above 10 s; 3 readiness failures',
      series: [
        ...histogram(DEFAULT_BUCKETS, cumulativeOf({ '2.5': 40, '5': 30, '7.5': 15, '10': 7, '+Inf': 8 }), STEPS, workerCanary, 20),
        { series: kubelet(workerCanary, 'Readiness', 'failed'), values: values(STEPS, (i) => (i < 24 ? undefined : 3)) },
      ],
      alerts: [fired('13m', 'latency-ai-inference-duration-seconds'), fired('12m', 'health-checks')],
    }]);
  });
});

describe('the analysis check can fail', () => {
  maybe('a query that returns nothing (an Argo Rollouts measurement error) is caught by the one-sample check', () => {
    const r = promtool!.test([api()], [{
      name: 'without the or vector(0) fallback',
      series: [...traffic(0.01, 0.01)],
      promql: [{ at: '5m', expr: queries('api')['error-rate'].replace(/ or vector\(0\)$/, ''), expect: [{ labels: '{}', value: 0 }] }],
    }]);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/FAILED/);
  });
});
