// The Render environments' Grafana alert rules (PRD 11.2 conditions, failed backups,
// the release guard's own failures) run by Prometheus itself: the PromQL of each
// emitted grafana_rule_group rule (query A; Grafana's condition is A > 0, and the
// expressions return samples only while their condition holds) becomes a Prometheus
// rule with the same `for` and labels, checked by `promtool check rules` and unit
// tested by `promtool test rules` on series labelled the way they arrive in a
// Grafana Cloud stack:
// - Render's metrics stream (OTLP): `service.name` is `job`, the service id is
//   `instance` for HTTP metrics, `host` and `status_code` are labels;
// - Grafana Synthetic Monitoring: probe_success{job, instance, probe, config_version, check_name};
// - the release guard's markers (OTLP gauges): job, status / decision, deploy_id;
// - the AI worker's latency histogram, with OpenTelemetry's and prometheus_client's default buckets.
// Each condition has cases that must fire and cases that must stay silent.
import { asPrometheusGroup, grafanaRules } from '../observability/support/emitted';
import { InputSeries, Promtool, RuleGroup, RuleScenario, series } from '../support/promtool';

const promtool = Promtool.find();
const maybe = promtool ? test : test.skip;
const production = (): RuleGroup => asPrometheusGroup('production');
const JOB = 'livestreamsell-production-api';
const ruleLabels = (service: string, severity = 'critical', rollback = false) => ({ severity, rollback: String(rollback), environment: 'production', project: 'livestreamsell', service });

/** Sample values, one per step: `f(i)` for i = 0..steps (undefined = no sample). */
function values(steps: number, f: (i: number) => number | undefined): string {
  return Array.from({ length: steps + 1 }, (_v, i) => f(i)).map((v) => (v === undefined ? '_' : String(Math.round(v * 1e6) / 1e6))).join(' ');
}
/** A counter growing by `inc(i)` per step from step `from` (absent before). */
function counter(steps: number, inc: (i: number) => number, from = 0): string {
  let total = 0;
  return values(steps, (i) => {
    if (i < from) return undefined;
    if (i > from) total += inc(i);
    return total;
  });
}
function expectPass(group: RuleGroup, scenarios: RuleScenario[], options?: { annotations?: boolean }): void {
  const r = promtool!.test([group], scenarios, options);
  if (r.code !== 0) throw new Error(`promtool test rules failed:\n${r.output}`);
  expect(r.output).toContain('SUCCESS');
}

// ------------------------------------------------------------------ series as they arrive in the stack
const http = (status: string, job = JOB) => series('render_service_http_requests_total', { host: 'api.livestreamsell.ai', instance: 'srv-d0gt70be5dus73alpc1g', job, status_code: status });
const probe = (probeName: string) => series('probe_success', {
  check_name: 'http',
  config_version: '1767225600000000000',
  instance: 'https://api.livestreamsell.ai/health',
  job: `${JOB}-health`,
  label_environment: 'production',
  label_service: 'api',
  probe: probeName,
});
const marker = (name: string, job: string, labels: { [k: string]: string }) => series(name, { deployment_environment: 'production', job, ...labels });

/** 30 s steps. A deploy of the API ends at step DEPLOY (2 h), and the guard pushes its marker then. */
const STEP = 30;
const DEPLOY = 240;
const T = DEPLOY * STEP;

/** Traffic of 100 requests per 30 s; `errorsPer100(i)` of them are 5xx (undefined: no 5xx series yet). */
function traffic(steps: number, errorsPer100: (i: number) => number | undefined): InputSeries[] {
  const first = Array.from({ length: steps + 1 }, (_v, i) => i).find((i) => errorsPer100(i) !== undefined);
  return [
    { series: http('200'), values: counter(steps, (i) => 100 - (errorsPer100(i) ?? 0)) },
    ...(first === undefined ? [] : [{ series: http('500'), values: counter(steps, (i) => errorsPer100(i) ?? 0, first) }]),
  ];
}
const deployMarker = (steps: number, status = 'succeeded'): InputSeries => ({
  series: marker('release_guard_deploy_ended_timestamp_seconds', JOB, { status }),
  values: values(steps, (i) => (i === DEPLOY ? T : undefined)),
});
/** Evaluation times (promtool starts at t = 0), as durations. */
const at = (seconds: number) => `${seconds}s`;

