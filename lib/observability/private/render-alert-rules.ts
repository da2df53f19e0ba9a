import {
  GUARD_CRON_RUN_ENDED, GUARD_DECISION, errorRatio, failedProbeRuns, histogramQuantile, jobSelector, secondsSinceDeploy,
} from './render-promql';

/**
 * One alert rule: a PromQL expression that returns a positive sample per alerting
 * series while its condition holds (nothing otherwise), the time it must hold,
 * labels for routing and annotations for people. Rendered as a Grafana-managed rule
 * (query A, threshold A > 0) and, in tests, as a Prometheus rule for promtool.
 */
export interface AlertRuleSpec {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/** A web service the rules watch. */
export interface WebTarget {
  readonly serviceName: string;
  readonly renderName: string;
  /** `job` of its synthetic health check. */
  readonly checkJob: string;
}

/** What the rules of one environment watch, fully resolved. */
export interface RenderAlertTargets {
  readonly project: string;
  readonly environment: string;
  readonly web: WebTarget[];
  readonly ai?: { readonly serviceName: string; readonly renderName: string; readonly histogram: string; readonly thresholdSeconds: number; readonly quantile: number };
  readonly backups: { readonly serviceName: string; readonly renderName: string }[];
  readonly healthCheckFailures: number;
  readonly checkFrequencySeconds: number;
  readonly errorRisePercent: number;
  /** The release guard pushes deploy, cron-run and decision markers: rules that need them exist only with it. */
  readonly guard: boolean;
  /** Render names of the services the guard watches (the `job` of its decision markers). */
  readonly guardedJobs: string[];
}

/** "ai-worker" -> "AiWorker". */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/**
 * The alert rules of one Render environment, one per PRD condition (11.2) and per
 * operational failure:
 *
 * | alert | fires when | severity |
 * |---|---|---|
 * | `<Service>HealthCheckFailing` | the synthetic check of the public health URL failed N times in a row (default 3) from a probe | critical |
 * | `<Service>ErrorRateRiseAfterDeploy` | in the first minute after a deploy went live, the 5xx ratio is 15% (default) or more above the hour before | critical, rollback |
 * | `<Service>AiLatencyHigh` | p95 of the AI latency histogram at or above 10 s (default) for 2 minutes | critical, rollback |
 * | `<Job>RunFailed` | the last run of a backup cron job failed (until a later run succeeds) | critical |
 * | `ReleaseGuardRolledBack` | the release guard rolled a deploy back in the last 15 minutes | warning |
 * | `ReleaseGuardRollbackFailed` | the release guard could not roll a bad deploy back | critical |
 *
 * The 5xx ratio uses a floor of 0.1% for the baseline, so a service with no 5xx
 * before the deploy alerts on a real error rate rather than on one stray 5xx.
 */
export function renderAlertRules(t: RenderAlertTargets): AlertRuleSpec[] {
  const labels = (service: string, severity: string, rollback: boolean) => ({
    severity, rollback: String(rollback), environment: t.environment, project: t.project, service,
  });
  const rise = (1 + t.errorRisePercent / 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  const rules: AlertRuleSpec[] = [];
  for (const w of t.web) {
    const p = pascal(w.serviceName);
    rules.push({
      alert: `${p}HealthCheckFailing`,
      expr: `${failedProbeRuns(w.checkJob, t.healthCheckFailures, t.checkFrequencySeconds)} >= ${t.healthCheckFailures}`,
      for: '0s',
      labels: labels(w.serviceName, 'critical', false),
      annotations: {
        summary: `${w.serviceName} (${t.environment}): health check failed ${t.healthCheckFailures} times in a row`,
        description: `The synthetic check ${w.checkJob} failed its last ${t.healthCheckFailures} runs from probe {{ $labels.probe }}. Within minutes of a deploy the release guard rolls it back; otherwise look at the service's logs and Render events.`,
      },
    });
    if (t.guard) {
      rules.push({
        alert: `${p}ErrorRateRiseAfterDeploy`,
        // Evaluated once per minute in [60 s, 120 s] after the deploy: the last minute is then the deploy's first.
        expr: `(${errorRatio(w.renderName, '1m')} >= ${rise} * clamp_min(${errorRatio(w.renderName, '1h', '2m')}, 0.001))`
          + ` and on() (${secondsSinceDeploy(w.renderName, '10m')} >= 60 and ${secondsSinceDeploy(w.renderName, '10m')} <= 120)`,
        for: '0s',
        labels: labels(w.serviceName, 'critical', true),
        annotations: {
          summary: `${w.serviceName} (${t.environment}): 5xx ratio up ${t.errorRisePercent}% or more in the first minute after a deploy`,
          description: `The 5xx ratio of the deploy's first minute is {{ $value | humanizePercentage }}, at least ${t.errorRisePercent}% above the hour before. The release guard rolls the deploy back (PRD 11.2).`,
        },
      });
    }
  }
  if (t.ai) {
    const ai = t.ai;
    rules.push({
      alert: `${pascal(ai.serviceName)}AiLatencyHigh`,
      // `>=`: histogram_quantile never exceeds the highest finite bucket bound, and
      // prometheus_client's default buckets end at 10 s.
      expr: `${histogramQuantile(ai.histogram, ai.renderName, ai.quantile, '5m')} >= ${ai.thresholdSeconds}`,
      for: '2m',
      labels: labels(ai.serviceName, 'critical', true),
      annotations: {
        summary: `${ai.serviceName} (${t.environment}): AI latency p${Math.round(ai.quantile * 100)} at or above ${ai.thresholdSeconds} s`,
        description: `p${Math.round(ai.quantile * 100)} of ${ai.histogram} is {{ $value | humanizeDuration }}. Above ${ai.thresholdSeconds} s after a release is a rollback condition (PRD 11.2).`,
      },
    });
  }
  if (t.guard) {
    for (const b of t.backups) {
      const last = (status: string) => `max by (job) (max_over_time(${GUARD_CRON_RUN_ENDED}${jobSelector(b.renderName, `,status="${status}"`)}[26h]))`;
      rules.push({
        alert: `${pascal(b.serviceName)}RunFailed`,
        // The newest failed run is newer than the newest successful one (or there is none).
        expr: `${last('failed')} > (${last('succeeded')} or ${last('failed')} * 0)`,
        for: '0s',
        labels: labels(b.serviceName, 'critical', false),
        annotations: {
          summary: `${b.serviceName} (${t.environment}): the last backup run failed`,
          description: `The last run of the ${b.renderName} cron job failed and no later run succeeded. Look at the job's logs in Render and run it again (Render dashboard > Trigger Run).`,
        },
      });
    }
    const jobs = t.guardedJobs.join('|');
    const decision = (d: string) => `max by (job) (max_over_time(${GUARD_DECISION}{job=~${JSON.stringify(jobs)},decision="${d}"}[15m]))`;
    rules.push(
      {
        alert: 'ReleaseGuardRolledBack',
        expr: `${decision('rolled_back')} > 0`,
        for: '0s',
        labels: labels('release-guard', 'warning', false),
        annotations: {
          summary: `{{ $labels.job }} (${t.environment}): the release guard rolled a deploy back`,
          description: 'A deploy failed a rollback condition and was rolled back to the previous one. The guard\'s log line guard.decision says why.',
        },
      },
      {
        alert: 'ReleaseGuardRollbackFailed',
        expr: `${decision('rollback_failed')} > 0`,
        for: '0s',
        labels: labels('release-guard', 'critical', true),
        annotations: {
          summary: `{{ $labels.job }} (${t.environment}): the release guard could not roll a bad deploy back`,
          description: 'The Render API refused or failed the rollback after retries; the guard retries every minute. Roll back by hand (Render dashboard > Deploys > Rollback) if it keeps failing.',
        },
      },
    );
  }
  return rules;
}
