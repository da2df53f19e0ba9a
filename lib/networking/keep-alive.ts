import { WorkersCronTrigger } from '@cdktf/provider-cloudflare/lib/workers-cron-trigger';
import { WorkersScript } from '@cdktf/provider-cloudflare/lib/workers-script';
import { WorkersScriptSubdomain } from '@cdktf/provider-cloudflare/lib/workers-script-subdomain';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { accountIdInput, ensureCloudflareProvider } from './cloudflare-inputs';
import { KEEP_ALIVE_MAIN_MODULE, KEEP_ALIVE_SCRIPT } from './keep-alive-script';
import { assertPublicService } from './public-service';
import { IPublicService } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { assertCron, parseCron } from '../core/private/cron';
import { markLibraryConstruct } from '../core/private/escape';
import { assertInteger, assertMatches, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Render's free instances sleep after 15 idle minutes: pings must come more often. */
export const MAX_KEEP_ALIVE_GAP_MINUTES = 14;

/** Settings of the keep-alive Worker. */
export interface KeepAliveOptions {
  /**
   * Cron schedule (5 fields, UTC) of the pings.
   * @default "*\/5 * * * *" (every 5 minutes, as the PRD asks)
   */
  readonly schedule?: string;
  /**
   * Per-request timeout, seconds (1-60).
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /**
   * Worker name.
   * @default "<project>-<environment>-keepalive"
   */
  readonly scriptName?: string;
  /**
   * Cloudflare account id (32 hex characters, or a token).
   * @default - the `cloudflare_account_id` Terraform variable
   */
  readonly accountId?: string;
}

/** Props of `KeepAliveWorker`. */
export interface KeepAliveWorkerProps extends KeepAliveOptions {
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * The PRD's "despertador": a Cloudflare Worker with a cron trigger (every 5
 * minutes by default) that GETs each registered health URL
 * (`https://<publicHostname><healthCheckPath>`) so Render's free and starter
 * instances stay warm, and fails loudly (console.error, then a failed run) on any
 * non-2xx answer or timeout. Logs are kept with Workers observability; the
 * workers.dev route is switched off, and the script has no fetch handler.
 *
 * @example
 * const keepAlive = new KeepAliveWorker(this, 'KeepAlive');
 * keepAlive.addService(api);
 */
export class KeepAliveWorker extends Construct {
  /** The `cloudflare_workers_script`. */
  public readonly resource: WorkersScript;
  /** The `cloudflare_workers_cron_trigger`. */
  public readonly cronTrigger: WorkersCronTrigger;
  /** The cron schedule. */
  public readonly schedule: string;
  private readonly urls: string[] = [];

  constructor(scope: Construct, id: string, props: KeepAliveWorkerProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    this.schedule = props.schedule ?? '*/5 * * * *';
    assertCron(this, 'schedule', this.schedule);
    this.warnOnLongGaps();
    const timeout = props.timeoutSeconds ?? 10;
    assertInteger(this, 'timeoutSeconds', timeout, 1, 60);
    const scriptName = props.scriptName ?? env.resourceName('keepalive');
    assertMatches(this, 'scriptName', scriptName, /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/, 'a Worker name: 1-63 lowercase letters, digits, "-" or "_", starting and ending with a letter or digit');
    const accountId = accountIdInput(this, 'accountId', props.accountId);
    ensureCloudflareProvider(this);

    this.resource = new WorkersScript(this, 'Resource', {
      accountId,
      scriptName,
      content: KEEP_ALIVE_SCRIPT,
      mainModule: KEEP_ALIVE_MAIN_MODULE,
      compatibilityDate: '2025-01-01',
      bindings: [
        { type: 'plain_text', name: 'HEALTH_URLS', text: Lazy.stringValue({ produce: () => JSON.stringify(this.urls) }) },
        { type: 'plain_text', name: 'TIMEOUT_MS', text: String(timeout * 1000) },
      ],
      observability: { enabled: true },
    });
    // No public workers.dev URL: the Worker is only ever started by its cron trigger.
    new WorkersScriptSubdomain(this, 'Subdomain', { accountId, scriptName: this.resource.scriptName, enabled: false, previewsEnabled: false });
    this.cronTrigger = new WorkersCronTrigger(this, 'CronTrigger', {
      accountId,
      scriptName: this.resource.scriptName,
      schedules: [{ cron: this.schedule }],
    });
    this.node.addValidation({
      validate: () => this.urls.length === 0 ? [ValidationError.format(this.node.path, 'urls', [], 'at least one health URL: register the published services with addService()')] : [],
    });
  }

  /** The registered URLs (may contain tokens). */
  public get healthUrls(): string[] {
    return [...this.urls];
  }

  /** Pings `https://<publicHostname><healthCheckPath>` of the service. */
  public addService(service: IPublicService): void {
    assertPublicService(this, 'services', service);
    this.addUrl(`https://${service.publicHostname}${service.healthCheckPath}`);
  }

  /** Pings an explicit https URL. */
  public addUrl(url: string): void {
    if (!isToken(url) && !/^https:\/\/[a-z0-9.-]+(:\d+)?\/\S*$/.test(url)) {
      throw new ValidationError(this, 'urls', url, 'an https URL with a path, such as "https://api.example.com/health" (plain http is refused)');
    }
    if (this.urls.includes(url)) throw new ValidationError(this, 'urls', url, 'a URL not registered yet');
    this.urls.push(url);
  }

  /** Warns when the schedule leaves more than MAX_KEEP_ALIVE_GAP_MINUTES between pings. */
  private warnOnLongGaps(): void {
    if (isToken(this.schedule)) return;
    const s = parseCron(this.schedule);
    const everyHour = s.hours.length === 24 && s.daysOfMonth.length === 31 && s.months.length === 12 && s.daysOfWeek.length === 7;
    const gaps = s.minutes.map((m, i) => (s.minutes[(i + 1) % s.minutes.length] - m + 60) % 60 || 60);
    const widest = Math.max(...gaps);
    if (!everyHour || widest > MAX_KEEP_ALIVE_GAP_MINUTES) {
      Annotations.of(this).addWarning(`[lib:networking:keep-alive-gap] schedule "${this.schedule}" leaves ${everyHour ? `${widest} minutes` : 'hours or days'} between pings; Render free instances sleep after 15 idle minutes`);
    }
  }
}