describe('promtool check rules', () => {
  test('staging and production each emit one rule group with every condition', () => {
    expect(grafanaRules().map((r) => `${r.stack}: ${r.group} ${r.name}`)).toEqual(['staging', 'production'].flatMap((env) => [
      'ApiHealthCheckFailing', 'ApiErrorRateRiseAfterDeploy', 'DashboardHealthCheckFailing', 'DashboardErrorRateRiseAfterDeploy',
      'AiWorkerAiLatencyHigh', 'DbBackupRunFailed', 'ReleaseGuardRolledBack', 'ReleaseGuardRollbackFailed',
    ].map((n) => `${env}: livestreamsell-${env}-render ${n}`)));
  });

  maybe.each(['staging', 'production'])('%s passes promtool check rules (PromQL, durations, annotation templates)', (stack) => {
    const r = promtool!.checkRules([asPrometheusGroup(stack)]);
    expect(r.output).toMatch(/SUCCESS: 8 rules found/);
    expect(r.code).toBe(0);
  });

  maybe('the check can fail: a broken expression and a broken annotation template are reported', () => {
    const g = production();
    const broken: RuleGroup = { ...g, rules: [{ ...g.rules[0], expr: g.rules[0].expr.replace('count_over_time(', 'count_over_time((') }, { ...g.rules[1], annotations: { summary: '{{ $value | nosuchfunction }}' } }] };
    const r = promtool!.checkRules([broken]);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/parse error|unexpected/);
    expect(r.output).toContain('nosuchfunction');
  });
});

describe('health check failed 3 times in a row (synthetic check, every 120 s in production)', () => {
  maybe('fires after the third failed run of a probe, and only for that probe', () => {
    expectPass(production(), [{
      name: 'Ohio fails from 6m on, Atlanta keeps passing',
      interval: '2m',
      series: [
        { series: probe('Ohio'), values: '1 1 1 0 0 0 0' },
        { series: probe('Atlanta'), values: '1 1 1 1 1 1 1' },
      ],
      alerts: [
        { at: '8m', alert: 'ApiHealthCheckFailing', expect: [] },
        { at: '10m', alert: 'ApiHealthCheckFailing', expect: [{ labels: { ...ruleLabels('api'), check_name: 'http', config_version: '1767225600000000000', instance: 'https://api.livestreamsell.ai/health', job: `${JOB}-health`, label_environment: 'production', label_service: 'api', probe: 'Ohio' } }] },
      ],
    }]);
  });

  maybe('stays silent on 2 failures followed by a success, and on a single flapping probe', () => {
    expectPass(production(), [{
      name: '2 failures then success; alternating',
      interval: '2m',
      series: [
        { series: probe('Ohio'), values: '1 0 0 1 0 0 1 0 0' },
        { series: probe('Atlanta'), values: '1 0 1 0 1 0 1 0 1' },
      ],
      alerts: [4, 6, 8, 10, 12, 14, 16].map((m) => ({ at: `${m}m`, alert: 'ApiHealthCheckFailing', expect: [] })),
    }]);
  });

  maybe('renders its annotations', () => {
    expectPass(production(), [{
      name: 'annotations',
      interval: '2m',
      series: [{ series: probe('Ohio'), values: '0 0 0' }],
      alerts: [{
        at: '4m',
        alert: 'ApiHealthCheckFailing',
        expect: [{
          labels: { ...ruleLabels('api'), check_name: 'http', config_version: '1767225600000000000', instance: 'https://api.livestreamsell.ai/health', job: `${JOB}-health`, label_environment: 'production', label_service: 'api', probe: 'Ohio' },
          annotations: {
            summary: 'api (production): health check failed 3 times in a row',
            description: `The synthetic check ${JOB}-health failed its last 3 runs from probe Ohio. Within minutes of a deploy the release guard rolls it back; otherwise look at the service's logs and Render events.`,
          },
        }],
      }],
    }], { annotations: true });
  });
});

