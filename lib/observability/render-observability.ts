import { Construct } from 'constructs';
import { IWatchedRenderService, IWatchedRenderWebService } from './contracts';
import { GRAFANA_CLOUD_PROMETHEUS_UID, grafanaProviderFor, grafanaRule } from './private/grafana';
import { checkNotifications, checkServiceList, checkWatchedService, checkWatchedWebService } from './private/inputs';
import { readGuardOptions } from './private/release-guard-options';
import { AlertRuleSpec, pascal, renderAlertRules } from './private/render-alert-rules';
import { servicePanels } from './private/render-dashboards';
import { errorRatio, histogramQuantile, requestCount } from './private/render-promql';
import { RenderNotifications } from './render-notifications';
import { RenderReleaseGuard, RenderReleaseGuardOptions } from './render-release-guard';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { renderDashboardJson } from '../k8s/private/grafana-dashboard-json';
import { Dashboard } from '../providers/grafana/gen/dashboard';
import { DataGrafanaSyntheticMonitoringProbes } from '../providers/grafana/gen/data-grafana-synthetic-monitoring-probes';
import { Folder } from '../providers/grafana/gen/folder';
import { RuleGroup } from '../providers/grafana/gen/rule-group';
import { SyntheticMonitoringCheck } from '../providers/grafana/gen/synthetic-monitoring-check';
import { renderProviderFor } from '../render/private/provider';

/** The AI latency condition of PRD 11.2. */
export interface AiLatencyOptions {
  /** The service whose AI latency it is (the AI worker). */
  readonly service: IWatchedRenderService;
  /**
   * Histogram (without `_bucket`, in seconds) the service pushes to the Grafana
   * stack with its Render name as OpenTelemetry `service.name`.
   */
  readonly histogram: string;
  /**
   * Latency at or above which the release is rolled back, seconds.
   * @default 10
   */
  readonly thresholdSeconds?: number;
  /**
   * Quantile the threshold applies to.
   * @default 0.95
   */
  readonly quantile?: number;
}

/** Thresholds of the rollback conditions (PRD 11.2). */
export interface RolloutThresholdOptions {
  /**
   * Health checks in a row that must fail.
   * @default 3
   */
  readonly healthCheckFailures?: number;
  /**
   * Rise of the 5xx ratio in the first minute after a deploy, percent of the hour before.
   * @default 15
   */
  readonly errorRisePercent?: number;
  /**
   * Requests the first minute needs before the guard judges its 5xx ratio.
   * @default 20
   */
  readonly minRequests?: number;
}

