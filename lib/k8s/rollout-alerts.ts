import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AppNamespace } from './app-namespace';
import { K8sReadyApp } from './k8s-ready-app';
import { IK8sWorkload } from './k8s-workload';
import { claimName, inNamespace } from './private/claims';
import { HISTOGRAM_PATTERN } from './private/names';
import { ensureKubernetesProvider } from './private/providers';
import { queryTargetOf } from './private/query-target';
import { rolloutAlertRules } from './private/rollout-alert-rules';
import { isK8sWorkload, WORKLOAD_ALLOWED } from './private/workload';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Props of `RolloutAlerts`. */
export interface RolloutAlertsProps {
  /** The app whose rollout is watched (a K8sReadyApp, or one imported with `K8sReadyApp.fromWorkloadAttributes`). */
  readonly app: IK8sWorkload;
  /**
   * Failed health probes (in 5 minutes) that trigger a rollback (1-100).
   * @default 3
   */
  readonly healthCheckFailures?: number;
  /**
   * Rise of the 5xx ratio over its baseline, percent, that triggers a rollback (1-1000).
   * @default 15
   */
  readonly errorRisePercent?: number;
  /**
   * Minutes after a release's pods start serving (a new ReplicaSet of the app gets
   * its first ready pods) during which the 5xx rise is watched (1-60).
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
   * p95 AI latency, seconds, at or above which the release is rolled back (1-600).
   * @default 10
   */
  readonly aiLatencySeconds?: number;
  /**
   * Minutes at max replicas before `HpaMaxedOut` fires (1-1440).
   * @default 15
   */
  readonly hpaMaxedOutMinutes?: number;
  /**
   * The environment named in the alerts' `environment` label.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * Prometheus alert rules for the rollback conditions of one app's releases, as
 * a PrometheusRule in the app's namespace; alerts carry `rollback="true"` so
 * Alertmanager can route them to the deployment pipeline (docs/k8s.md lists the
 * rules). Two rule sets for one app in a stack fail at synth.
 *
 * A `kubernetes_manifest`: the Prometheus Operator CRDs must exist at plan time.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, RolloutAlerts } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'monitoring', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * const api = K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'acme-production', port: 8000, hosts: ['api.example.com'] });
 * new RolloutAlerts(stack, 'ApiAlerts', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
 * app.synth();
 */
export class RolloutAlerts extends Construct {
  /** The `kubernetes_manifest` of the PrometheusRule. */
  public readonly resource: Manifest;
  /** Names of the alerts. */
  public readonly alertNames: string[];

  constructor(scope: Construct, id: string, props: RolloutAlertsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const app = input.instance('app', isK8sWorkload, WORKLOAD_ALLOWED);
    if (app === undefined) throw new ValidationError(this, 'app', undefined, WORKLOAD_ALLOWED);
    const healthCheckFailures = input.integer('healthCheckFailures', 1, 100) ?? 3;
    const errorRisePercent = input.integer('errorRisePercent', 1, 1000) ?? 15;
    const rolloutWindowMinutes = input.integer('rolloutWindowMinutes', 1, 60) ?? 1;
    const aiLatencyHistogram = input.string('aiLatencyHistogram', { pattern: HISTOGRAM_PATTERN, allowed: 'a Prometheus metric name without "_bucket"' });
    const aiLatencySeconds = input.integer('aiLatencySeconds', 1, 600) ?? 10;
    const hpaMaxedOutMinutes = input.integer('hpaMaxedOutMinutes', 1, 1440) ?? 15;
    const env = environmentOf(this, input.raw('environment'));
    input.done();

    const name = `${app.name}-rollout`;
    claimName(this, 'app', inNamespace(app.namespaceName), 'PrometheusRule', name);
    const rules = rolloutAlertRules(queryTargetOf(app), {
      healthCheckFailures,
      errorRisePercent,
      rolloutWindowMinutes,
      aiLatencyHistogram,
      aiLatencySeconds,
      hpaMaxedOutMinutes,
      environment: env.name,
    });
    this.alertNames = rules.map((r) => r.alert);
    // The namespace must exist before the rule; the literal name does not order it.
    const namespace = K8sReadyApp.isK8sReadyApp(app) && AppNamespace.isAppNamespace(app.namespace) && TerraformStack.of(app.namespace) === TerraformStack.of(this)
      ? app.namespace.resource : undefined;
    this.resource = new Manifest(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      manifest: {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: {
          name,
          namespace: app.namespaceName,
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
      dependsOn: namespace ? [namespace] : undefined,
    });
  }
}
