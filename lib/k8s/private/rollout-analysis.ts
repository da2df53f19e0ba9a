import { AppQueryTarget, errorRatio, failedHealthChecks, podHistogramQuantile, podMatchers, trackSelector } from './promql';
import { RolloutMetricSettings } from './rollout-settings';
import { RolloutMetric } from '../progressive-delivery';

/**
 * The background analysis of a release as Prometheus queries (Argo Rollouts'
 * Prometheus provider), built from the expressions of the rollout alerts
 * (`promql.ts`) but narrowed to the canary:
 * - pods: the canary ReplicaSet's pods, `<rollout>-<pod template hash>-<suffix>`,
 *   the hash passed in by the Rollout as the argument `canary-hash`
 *   (`valueFrom.podTemplateHashValue: Latest`);
 * - traffic: ingress-nginx's `canary` label, which names the canary upstream
 *   (`<namespace>-<canary Service>-<port>`) and is empty for stable traffic.
 *
 * Every query returns exactly one sample: Argo Rollouts counts an empty result
 * as a measurement error (`result[0]` does not exist), and errors abort the
 * release too once `consecutiveErrorLimit` is passed. `or vector(0)` fills in
 * "nothing measured yet" (no failed probe, no canary request, no observation),
 * and `>= 0` drops a NaN (a 0/0 ratio before the canary has traffic), so each
 * query reads 0 until there is something to judge. A measurement fails when
 * `result[0] <operator> <threshold>` holds.
 */

/** Argument of the AnalysisTemplate that holds the canary's pod-template hash. */
export const CANARY_HASH_ARG = 'canary-hash';

/** One metric of the AnalysisTemplate. */
export interface AnalysisMetric {
  /** Metric name in the AnalysisRun (what `kubectl argo rollouts get rollout` shows). */
  readonly name: string;
  /** The PromQL query (with the `{{args.canary-hash}}` placeholder). */
  readonly query: string;
  /** Comparison that fails a measurement. */
  readonly operator: '>=' | '>';
  /** Threshold of the comparison. */
  readonly threshold: number;
  /** What the value is, for docs and annotations. */
  readonly reads: string;
}

/** The canary's pods: the pods of the ReplicaSet whose pod-template hash is `{{args.canary-hash}}`. */
export function canaryPodRegex(rollout: string): string {
  return `${rollout}-{{args.${CANARY_HASH_ARG}}}-[a-z0-9]+`;
}

/** One sample always: the value, or 0 when nothing is there (or it is NaN). */
function oneSample(expr: string): string {
  return `(${expr} >= 0) or vector(0)`;
}

/** The metrics of one app's analysis. */
export function analysisMetrics(t: AppQueryTarget, metrics: RolloutMetricSettings[]): AnalysisMetric[] {
  const rollout = t.rollout ?? t.app;
  const pods = podMatchers(t, canaryPodRegex(rollout));
  return metrics.map((m): AnalysisMetric => {
    if (m.kind === RolloutMetric.HEALTH_CHECKS) {
      const checks = failedHealthChecks(pods);
      return {
        name: 'health-checks',
        query: `max(${checks.running} or ${checks.neverStarted} or vector(0))`,
        operator: '>=',
        threshold: m.threshold,
        reads: 'failed health probes of the worst canary pod in the last 5 minutes',
      };
    }
    if (m.kind === RolloutMetric.ERROR_RATE_RISE) {
      const canary = (extra: string) => trackSelector(t, 'canary', extra);
      const stable = (extra: string) => trackSelector(t, 'stable', extra);
      return {
        name: 'error-rate',
        query: oneSample(`(${errorRatio(canary, '1m')} / clamp_min(${errorRatio(stable, '1m')}, 0.001))`),
        operator: '>',
        threshold: Number((1 + m.threshold / 100).toFixed(4)),
        reads: 'the canary\'s 5xx ratio over the last minute divided by the stable version\'s (at least 0.1%)',
      };
    }
    return {
      name: `latency-${m.histogram!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      query: oneSample(podHistogramQuantile(t, m.histogram!, 0.95, '5m', pods)),
      operator: '>=',
      threshold: m.threshold,
      reads: `p95 of ${m.histogram} on the canary pods over 5 minutes, seconds`,
    };
  });
}

/** Argo Rollouts' condition of a metric: `result[0] >= 3`. */
export function failureCondition(m: AnalysisMetric): string {
  return `result[0] ${m.operator} ${m.threshold}`;
}
