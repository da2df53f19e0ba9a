import { WorkersCronTrigger } from '@cdktf/provider-cloudflare/lib/workers-cron-trigger';
import { WorkersCustomDomain } from '@cdktf/provider-cloudflare/lib/workers-custom-domain';
import { WorkersKvNamespace } from '@cdktf/provider-cloudflare/lib/workers-kv-namespace';
import { WorkersScript } from '@cdktf/provider-cloudflare/lib/workers-script';
import { WorkersScriptSubdomain } from '@cdktf/provider-cloudflare/lib/workers-script-subdomain';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { metricsTokenInput, otlpEndpointInput } from './private/grafana';
import { readGuardOptions } from './private/release-guard-options';
import { RELEASE_GUARD_MAIN_MODULE, RELEASE_GUARD_SCRIPT, RELEASE_GUARD_WEBHOOK_PATH } from './private/release-guard-script';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { accountIdInput, ensureCloudflareProvider, zoneIdInput } from '../networking/private/cloudflare-inputs';
import { Webhook } from '../providers/render/gen/webhook';
import { renderProviderFor } from '../render/private/provider';

/** Render's API (the guard's default). */
const RENDER_API_URL = 'https://api.render.com/v1';

/** Settings of the release guard Worker. */
export interface RenderReleaseGuardOptions {
  /**
   * Public hostname the Worker receives Render's webhook on, a Workers custom
   * domain in the Cloudflare zone (for example "release-guard.example.com"). Render
   * POSTs to https://<hostname>/render-webhook.
   */
  readonly hostname: string;
  /**
   * Cloudflare zone id of the hostname's zone.
   * @default - the `cloudflare_zone_id` Terraform variable
   */
  readonly zoneId?: string;
  /**
   * Cloudflare account id.
   * @default - the `cloudflare_account_id` Terraform variable
   */
  readonly accountId?: string;
  /**
   * Worker name.
   * @default "<project>-<environment>-release-guard"
   */
  readonly scriptName?: string;
  /**
   * Render API key the guard reads deploys and rolls back with (a Worker secret).
   * @default - the `release_guard_render_api_key` Terraform variable (sensitive)
   */
  readonly renderApiKey?: SecretValue;
  /**
   * Prometheus API of the Grafana stack, ending in "/api/prom" (the stack's
   * Prometheus "Query endpoint" without "/api/v1/query").
   * @default - the `grafana_prometheus_url` Terraform variable
   */
  readonly prometheusUrl?: string;
  /**
   * User (instance id) of the stack's Prometheus.
   * @default - the `grafana_prometheus_user` Terraform variable
   */
  readonly prometheusUser?: string;
  /**
   * OTLP endpoint the guard pushes its markers to (deploys, cron runs, decisions).
   * @default - the `grafana_otlp_endpoint` Terraform variable
   */
  readonly otlpEndpoint?: string;
  /**
   * Instance id of the stack's OTLP endpoint (its basic-auth user).
   * @default - the `grafana_otlp_instance_id` Terraform variable
   */
  readonly otlpInstanceId?: string;
  /**
   * Access-policy token with metrics:read and metrics:write (a Worker secret).
   * @default - the `grafana_metrics_token` Terraform variable (sensitive)
   */
  readonly metricsToken?: SecretValue;
  /**
   * Seconds between the health checks of a run (3 per run, one run a minute).
   * @default 15
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Minutes a deploy is watched before it is kept.
   * @default 5
   */
  readonly observeMinutes?: number;
}