describe('5xx ratio up 15% in the first minute after a deploy (rollback)', () => {
  const steps = DEPLOY + 20;
  const rule = 'ApiErrorRateRiseAfterDeploy';
  const fires = [{ labels: ruleLabels('api', 'critical', true) }];
  const firstMinute = [at(T + 90), at(T + 120)];

  maybe.each([
    ['+15% (2% -> 2.3%)', 2.3],
    ['+50% (2% -> 3%)', 3],
  ])('fires on %s in the deploy\'s first minute', (_name, after) => {
    expectPass(production(), [{
      name: `after ${after}%`,
      series: [...traffic(steps, (i) => (i <= DEPLOY ? 2 : after)), deployMarker(steps)],
      alerts: [
        { at: at(T + 30), alert: rule, expect: [] },
        ...firstMinute.map((t) => ({ at: t, alert: rule, expect: fires })),
        // The first minute is over: this rule has said what it had to.
        { at: at(T + 240), alert: rule, expect: [] },
      ],
    }]);
  });

  maybe('fires when the service had no 5xx at all before the deploy (empty baseline, floor 0.1%)', () => {
    expectPass(production(), [{
      name: 'no 5xx series before the deploy, then 5%',
      series: [...traffic(steps, (i) => (i <= DEPLOY ? undefined : 5)), deployMarker(steps)],
      alerts: firstMinute.map((t) => ({ at: t, alert: rule, expect: fires })),
    }]);
  });

  maybe.each([
    ['+10% (2% -> 2.2%)', (i: number) => (i <= DEPLOY ? 2 : 2.2), true],
    ['an unchanged 2%', () => 2, true],
    ['a rise to 5% without any deploy (load, not a release)', (i: number) => (i <= DEPLOY ? 2 : 5), false],
  ] as const)('stays silent on %s', (_name, errors, deployed) => {
    expectPass(production(), [{
      name: _name,
      series: [...traffic(steps, errors), ...(deployed ? [deployMarker(steps)] : [])],
      alerts: [...firstMinute, at(T + 300)].map((t) => ({ at: t, alert: rule, expect: [] })),
    }]);
  });

  maybe('stays silent when the deploy failed (Render keeps the old one), even if 5xx rise', () => {
    expectPass(production(), [{
      name: 'failed deploy',
      series: [...traffic(steps, (i) => (i <= DEPLOY ? 2 : 5)), deployMarker(steps, 'failed')],
      alerts: firstMinute.map((t) => ({ at: t, alert: rule, expect: [] })),
    }]);
  });

  maybe('another service\'s deploy does not count', () => {
    expectPass(production(), [{
      name: 'dashboard deployed, API errors rose',
      series: [...traffic(steps, (i) => (i <= DEPLOY ? 2 : 5)), { series: marker('release_guard_deploy_ended_timestamp_seconds', 'livestreamsell-production-dashboard', { status: 'succeeded' }), values: values(steps, (i) => (i === DEPLOY ? T : undefined)) }],
      alerts: firstMinute.map((t) => ({ at: t, alert: rule, expect: [] })),
    }]);
  });
});

describe('AI latency at or above 10 s (rollback)', () => {
  const rule = 'AiWorkerAiLatencyHigh';
  const OTEL_BUCKETS = ['0', '5', '10', '25', '50', '75', '100', '250', '500', '750', '1000', '2500', '5000', '7500', '10000', '+Inf'];
  const PYTHON_BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf'];
  /** The AI worker's histogram with `perStep` observations of `seconds` each per 30 s. */
  function latency(buckets: string[], seconds: number, steps = 20, perStep = 20): InputSeries[] {
    return buckets.map((le) => ({
      series: series('ai_inference_duration_seconds_bucket', { instance: 'srv-d0gt70be5dus73alpd2h-7f9c8', job: 'livestreamsell-production-ai-worker', le }),
      values: counter(steps, () => (le === '+Inf' || Number(le) >= seconds ? perStep : 0)),
    }));
  }
  const fires = [{ labels: ruleLabels('ai-worker', 'critical', true) }];

  maybe.each([
    ['OpenTelemetry default buckets', OTEL_BUCKETS],
    ['prometheus_client default buckets (last finite bound 10: the quantile reads exactly 10)', PYTHON_BUCKETS],
  ])('fires on 11 s inferences with %s, after 2 minutes', (_name, buckets) => {
    expectPass(production(), [{
      name: `11 s, ${_name}`,
      series: latency(buckets, 11),
      alerts: [
        { at: '2m', alert: rule, expect: [] },
        { at: '8m', alert: rule, expect: fires },
      ],
    }]);
  });

  maybe.each([
    ['9 s with OpenTelemetry buckets', OTEL_BUCKETS, 9],
    ['9 s with prometheus_client buckets', PYTHON_BUCKETS, 9],
    ['4 s', OTEL_BUCKETS, 4],
  ] as const)('stays silent on %s', (_name, buckets, seconds) => {
    expectPass(production(), [{
      name: _name,
      series: latency([...buckets], seconds),
      alerts: [{ at: '8m', alert: rule, expect: [] }],
    }]);
  });
});

