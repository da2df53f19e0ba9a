import { Construct } from 'constructs';
import { HISTOGRAM_PATTERN } from './names';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input } from '../../core/private/input';
import { RolloutMetric } from '../progressive-delivery';

/** One canary step, checked: a weight or a pause. */
export type RolloutStepSettings = { readonly weight: number } | { readonly pauseMinutes: number };

/** One analysis metric, checked. */
export interface RolloutMetricSettings {
  readonly kind: string;
  readonly threshold: number;
  readonly histogram?: string;
}

/** `ProgressiveDeliveryOptions`, checked, with the defaults applied. */
export interface RolloutSettings {
  readonly steps: RolloutStepSettings[];
  readonly metrics: RolloutMetricSettings[];
  readonly intervalSeconds: number;
  /** Traffic split by ingress-nginx on the app's Ingress (otherwise by replica count). */
  readonly trafficRouting: boolean;
}

/** PRD 11.2: 5% of the users for 10 minutes, then everyone. */
export const DEFAULT_STEPS: RolloutStepSettings[] = [{ weight: 5 }, { pauseMinutes: 10 }];

const METRIC_EXAMPLES = 'RolloutMetric.healthChecks(), RolloutMetric.errorRateRise() or RolloutMetric.latency("<histogram>", <seconds>)';

/** What the app offers the analysis. */
export interface RolloutContext {
  readonly hasIngress: boolean;
  readonly hasMetrics: boolean;
}

/** Reads `progressiveDelivery` (undefined when not set: the app keeps rolling updates). */
export function readProgressiveDelivery(scope: Construct, props: Input, ctx: RolloutContext): RolloutSettings | undefined {
  const input = props.object('progressiveDelivery');
  if (input === undefined) return undefined;
  const steps = readSteps(scope, input);
  const analysis = input.objectOrEmpty('analysis');
  const metrics = readMetrics(scope, analysis, ctx);
  const intervalSeconds = analysis.integer('intervalSeconds', 10, 300) ?? 30;
  analysis.done();
  input.done();
  return { steps, metrics, intervalSeconds, trafficRouting: ctx.hasIngress };
}

function readSteps(scope: Construct, input: Input): RolloutStepSettings[] {
  const list = input.objectList('steps', { minItems: 1, maxItems: 20 });
  if (list === undefined) return DEFAULT_STEPS;
  const steps = list.map((step, i): RolloutStepSettings => {
    const weight = step.integer('weight', 1, 100);
    const pauseMinutes = step.integer('pauseMinutes', 1, 1440);
    step.done();
    if ((weight === undefined) === (pauseMinutes === undefined)) {
      throw new ValidationError(scope, `${input.path('steps')}[${i}]`, step.props, 'exactly one of "weight" (1-100) or "pauseMinutes" (1-1440), for example { weight: 5 } or { pauseMinutes: 10 }');
    }
    return weight !== undefined ? { weight } : { pauseMinutes: pauseMinutes! };
  });
  if (!steps.some((s) => 'pauseMinutes' in s)) {
    throw new ValidationError(scope, input.path('steps'), list.map((s) => s.props), 'at least one { pauseMinutes } step: without a pause the release reaches 100% before the analysis has measured anything');
  }
  return steps;
}

function defaultMetrics(ctx: RolloutContext): RolloutMetricSettings[] {
  return [
    { kind: RolloutMetric.HEALTH_CHECKS, threshold: 3 },
    ...(ctx.hasIngress ? [{ kind: RolloutMetric.ERROR_RATE_RISE, threshold: 15 }] : []),
  ];
}

function readMetrics(scope: Construct, analysis: Input, ctx: RolloutContext): RolloutMetricSettings[] {
  const prop = analysis.path('metrics');
  const raw = analysis.raw('metrics');
  if (raw === undefined) return defaultMetrics(ctx);
  if (!Array.isArray(raw)) throw new ValidationError(scope, prop, raw, `a list of RolloutMetric: ${METRIC_EXAMPLES}`);
  if (raw.length === 0) {
    throw new ValidationError(scope, prop, raw, `at least one RolloutMetric (${METRIC_EXAMPLES}): an analysis without a metric never fails, so it would never abort a bad release`);
  }
  const seen = new Map<string, number>();
  return raw.map((item, i) => {
    const at = `${prop}[${i}]`;
    const metric = checkEnumLike<RolloutMetric>(scope, at, item, 'RolloutMetric', METRIC_EXAMPLES)!;
    const check = Input.of(scope, { threshold: metric.threshold, histogram: metric.histogram }, at);
    let threshold: number;
    let histogram: string | undefined;
    if (metric.kind === RolloutMetric.HEALTH_CHECKS) {
      threshold = check.integer('threshold', 1, 100)!;
    } else if (metric.kind === RolloutMetric.ERROR_RATE_RISE) {
      threshold = check.integer('threshold', 1, 1000)!;
      if (!ctx.hasIngress) {
        throw new ValidationError(scope, at, 'RolloutMetric.errorRateRise()', 'a metric the app can measure: the 5xx ratios come from ingress-nginx, and this app has no "ingress"');
      }
    } else if (metric.kind === RolloutMetric.LATENCY) {
      threshold = check.integer('threshold', 1, 600)!;
      histogram = check.requiredString('histogram', { pattern: HISTOGRAM_PATTERN, allowed: 'a Prometheus metric name such as "ai_inference_duration_seconds"' });
      if (!ctx.hasMetrics) {
        throw new ValidationError(scope, 'metrics', undefined, 'a MetricsOptions: a RolloutMetric.latency(...) analysis needs Prometheus to scrape the pods');
      }
    } else {
      throw new ValidationError(scope, `${at}.kind`, metric.kind, METRIC_EXAMPLES);
    }
    const key = `${metric.kind}/${histogram ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ValidationError(scope, at, describeMetric(metric), `a metric not already in the list (${prop}[${first}] measures the same): each condition is measured once`);
    }
    seen.set(key, i);
    return { kind: metric.kind, threshold, histogram };
  });
}

function describeMetric(m: RolloutMetric): string {
  if (m.kind === RolloutMetric.LATENCY) return `RolloutMetric.latency(${JSON.stringify(m.histogram)}, ${m.threshold})`;
  return `RolloutMetric.${m.kind === RolloutMetric.HEALTH_CHECKS ? 'healthChecks' : 'errorRateRise'}(${m.threshold})`;
}

