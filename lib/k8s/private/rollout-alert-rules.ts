import { AppQueryTarget, errorRatio, failedProbes, hpaSelector, ingressSelector, podHistogramQuantile, podMatchers, restartedPods, trackSelector } from './promql';

/** One Prometheus alerting rule, as in a PrometheusRule's `spec.groups[].rules[]`. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
}

/**
 * A release started serving in the last `window`: a ReplicaSet owned by one of the
 * app's Deployments (or by its Argo Rollout) has ready pods now and had none `window` ago. Only a new pod
 * template (a release, or a rollback to an old one) brings up a ReplicaSet from
 * zero; an HPA scale bumps the Deployment's generation and `spec.replicas` but
 * resizes the current ReplicaSet, and the first minute counts from when the new
 * pods serve traffic, not from the spec change (kube-state-metrics'
 * `kube_replicaset_status_ready_replicas` and `kube_replicaset_owner`).
 */
function released(t: AppQueryTarget, window: string): string {
  const ready = `kube_replicaset_status_ready_replicas{namespace="${t.namespace}"}`;
  const owner = t.rollout !== undefined
    ? `owner_kind=~"Deployment|Rollout",owner_name=~"${[...new Set([...t.deployments, t.rollout])].join('|')}"`
    : `owner_kind="Deployment",owner_name=~"${t.deployments.join('|')}"`;
  const owned = `kube_replicaset_owner{namespace="${t.namespace}",${owner}}`;
  return `((${ready} > 0) unless (${ready} offset ${window} > 0)) and on (namespace, replicaset) ${owned}`;
}

/** Thresholds of the rollback conditions (PRD 11.2), fully resolved. */
export interface RolloutThresholds {
  readonly healthCheckFailures: number;
  readonly errorRisePercent: number;
  readonly rolloutWindowMinutes: number;
  readonly aiLatencyHistogram?: string;
  readonly aiLatencySeconds: number;
  readonly hpaMaxedOutMinutes: number;
  readonly environment: string;
}

/**
 * The alert rules of one app, one per rollback condition of the PRD:
 *
 * | alert | fires when | severity |
 * |---|---|---|
 * | `HealthCheckFailing` | a pod's readiness/liveness probe failed N times (default 3) in 5 minutes, or its startup probe failed N times and the kubelet restarted it (a release that never starts) | critical, rollback |
 * | `ErrorRateRiseAfterRollout` | in the first minute after a release's pods start serving (a ReplicaSet of the app goes from no ready pods to some; HPA scaling does not count), the last minute's 5xx ratio is 15% above the hour before | critical, rollback |
 * | `CanaryErrorRateAboveStable` | the canary's 5xx ratio is 15% above the stable track's for a minute | critical, rollback |
 * | `AiLatencyHigh` | p95 of the AI latency histogram at or above 10 s for 2 minutes (`>=`: with default buckets the quantile tops out at 10) | critical, rollback |
 * | `RolloutAborted` | Argo Rollouts aborted the app's release (its analysis failed or it missed its progress deadline): all traffic is back on the stable version | critical |
 * | `HpaMaxedOut` | the HPA sits at its maximum replicas (capacity exhausted) | warning |
 *
 * Ratios use a floor of 0.1% for the baseline, so a service with no errors
 * before the release alerts on a real error rate rather than on one stray 5xx.
 */