describe('the nightly backup failed', () => {
  const rule = 'DbBackupRunFailed';
  const BACKUP = 'livestreamsell-production-db-backup';
  const run = (status: string, step: number, steps: number): InputSeries => ({
    series: marker('release_guard_cron_run_ended_timestamp_seconds', BACKUP, { status }),
    values: values(steps, (i) => (i === step ? step * 3600 : undefined)),
  });
  const fires = [{ labels: { ...ruleLabels('db-backup'), job: BACKUP } }];

  maybe('fires when the last run failed, until a later run succeeds', () => {
    expectPass(production(), [{
      name: 'succeeded at 2h, failed at 26h, succeeded at 28h',
      interval: '1h',
      series: [run('succeeded', 2, 30), run('failed', 26, 30), { series: marker('release_guard_cron_run_ended_timestamp_seconds', BACKUP, { status: 'succeeded' }), values: values(30, (i) => (i === 28 ? 28 * 3600 : undefined)) }],
      alerts: [
        { at: '25h', alert: rule, expect: [] },
        { at: '26h', alert: rule, expect: fires },
        { at: '27h', alert: rule, expect: fires },
        { at: '28h', alert: rule, expect: [] },
      ],
    }]);
  });

  maybe('fires when a run failed and none ever succeeded', () => {
    expectPass(production(), [{
      name: 'first run failed',
      interval: '1h',
      series: [run('failed', 3, 6)],
      alerts: [{ at: '3h', alert: rule, expect: fires }, { at: '5h', alert: rule, expect: fires }],
    }]);
  });

  maybe('stays silent when the runs succeed, and on a failed run of another job', () => {
    expectPass(production(), [{
      name: 'successes',
      interval: '1h',
      series: [run('succeeded', 2, 30), { series: marker('release_guard_cron_run_ended_timestamp_seconds', 'livestreamsell-production-cleanup', { status: 'failed' }), values: values(30, (i) => (i === 3 ? 3 * 3600 : undefined)) }],
      alerts: [{ at: '3h', alert: rule, expect: [] }, { at: '20h', alert: rule, expect: [] }],
    }]);
  });
});

describe('the release guard\'s decisions', () => {
  const decision = (d: string, job = JOB): InputSeries => ({
    series: marker('release_guard_decision_timestamp_seconds', job, { decision: d, deploy_id: 'dep-d1k2' }),
    values: values(40, (i) => (i === 10 ? 300 : undefined)),
  });

  maybe('a rollback raises a warning, a failed rollback a critical alert, for 15 minutes', () => {
    expectPass(production(), [{
      name: 'decisions',
      series: [decision('rolled_back'), decision('rollback_failed', 'livestreamsell-production-ai-worker')],
      alerts: [
        { at: '6m', alert: 'ReleaseGuardRolledBack', expect: [{ labels: { ...ruleLabels('release-guard', 'warning'), job: JOB } }] },
        { at: '6m', alert: 'ReleaseGuardRollbackFailed', expect: [{ labels: { ...ruleLabels('release-guard', 'critical', true), job: 'livestreamsell-production-ai-worker' } }] },
        { at: '21m', alert: 'ReleaseGuardRolledBack', expect: [] },
      ],
    }]);
  });

  maybe('"kept" decisions, and decisions of the other environment, stay silent', () => {
    expectPass(production(), [{
      name: 'kept',
      series: [decision('kept'), decision('rolled_back', 'livestreamsell-staging-api')],
      alerts: [{ at: '6m', alert: 'ReleaseGuardRolledBack', expect: [] }, { at: '6m', alert: 'ReleaseGuardRollbackFailed', expect: [] }],
    }]);
  });
});
