import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { K8sReadyApp } from './k8s-ready-app';
import { AppQueryTarget } from './private/promql';
import { ensureKubernetesProvider } from './private/providers';
import { rolloutAlertRules } from './private/rollout-alert-rules';
import { markLibraryConstruct } from '../core/private/escape';
import { assertInteger, assertMatches } from '../core/private/validation';

/** Props of `RolloutAlerts`. */
export interface RolloutAlertsProps {
  /** The app whose rollout is watched. */
  readonly app: K8sReadyApp;
  /**
   * Failed health probes (in 5 minutes) that trigger a rollback.
   * @default 3
   */
  readonly healthCheckFailures?: number;
  /**
   * Rise of the 5xx ratio over its baseline, percent, that triggers a rollback.
   * @default 15
   */
  readonly errorRisePercent?: number;
  /**
   * Minutes after a release's pods start serving (a new ReplicaSet of the app gets
   * its first ready pods) during which the 5xx rise is watched.
   * @default 1
   */
  readonly rolloutWindowMinutes?: number;
  /**
   * Histogram (without `_bucket`) of the AI latency the app exposes; no AI rule without it.
   *
   * `histogram_quantile` never returns more than the histogram's highest finite
   * bucket bound. Python prometheus_client's default buckets end at 10 s, so with
   * them the rule still fires (it compares with `>=`: a p95 in the +Inf bucket reads
   * 10), but the value cannot show how slow inferences are; give the histogram
   * buckets above `aiLatencySeconds` (for example 15, 20, 30, 60) to measure it.
   * @default - no AI latency rule
   */
  readonly aiLatencyHistogram?: string;
  /**
   * p95 AI latency, seconds, at or above which the release is rolled back.
   * @default 10
   */
  readonly aiLatencySeconds?: number;
  /**
   * Minutes at max replicas before `HpaMaxedOut` fires.
   * @default 15
   */
  readonly hpaMaxedOutMinutes?: number;
}

/** The query target of an app (names as literals, for PromQL). */
export function queryTargetOf(app: K8sReadyApp): AppQueryTarget {
  const canary = app.canaryName;
  return {
    namespace: app.namespace.name,
    app: app.name,
    deployments: canary ? [app.deploymentName, canary] : [app.deploymentName],
    ingresses: app.hosts.length > 0 ? (canary ? [app.name, canary] : [app.name]) : [],
    service: app.name,
    canaryService: canary,
    hpa: app.deploymentName,
  };
}

/**
 * Prometheus alert rules for the PRD's rollback conditions (11.2) of one app,
 * as a PrometheusRule in the app's namespace; alerts carry `rollback="true"` so
 * Alertmanager can route them to the deployment pipeline. See
 * `rolloutAlertRules` for the rules.
 *
 * A `kubernetes_manifest`: the Prometheus Operator CRDs must exist at plan time.
 *
 * @example
 * new RolloutAlerts(stack, 'ApiAlerts', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
 */
export class RolloutAlerts extends Construct {
  /** The `kubernetes_manifest` of the PrometheusRule. */
  public readonly resource: Manifest;
  /** Names of the alerts. */
  public readonly alertNames: string[];

  constructor(scope: Construct, id: string, props: RolloutAlertsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const healthCheckFailures = props.healthCheckFailures ?? 3;
    assertInteger(this, 'healthCheckFailures', healthCheckFailures, 1, 100);
    const errorRisePercent = props.errorRisePercent ?? 15;
    assertInteger(this, 'errorRisePercent', errorRisePercent, 1, 1000);
    const rolloutWindowMinutes = props.rolloutWindowMinutes ?? 1;
    assertInteger(this, 'rolloutWindowMinutes', rolloutWindowMinutes, 1, 60);
    const aiLatencySeconds = props.aiLatencySeconds ?? 10;
    assertInteger(this, 'aiLatencySeconds', aiLatencySeconds, 1, 600);
    const hpaMaxedOutMinutes = props.hpaMaxedOutMinutes ?? 15;
    assertInteger(this, 'hpaMaxedOutMinutes', hpaMaxedOutMinutes, 1, 1440);
    assertMatches(this, 'aiLatencyHistogram', props.aiLatencyHistogram, /^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'a Prometheus metric name without "_bucket"');

    const app = props.app;
    const rules = rolloutAlertRules(queryTargetOf(app), {
      healthCheckFailures,
      errorRisePercent,
      rolloutWindowMinutes,
      aiLatencyHistogram: props.aiLatencyHistogram,
      aiLatencySeconds,
      hpaMaxedOutMinutes,
      environment: app.environment.name,
    });
    this.alertNames = rules.map((r) => r.alert);
    this.resource = new Manifest(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      manifest: {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: {
          name: `${app.name}-rollout`,
          namespace: app.namespace.name,
          labels: { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/managed-by': 'cdktf', 'role': 'alert-rules' },
        },
        spec: {
          groups: [{
            name: `${app.name}.rollout`,
            interval: '30s',
            rules: rules.map((r) => ({
              alert: r.alert,
              expr: r.expr,
              for: r.for,
              labels: r.labels,
              annotations: r.annotations,
            })),
          }],
        },
      },
      // The namespace must exist before the rule; the literal name does not order it.
      dependsOn: [app.namespace.resource],
    });
  }
}
