import { brandEnumLike } from '../core/private/enum-like';

/**
 * One step of a canary release: either a weight or a pause, never both.
 *
 * `{ weight: 5 }` sends 5% of the requests to the new version (through
 * ingress-nginx on the app's Ingress; without an Ingress, 5% of the replicas run
 * the new version). `{ pauseMinutes: 10 }` holds the current weight for 10
 * minutes while the background analysis keeps measuring. After the last step the
 * new version takes 100%.
 */
export interface CanaryStep {
  /**
   * Share of the traffic on the new version, percent (1-100).
   * @default - none: this step is a pause
   */
  readonly weight?: number;
  /**
   * Minutes to hold the current weight with the analysis running (1-1440).
   * @default - none: this step sets a weight
   */
  readonly pauseMinutes?: number;
}

/**
 * One condition the background analysis of a release watches. Each is a
 * Prometheus query over the canary's own pods and traffic (the expressions of
 * `RolloutAlerts`); one failed measurement aborts the release and returns all
 * traffic to the stable version.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, RolloutMetric } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * new K8sReadyApp(stack, 'Api', {
 *   name: 'api',
 *   image: { repository: 'ghcr.io/acme/api', tag: '2.3.0' },
 *   port: 8000,
 *   ingress: { hosts: ['api.example.com'] },
 *   metrics: {},
 *   progressiveDelivery: {
 *     analysis: {
 *       metrics: [RolloutMetric.healthChecks(), RolloutMetric.errorRateRise(), RolloutMetric.latency('ai_inference_duration_seconds', 10)],
 *     },
 *   },
 * });
 * app.synth();
 */
export class RolloutMetric {
  /** Kind of `healthChecks()`. */
  public static readonly HEALTH_CHECKS = 'HealthChecks';
  /** Kind of `errorRateRise()`. */
  public static readonly ERROR_RATE_RISE = 'ErrorRateRise';
  /** Kind of `latency()`. */
  public static readonly LATENCY = 'Latency';

  /**
   * Failed health probes of a canary pod: the release fails when one pod's
   * readiness or liveness probe failed `failures` times in 5 minutes, or its
   * startup probe failed that often and the kubelet restarted it. Counted from
   * the first failure (kubelet creates the failure counter then).
   * @param failures failures that fail the release (1-100)
   */
  public static healthChecks(failures: number = 3): RolloutMetric {
    return new RolloutMetric(RolloutMetric.HEALTH_CHECKS, failures);
  }

  /**
   * The canary's 5xx ratio over the last minute, against the stable version's
   * over the same minute (floor 0.1%): the release fails when it is more than
   * `percent` higher. ingress-nginx tells the tracks apart by its `canary` label.
   * Needs the app's `ingress`.
   * @param percent rise over the stable ratio that fails the release (1-1000)
   */
  public static errorRateRise(percent: number = 15): RolloutMetric {
    return new RolloutMetric(RolloutMetric.ERROR_RATE_RISE, percent);
  }

  /**
   * p95 of a latency histogram the canary pods expose (5-minute window): the
   * release fails when it is at or above `seconds`. Compared with `>=` because
   * `histogram_quantile` never exceeds the highest finite bucket (10 s with
   * prometheus_client's defaults). Needs the app's `metrics`.
   * @param histogram metric family without `_bucket`, e.g. "ai_inference_duration_seconds"
   * @param seconds p95 latency that fails the release (1-600)
   */
  public static latency(histogram: string, seconds: number = 10): RolloutMetric {
    return new RolloutMetric(RolloutMetric.LATENCY, seconds, histogram);
  }

  private constructor(
    /** "HealthChecks", "ErrorRateRise" or "Latency". */
    public readonly kind: string,
    /** Failures, percent or seconds, by kind. */
    public readonly threshold: number,
    /** Histogram family (`latency()` only). */
    public readonly histogram?: string,
  ) {
    brandEnumLike(this, 'RolloutMetric');
  }
}

/** The background analysis of a release. */
export interface RolloutAnalysisOptions {
  /**
   * Conditions that fail (abort) the release. At least one.
   * @default - `RolloutMetric.healthChecks()`, and `RolloutMetric.errorRateRise()` for an app with an Ingress
   */
  readonly metrics?: RolloutMetric[];
  /**
   * Seconds between two measurements of each metric (10-300).
   * @default 30
   */
  readonly intervalSeconds?: number;
}

/**
 * Releases as canaries driven by Argo Rollouts (installed by `K8sPlatform`):
 * the app's Deployment becomes the template of a `Rollout`
 * (`workloadRef`), which shifts traffic step by step through ingress-nginx on
 * the app's own Ingress, runs a background analysis from the first step, and
 * aborts (all traffic back to the stable version) when a measurement fails.
 */
export interface ProgressiveDeliveryOptions {
  /**
   * The canary steps; after the last one the new version takes 100%. At least
   * one pause (otherwise the release reaches 100% before the analysis measures anything).
   * @default - PRD 11.2: 5% for 10 minutes, then 100% (`[{ weight: 5 }, { pauseMinutes: 10 }]`)
   */
  readonly steps?: CanaryStep[];
  /**
   * The background analysis.
   * @default - health checks, and the 5xx rise for an app with an Ingress, every 30 s
   */
  readonly analysis?: RolloutAnalysisOptions;
}