/** Synthetic HTTP checks of every public health URL (Grafana Synthetic Monitoring). */
export interface SyntheticCheckOptions {
  /**
   * Public probe locations, by name ("Ohio", "Atlanta", "Frankfurt", ...).
   * @default - ["Ohio", "Atlanta"] in production, ["Ohio"] elsewhere
   */
  readonly probes?: string[];
  /**
   * Seconds between two runs from each probe (60-3600).
   * @default - 120 in production, 600 elsewhere
   */
  readonly frequencySeconds?: number;
  /**
   * Seconds before a run counts as failed (1-60).
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/** Props of `RenderObservability`. */
export interface RenderObservabilityProps {
  /** Public web services: health checks, 5xx and deploy rules, dashboards, release guard. */
  readonly webServices: IWatchedRenderWebService[];
  /**
   * Background workers: dashboards (CPU, memory, instances).
   * @default - none
   */
  readonly workers?: IWatchedRenderService[];
  /**
   * Cron jobs whose failed run must alert (the nightly database backup).
   * @default - none
   */
  readonly backupJobs?: IWatchedRenderService[];
  /**
   * The AI latency condition.
   * @default - no AI latency rule
   */
  readonly aiLatency?: AiLatencyOptions;
  /**
   * Thresholds of the rollback conditions.
   * @default - 3 failed health checks, +15% 5xx, 20 requests
   */
  readonly thresholds?: RolloutThresholdOptions;
  /**
   * Synthetic checks of the health URLs.
   * @default - see SyntheticCheckOptions
   */
  readonly syntheticChecks?: SyntheticCheckOptions;
  /**
   * The release guard (automatic rollback). The deploy, 5xx-after-deploy and backup
   * alert rules read the markers it pushes, so they exist only with it.
   * @default - no release guard
   */
  readonly releaseGuard?: RenderReleaseGuardOptions;
  /**
   * Notifications every watched service pins (`notification_override`), so that a
   * change of the workspace default never silences them.
   * @default RenderNotifications.FAILURE
   */
  readonly notifications?: RenderNotifications;
  /**
   * Make `terraform apply` wait for each deploy and fail when it fails (the Render
   * provider's `wait_for_deploy_completion`).
   * @default true
   */
  readonly failApplyOnFailedDeploy?: boolean;
  /**
   * Uid of the stack's Prometheus data source.
   * @default "grafanacloud-prom"
   */
  readonly prometheusDatasourceUid?: string;
  /**
   * Alert rules to keep but not evaluate (silenced in code), by name, for example "ApiHealthCheckFailing".
   * @default - none
   */
  readonly pausedAlerts?: string[];
  /**
   * Evaluation interval of the rule group, seconds (10-300).
   * @default 60
   */
  readonly ruleIntervalSeconds?: number;
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * Observability of one Render environment (PRD 11.2 and 11.3 "Monitoring"):
 *
 * - a Grafana folder for the environment with one dashboard per service (the same
 *   typed panel model as the Kubernetes dashboards) on the metrics Render streams;
 * - an alert rule group for the PRD's conditions (3 failed health checks, 5xx up
 *   15% in the first minute after a deploy, AI latency at or above 10 s), a failed
 *   backup run and the release guard's own failures, labelled for routing
 *   (`environment`, `severity`, `service`; AlertRouting sends them to people);
 * - a synthetic HTTP check of every public health URL;
 * - per-service Render notification overrides (failures), and the Render provider's
 *   `wait_for_deploy_completion`, so a failed deploy fails the apply;
 * - optionally the release guard that rolls a bad deploy back.
 *
 * Workspace-wide settings (notification defaults, the metrics stream) are
 * RenderWorkspaceObservability; alert routing is AlertRouting.
 *
 * @example
 * const image = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };
 * const compute = new RenderCompute(this, 'Compute', {
 *   publicImages: true,
 *   webServices: { Api: { image, healthCheckPath: '/health', port: 8000, customDomain: 'api.example.com' } },
 *   workers: { AiWorker: { image, command: 'python -m app.workers.ai' } },
 * });
 * const aiWorker = compute.service('AiWorker');
 * new RenderObservability(this, 'Observability', {
 *   webServices: compute.services.filter(RenderWebService.isRenderWebService),
 *   workers: [aiWorker],
 *   aiLatency: { service: aiWorker, histogram: 'ai_inference_duration_seconds' },
 *   releaseGuard: { hostname: 'release-guard.example.com' },
 * });
 */
export class RenderObservability extends Construct {
  /** The environment's Grafana folder. */
  public readonly folder: Folder;
  /** The alert rule group. */
  public readonly ruleGroup: RuleGroup;
  /** The dashboards, by service name. */
  public readonly dashboards: { [serviceName: string]: Dashboard };
  /** The synthetic checks, by service name. */
  public readonly checks: { [serviceName: string]: SyntheticMonitoringCheck };
  /** The release guard, if any. */
  public readonly releaseGuard?: RenderReleaseGuard;
  /** Names of the alert rules. */
  public readonly alertNames: string[];