export function rolloutAlertRules(t: AppQueryTarget, th: RolloutThresholds): AlertRule[] {
  const rise = (1 + th.errorRisePercent / 100).toFixed(2);
  const labels = (severity: string, rollback: boolean) => ({
    severity,
    rollback: String(rollback),
    app: t.app,
    environment: th.environment,
  });
  const pods = podMatchers(t);
  const restarted = restartedPods(pods);
  const rules: AlertRule[] = [{
    alert: 'HealthCheckFailing',
    expr: `sum by (pod) (${failedProbes(pods, 'Readiness|Liveness')}) >= ${th.healthCheckFailures}`
      + ` or (sum by (pod) (${failedProbes(pods, 'Startup')}) >= ${th.healthCheckFailures} and on (pod) ${restarted})`,
    for: '0m',
    labels: labels('critical', true),
    annotations: {
      summary: `${t.app}: health check failed ${th.healthCheckFailures} times`,
      description: 'Pod {{ $labels.pod }} failed its health probe {{ $value }} times in 5 minutes. Roll back the release.',
    },
  }];
  if (t.ingresses.length > 0) {
    const window = `${th.rolloutWindowMinutes}m`;
    const all = (extra: string) => ingressSelector(t, extra);
    rules.push({
      alert: 'ErrorRateRiseAfterRollout',
      expr: `(${errorRatio(all, '1m')} > ${rise} * clamp_min(${errorRatio(all, '1h', window)}, 0.001)) and on() (${released(t, window)})`,
      for: '0m',
      labels: labels('critical', true),
      annotations: {
        summary: `${t.app}: 5xx ratio up more than ${th.errorRisePercent}% right after a rollout`,
        description: `In the first ${window} after the release's pods started serving, the 5xx ratio is {{ $value | humanizePercentage }}, more than ${th.errorRisePercent}% above the hour before. Roll back the release.`,
      },
    });
  }
  if (t.canaryService !== undefined && t.ingresses.length > 0) {
    const canary = (extra: string) => trackSelector(t, 'canary', extra);
    const stable = (extra: string) => trackSelector(t, 'stable', extra);
    rules.push({
      alert: 'CanaryErrorRateAboveStable',
      expr: `${errorRatio(canary, '1m')} > ${rise} * clamp_min(${errorRatio(stable, '1m')}, 0.001)`,
      for: '1m',
      labels: labels('critical', true),
      annotations: {
        summary: `${t.app}: canary 5xx ratio more than ${th.errorRisePercent}% above stable`,
        description: `The canary answers {{ $value | humanizePercentage }} of its requests with 5xx. The release's analysis aborts it; if it still runs: kubectl argo rollouts abort ${t.rollout ?? t.app} -n ${t.namespace}.`,
      },
    });
  }
  if (th.aiLatencyHistogram !== undefined) {
    rules.push({
      alert: 'AiLatencyHigh',
      // `>=`: histogram_quantile never exceeds the highest finite bucket bound, and
      // prometheus_client's default buckets end at 10 s, so a p95 in the +Inf bucket
      // (more than 5% of inferences slower than 10 s) reads exactly 10.
      expr: `${podHistogramQuantile(t, th.aiLatencyHistogram, 0.95)} >= ${th.aiLatencySeconds}`,
      for: '2m',
      labels: labels('critical', true),
      annotations: {
        summary: `${t.app}: AI latency p95 at or above ${th.aiLatencySeconds} s`,
        description: `p95 of ${th.aiLatencyHistogram} is {{ $value | humanizeDuration }}. Above ${th.aiLatencySeconds} s after a release is a rollback condition.`,
      },
    });
  }
  if (t.rollout !== undefined) {
    rules.push({
      alert: 'RolloutAborted',
      // The controller's metrics come through a ServiceMonitor: the Rollout's namespace is `exported_namespace`.
      expr: `max by (exported_namespace, name) (rollout_info{exported_namespace="${t.namespace}",name="${t.rollout}",phase="Abort"}) == 1`,
      for: '0m',
      labels: labels('critical', false),
      annotations: {
        summary: `${t.app}: release aborted, all traffic back on the stable version`,
        description: `Argo Rollouts aborted the release of ${t.rollout} (a failed analysis measurement or a missed progress deadline) and returned all traffic to the stable version. See kubectl argo rollouts get rollout ${t.rollout} -n ${t.namespace}; fix and release again, or retry with kubectl argo rollouts retry rollout ${t.rollout} -n ${t.namespace}.`,
      },
    });
  }
  rules.push({
    alert: 'HpaMaxedOut',
    expr: `kube_horizontalpodautoscaler_status_current_replicas${hpaSelector(t)} >= kube_horizontalpodautoscaler_spec_max_replicas${hpaSelector(t)}`,
    for: `${th.hpaMaxedOutMinutes}m`,
    labels: labels('warning', false),
    annotations: {
      summary: `${t.app}: autoscaler pinned at its maximum`,
      description: `The HPA has run at max replicas for ${th.hpaMaxedOutMinutes} minutes: latency and CPU targets may be missed. Raise maxReplicas or find the cause.`,
    },
  });
  // Alert names are prefixed per app so that rules of several apps never collide in Alertmanager.
  const prefix = t.app.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return rules.map((r) => ({ ...r, alert: `${prefix}${r.alert}` }));
}
