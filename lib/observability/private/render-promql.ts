/**
 * PromQL on the metrics Render's metrics stream sends to a Grafana stack, shared by
 * the alert rules, the dashboards and the release guard, so that all three measure
 * the same thing.
 *
 * Names: Render streams OpenTelemetry metrics named `render.service.*`
 * (render.com/docs/metrics-streams, "Reported metrics"); Grafana Cloud stores them
 * in Mimir following the OTLP-to-Prometheus specification (dots become underscores,
 * a unit suffix is added, counters end in `_total`), so `render.service.memory.usage`
 * becomes `render_service_memory_usage_bytes` (Render's own example). Every metric
 * carries `service.name`, which Grafana Cloud stores as the `job` label (Render's
 * docs, "Universal properties"): the Render service name is the selector here.
 * HTTP metrics exist for web services only, aggregated over instances, with the
 * `host` and `status_code` properties. Cron jobs emit no metrics at all.
 */

/** `render.service.http.requests.total`: cumulative requests, by host and status_code. */
export const RENDER_HTTP_REQUESTS = 'render_service_http_requests_total';
/** `render.service.http.requests.latency`: p50/p95/p99 response time (`quantile` label), by host and status_code. */
export const RENDER_HTTP_LATENCY = 'render_service_http_requests_latency';
/** `render.service.cpu.time`: cumulative CPU seconds per instance. */
export const RENDER_CPU_TIME = 'render_service_cpu_time_seconds_total';
/** `render.service.cpu.limit`: CPUs available to an instance. */
export const RENDER_CPU_LIMIT = 'render_service_cpu_limit';
/** `render.service.memory.usage`: bytes in use per instance (the name Render's docs give for Grafana). */
export const RENDER_MEMORY_USAGE = 'render_service_memory_usage_bytes';
/** `render.service.memory.limit`: bytes available to an instance. */
export const RENDER_MEMORY_LIMIT = 'render_service_memory_limit_bytes';

/** Grafana Synthetic Monitoring: 1 when a check run succeeded, 0 when it failed; labels job, instance, probe. */
export const PROBE_SUCCESS = 'probe_success';

/** Pushed by the release guard on Render's `deploy_ended` (value: when the deploy ended, Unix seconds; label status). */
export const GUARD_DEPLOY_ENDED = 'release_guard_deploy_ended_timestamp_seconds';
/** Pushed by the release guard on Render's `cron_job_run_ended` (label status: succeeded, failed, canceled). */
export const GUARD_CRON_RUN_ENDED = 'release_guard_cron_run_ended_timestamp_seconds';
/** Pushed by the release guard on each decision (label decision: kept, rolled_back, rollback_failed, superseded, skipped, no_target). */
export const GUARD_DECISION = 'release_guard_decision_timestamp_seconds';

/** A label matcher list for `job="<name>"` plus more matchers. */
export function jobSelector(job: string, extra = ''): string {
  return `{job=${JSON.stringify(job)}${extra}}`;
}

/**
 * Share of 5xx responses (0-1) of a web service over `window`, optionally `offset`.
 * Render creates a status-code series at its first response with that code, so a
 * service without any 5xx has no 5xx series: the 5xx rate then defaults to 0 (the
 * total's series times 0) instead of leaving the ratio empty.
 */
export function errorRatio(job: string, window: string, offset = ''): string {
  const off = offset ? ` offset ${offset}` : '';
  const total = `sum(rate(${RENDER_HTTP_REQUESTS}${jobSelector(job)}[${window}]${off}))`;
  return `((sum(rate(${RENDER_HTTP_REQUESTS}${jobSelector(job, ',status_code=~"5.."')}[${window}]${off})) or ${total} * 0) / ${total})`;
}

/** Requests over `window` (the release guard's minimum-traffic check). */
export function requestCount(job: string, window: string): string {
  return `sum(increase(${RENDER_HTTP_REQUESTS}${jobSelector(job)}[${window}]))`;
}

/** A latency quantile (seconds) of a histogram an app pushes to the stack with its service name as `job`. */
export function histogramQuantile(histogram: string, job: string, quantile: number, window: string): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${histogram}_bucket${jobSelector(job)}[${window}])))`;
}

/** Seconds since the last deploy of `job` ended with status "succeeded" (empty without a deploy in the last `lookback`). */
export function secondsSinceDeploy(job: string, lookback: string): string {
  return `(time() - max(max_over_time(${GUARD_DEPLOY_ENDED}${jobSelector(job, ',status="succeeded"')}[${lookback}])))`;
}

/**
 * Failed runs of a synthetic check in the window that holds exactly its last
 * `runs` results (`runs` x frequency, less a second, holds at most `runs` samples
 * per probe). `runs` failures there are `runs` failures in a row.
 */
export function failedProbeRuns(checkJob: string, runs: number, frequencySeconds: number): string {
  const window = `${runs * frequencySeconds - 1}s`;
  const sel = `${PROBE_SUCCESS}${jobSelector(checkJob)}`;
  return `(count_over_time(${sel}[${window}]) - sum_over_time(${sel}[${window}]))`;
}