  constructor(scope: Construct, id: string, props: RenderObservabilityProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const input = Input.of(this, props);
    input.raw('environment');
    const web = checkServiceList(this, 'webServices', input.raw('webServices'), checkWatchedWebService, 1);
    const workers = checkServiceList(this, 'workers', input.raw('workers'), checkWatchedService);
    const backups = checkServiceList(this, 'backupJobs', input.raw('backupJobs'), checkWatchedService);
    const ai = this.readAiLatency(input);
    const th = input.objectOrEmpty('thresholds');
    const healthCheckFailures = th.integer('healthCheckFailures', 1, 10) ?? 3;
    const errorRisePercent = th.number('errorRisePercent', 1, 100) ?? 15;
    const minRequests = th.integer('minRequests', 0, 1000000) ?? 20;
    th.done();
    const sc = input.objectOrEmpty('syntheticChecks');
    const probes = sc.stringList('probes', { minItems: 1, maxItems: 10, unique: true, pattern: /^[A-Za-z][A-Za-z0-9]*$/, allowed: 'a probe name such as "Ohio" or "Frankfurt"' })
      ?? (env.isProduction ? ['Ohio', 'Atlanta'] : ['Ohio']);
    const frequencySeconds = sc.integer('frequencySeconds', 60, 3600) ?? (env.isProduction ? 120 : 600);
    const timeoutSeconds = sc.integer('timeoutSeconds', 1, 60) ?? 10;
    sc.done();
    const guardInput = input.object('releaseGuard');
    if (guardInput) readGuardOptions(guardInput);
    const guardOptions = input.props.releaseGuard as RenderReleaseGuardOptions | undefined;
    const notifications = checkNotifications(this, 'notifications', input.raw('notifications')) ?? RenderNotifications.FAILURE;
    const failApply = input.boolean('failApplyOnFailedDeploy') ?? true;
    const datasourceUid = input.string('prometheusDatasourceUid', { pattern: /^[A-Za-z0-9_-]{1,40}$/, allowed: 'a data source uid: 1-40 letters, digits, "-" or "_"' }) ?? GRAFANA_CLOUD_PROMETHEUS_UID;
    const paused = input.stringList('pausedAlerts', { unique: true }) ?? [];
    const interval = input.integer('ruleIntervalSeconds', 10, 300) ?? 60;
    input.done();

    // Render: failures of every watched service notify, whatever the workspace default; failed deploys fail the apply.
    for (const service of [...web, ...workers, ...backups, ...(ai ? [ai.service] : [])]) service.overrideNotifications(notifications.value);
    const render = renderProviderFor(this);
    if (failApply && render.waitForDeployCompletion === undefined) render.waitForDeployCompletion = true;

    // The release guard.
    if (guardOptions !== undefined) {
      this.releaseGuard = new RenderReleaseGuard(this, 'ReleaseGuard', guardOptions);
      for (const w of web) {
        this.releaseGuard._guard(w.renderName, {
          healthUrl: `https://${w.publicHostname}${w.healthCheckPath}`,
          healthFailures: healthCheckFailures,
          errors: {
            baseline: errorRatio(w.renderName, '1h'),
            after: errorRatio(w.renderName, '1m'),
            requests: requestCount(w.renderName, '1m'),
            risePercent: errorRisePercent,
            floor: 0.001,
            minRequests,
          },
        });
      }
      if (ai) {
        this.releaseGuard._guard(ai.service.renderName, {
          aiLatency: { query: histogramQuantile(ai.histogram, ai.service.renderName, ai.quantile, '1m'), thresholdSeconds: ai.thresholdSeconds },
        });
      }
      for (const b of backups) this.releaseGuard._forwardCronRuns(b.renderName);
    }

    // Grafana: folder, synthetic checks, dashboards, rules.
    grafanaProviderFor(this, { syntheticMonitoring: true });
    const folderUid = env.resourceName().slice(0, 40);
    this.folder = new Folder(this, 'Folder', { uid: folderUid, title: `${env.project} ${env.name} (Render)` });

    const checkJob = (w: IWatchedRenderWebService) => `${w.renderName}-health`;
    this.checks = {};
    if (web.length > 0) {
      const probeIds = new DataGrafanaSyntheticMonitoringProbes(this, 'Probes', {});
      for (const w of web) {
        this.checks[w.serviceName] = new SyntheticMonitoringCheck(this, `Check${pascal(w.serviceName)}`, {
          job: checkJob(w),
          target: `https://${w.publicHostname}${w.healthCheckPath}`,
          enabled: true,
          probes: probes.map((p) => probeIds.probes.lookup(p)),
          frequency: frequencySeconds * 1000,
          timeout: timeoutSeconds * 1000,
          basicMetricsOnly: true,
          labels: { environment: env.name, service: w.serviceName },
          settings: { http: { method: 'GET', failIfNotSsl: true, noFollowRedirects: true, ipVersion: 'V4' } },
        });
      }
    }

    const guard = this.releaseGuard !== undefined;
    this.dashboards = {};
    const dashboard = (service: IWatchedRenderService, input_: Parameters<typeof servicePanels>[0]) => {
      const uid = `${env.name}-${service.serviceName}`.slice(0, 40);
      this.dashboards[service.serviceName] = new Dashboard(this, `Dashboard${pascal(service.serviceName)}`, {
        folder: this.folder.uid,
        overwrite: true,
        configJson: renderDashboardJson({
          uid,
          title: `${env.project} ${env.name} / ${service.serviceName} (Render)`,
          tags: [env.project, env.name, 'render', 'cdktf'],
          panels: servicePanels(input_),
          refresh: '1m',
          datasourceUid,
        }),
      });
    };
    for (const w of web) dashboard(w, { renderName: w.renderName, checkJob: checkJob(w), web: true, cronJob: false, guard });
    for (const w of workers) {
      dashboard(w, { renderName: w.renderName, web: false, cronJob: false, guard, ai: ai && ai.service === w ? ai : undefined });
    }
    if (ai && !workers.includes(ai.service) && !web.some((w) => w === ai.service)) {
      dashboard(ai.service, { renderName: ai.service.renderName, web: false, cronJob: false, guard, ai });
    }
    if (guard) for (const b of backups) dashboard(b, { renderName: b.renderName, web: false, cronJob: true, guard });

    const rules: AlertRuleSpec[] = renderAlertRules({
      project: env.project,
      environment: env.name,
      web: web.map((w) => ({ serviceName: w.serviceName, renderName: w.renderName, checkJob: checkJob(w) })),
      ai: ai && {
        serviceName: ai.service.serviceName, renderName: ai.service.renderName, histogram: ai.histogram, thresholdSeconds: ai.thresholdSeconds, quantile: ai.quantile,
      },
      backups: backups.map((b) => ({ serviceName: b.serviceName, renderName: b.renderName })),
      healthCheckFailures,
      checkFrequencySeconds: frequencySeconds,
      errorRisePercent,
      guard,
      guardedJobs: [...web.map((w) => w.renderName), ...(ai ? [ai.service.renderName] : [])],
    });
    this.alertNames = rules.map((r) => r.alert);
    paused.forEach((name, i) => {
      if (!this.alertNames.includes(name)) {
        throw new ValidationError(this, `pausedAlerts[${i}]`, name, `the name of one of this environment's alert rules: ${this.alertNames.map((n) => JSON.stringify(n)).join(', ')}`);
      }
    });
    this.ruleGroup = new RuleGroup(this, 'Rules', {
      name: `${env.resourceName()}-render`,
      folderUid: this.folder.uid,
      intervalSeconds: interval,
      rule: rules.map((r) => grafanaRule(r, datasourceUid, paused.includes(r.alert))),
    });
  }

  private readAiLatency(input: Input): { service: IWatchedRenderService; histogram: string; thresholdSeconds: number; quantile: number } | undefined {
    const a = input.object('aiLatency');
    if (!a) return undefined;
    const service = checkWatchedService(this, a.path('service'), a.raw('service'));
    const histogram = a.requiredString('histogram', { pattern: /^[a-zA-Z_:][a-zA-Z0-9_:]*$/, allowed: 'a Prometheus metric name without "_bucket", such as "ai_inference_duration_seconds"' });
    if (histogram.endsWith('_bucket')) throw new ValidationError(this, a.path('histogram'), histogram, 'the histogram\'s name without "_bucket"');
    const thresholdSeconds = a.number('thresholdSeconds', 0.1, 3600) ?? 10;
    const quantile = a.number('quantile', 0.5, 0.999) ?? 0.95;
    a.done();
    return { service, histogram, thresholdSeconds, quantile };
  }
}