/** Props of `RenderReleaseGuard`. */
export interface RenderReleaseGuardProps extends RenderReleaseGuardOptions {
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** What the guard watches of one service (rendered into the Worker's TARGETS binding). */
interface GuardTarget {
  healthUrl?: string;
  healthFailures?: number;
  errors?: { baseline: string; after: string; requests: string; risePercent: number; floor: number; minRequests: number };
  aiLatency?: { query: string; thresholdSeconds: number };
}

/**
 * Automatic rollback on Render (PRD 11.2): a Cloudflare Worker driven by Render's
 * webhook. After a deploy of a guarded service goes live it checks the service's
 * health URL every few seconds, compares the 5xx ratio of the deploy's first
 * minute with the hour before and reads the AI latency (the Grafana stack's
 * Prometheus API), and rolls the deploy back through Render's rollback API when
 * the health check fails 3 times in a row, the 5xx ratio rose 15% or more, or the
 * AI latency reached 10 s. It also forwards deploy and cron-run events to the
 * Grafana stack as metrics, which the alert rules use.
 *
 * - Render's deliveries are verified (Standard Webhooks signature with the
 *   webhook's generated secret, a Worker secret) and remembered in Workers KV: a
 *   replay does nothing.
 * - One rollback per bad deploy, never a loop: a deploy made by a rollback is never
 *   watched, and before rolling back the guard checks with Render that the deploy
 *   is still the live, latest one.
 * - The Render API key and the Grafana token are Worker secrets from sensitive
 *   variables; the workers.dev route is off (only the custom domain serves it).
 * - Every decision is a JSON log line in Workers Logs.
 *
 * RenderObservability creates it (`releaseGuard` prop) and tells it what to watch.
 *
 * @example
 * const compute = new RenderCompute(this, 'Compute', {
 *   publicImages: true,
 *   webServices: { Api: { image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' }, healthCheckPath: '/health', port: 8000, customDomain: 'api.example.com' } },
 * });
 * const observability = new RenderObservability(this, 'Observability', {
 *   webServices: compute.services.filter(RenderWebService.isRenderWebService),
 *   releaseGuard: { hostname: 'release-guard.example.com' },
 * });
 * new TerraformOutput(this, 'guard_webhook_url', { value: observability.releaseGuard!.webhookUrl });
 */
export class RenderReleaseGuard extends Construct {
  /** The `cloudflare_workers_script`. */
  public readonly resource: WorkersScript;
  /** The `render_webhook` that sends deploy and cron-run events to the Worker. */
  public readonly webhook: Webhook;
  /** The KV namespace of deliveries, watches and decisions. */
  public readonly state: WorkersKvNamespace;
  /** The URL Render posts to. */
  public readonly webhookUrl: string;
  /** The Worker's name. */
  public readonly scriptName: string;

  private readonly targets: { [renderName: string]: GuardTarget } = {};
  private readonly cronJobs: string[] = [];

  constructor(scope: Construct, id: string, props: RenderReleaseGuardProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const o = readGuardOptions(Input.of(this, props), 'environment');
    const hostname = o.hostname;
    const zoneId = zoneIdInput(this, { scope: this, prop: 'zoneId' }, o.zoneId);
    const accountId = accountIdInput(this, { scope: this, prop: 'accountId' }, o.accountId);
    this.scriptName = o.scriptName ?? env.resourceName('release-guard');
    const renderApiKey = o.renderApiKey ?? SecretValue.fromVariable(this, 'release_guard_render_api_key', 'Render API key of the release guard Worker (reads deploys, rolls back)');
    const prometheusUrl = o.prometheusUrl
      ?? stringInput(this, 'grafana_prometheus_url', 'Prometheus API of the Grafana stack, ending in /api/prom (the release guard queries it)', { regex: '^https://', message: 'grafana_prometheus_url must be an https URL ending in /api/prom.' }).stringValue;
    const prometheusUser = o.prometheusUser ?? stringInput(this, 'grafana_prometheus_user', 'User (numeric instance id) of the Grafana stack\'s Prometheus').stringValue;
    const otlpEndpoint = o.otlpEndpoint ?? otlpEndpointInput(this);
    const otlpInstanceId = o.otlpInstanceId ?? stringInput(this, 'grafana_otlp_instance_id', 'Instance id (basic-auth user) of the Grafana stack\'s OTLP endpoint').stringValue;
    const metricsToken = o.metricsToken ?? metricsTokenInput(this);
    const intervalSeconds = o.healthCheckIntervalSeconds ?? 15;
    const observeMinutes = o.observeMinutes ?? 5;

    ensureCloudflareProvider(this);
    renderProviderFor(this);
    this.webhookUrl = `https://${hostname}${RELEASE_GUARD_WEBHOOK_PATH}`;
    this.webhook = new Webhook(this, 'Webhook', {
      name: this.scriptName,
      url: this.webhookUrl,
      enabled: true,
      eventFilter: ['deploy_ended', 'cron_job_run_ended'],
    });
    this.state = new WorkersKvNamespace(this, 'State', { accountId, title: `${this.scriptName}-state` });
    const settings = {
      checksPerRun: 3,
      checkIntervalMs: intervalSeconds * 1000,
      healthTimeoutMs: 10000,
      windowSeconds: 60,
      metricsLagSeconds: 60,
      observeSeconds: observeMinutes * 60,
      retries: 3,
      retryBaseMs: 1000,
    };
    this.resource = new WorkersScript(this, 'Resource', {
      accountId,
      scriptName: this.scriptName,
      content: RELEASE_GUARD_SCRIPT,
      mainModule: RELEASE_GUARD_MAIN_MODULE,
      compatibilityDate: '2025-01-01',
      bindings: [
        { type: 'plain_text', name: 'TARGETS', text: Lazy.stringValue({ produce: () => JSON.stringify(this.targets) }) },
        { type: 'plain_text', name: 'CRON_JOBS', text: Lazy.stringValue({ produce: () => JSON.stringify(this.cronJobs) }) },
        { type: 'plain_text', name: 'SETTINGS', text: JSON.stringify(settings) },
        { type: 'plain_text', name: 'ENVIRONMENT', text: env.name },
        { type: 'plain_text', name: 'RENDER_API_URL', text: RENDER_API_URL },
        { type: 'plain_text', name: 'PROMETHEUS_URL', text: prometheusUrl },
        { type: 'plain_text', name: 'PROMETHEUS_USER', text: prometheusUser },
        { type: 'plain_text', name: 'OTLP_URL', text: otlpEndpoint },
        { type: 'plain_text', name: 'OTLP_USER', text: otlpInstanceId },
        { type: 'kv_namespace', name: 'GUARD_STATE', namespaceId: this.state.id },
        { type: 'secret_text', name: 'WEBHOOK_SECRET', text: this.webhook.secret },
        { type: 'secret_text', name: 'RENDER_API_KEY', text: renderApiKey.value },
        { type: 'secret_text', name: 'PROMETHEUS_TOKEN', text: metricsToken.value },
        { type: 'secret_text', name: 'OTLP_TOKEN', text: metricsToken.value },
      ],
      observability: { enabled: true },
    });
    // Only the custom domain serves the Worker: no public workers.dev URL.
    new WorkersScriptSubdomain(this, 'Subdomain', { accountId, scriptName: this.resource.scriptName, enabled: false, previewsEnabled: false });
    new WorkersCustomDomain(this, 'CustomDomain', { accountId, zoneId, hostname, service: this.resource.scriptName });
    new WorkersCronTrigger(this, 'CronTrigger', { accountId, scriptName: this.resource.scriptName, schedules: [{ cron: '* * * * *' }] });
    this.node.addValidation({
      validate: () => Object.keys(this.targets).length === 0
        ? [ValidationError.format(this.node.path, 'services', [], 'at least one guarded service (RenderObservability adds its web services and the AI latency service)')]
        : [],
    });
  }

  /**
   * Watches the deploys of a service.
   * @internal
   */
  public _guard(renderName: string, target: GuardTarget): void {
    this.targets[renderName] = { ...this.targets[renderName], ...target };
  }

  /**
   * Forwards the runs of a cron job to the Grafana stack.
   * @internal
   */
  public _forwardCronRuns(renderName: string): void {
    if (!this.cronJobs.includes(renderName)) this.cronJobs.push(renderName);
  }
}
