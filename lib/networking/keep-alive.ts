import { WorkersCronTrigger } from '@cdktf/provider-cloudflare/lib/workers-cron-trigger';
import { WorkersScript } from '@cdktf/provider-cloudflare/lib/workers-script';
import { WorkersScriptSubdomain } from '@cdktf/provider-cloudflare/lib/workers-script-subdomain';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ACCOUNT_ID_VARIABLE, accountIdInput, ensureCloudflareProvider } from './private/cloudflare-inputs';
import { KEEP_ALIVE_MAIN_MODULE, KEEP_ALIVE_SCRIPT } from './private/keep-alive-script';
import { checkPublicService } from './private/public-service';
import { appRegistry } from './private/registry';
import { Reporter, propsInput, reporterOf } from './private/reporter';
import { checkText } from './private/text';
import { IPublicService } from '../core/contracts';
import { ValidationError, pathOf } from '../core/errors';
import { assertCron, parseCron } from '../core/private/cron';
import { markLibraryConstruct } from '../core/private/escape';
import { checkString } from '../core/private/input';
import { isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Render's free instances sleep after 15 idle minutes: pings must come more often. */
const MAX_KEEP_ALIVE_GAP_MINUTES = 14;

/** Settings of the keep-alive Worker. */
export interface KeepAliveOptions {
  /**
   * Cron schedule (5 fields, UTC) of the pings.
   * @default "*\/5 * * * *" (every 5 minutes)
   */
  readonly schedule?: string;
  /**
   * Per-request timeout, seconds (1-60).
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /**
   * Worker name, unique in the Cloudflare account.
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
   * The environment (names).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const KEEP_ALIVE_WORKER_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.KeepAliveWorker');
const WORKER_NAME = 'a Worker name: 1-63 lowercase letters, digits, "-" or "_", starting and ending with a letter or digit';
/** An https URL with a path (RFC 3986 characters; no credentials, no fragment). */
const URL_PATTERN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/**
 * A keep-alive: a Cloudflare Worker with a cron trigger (every 5 minutes by
 * default) that GETs each registered health URL
 * (`https://<publicHostname><healthCheckPath>`) so instances that sleep when idle
 * (Render's free and starter plans) stay warm, and fails loudly (console.error,
 * then a failed run) on any non-2xx answer or timeout. Logs are kept with Workers
 * observability; the workers.dev route is switched off, and the script has no
 * fetch handler.
 *
 * @example
 * const keepAlive = new KeepAliveWorker(this, 'KeepAlive', { timeoutSeconds: 5 });
 * keepAlive.addUrl('https://api.example.com/health');
 */
export class KeepAliveWorker extends Construct {
  /** True when `x` is a KeepAliveWorker (works across copies of the library). */
  public static isKeepAliveWorker(x: unknown): x is KeepAliveWorker {
    return x !== null && typeof x === 'object' && KEEP_ALIVE_WORKER_SYMBOL in (x as object);
  }

  /** The `cloudflare_workers_script`. */
  public readonly resource: WorkersScript;
  /** The `cloudflare_workers_cron_trigger`. */
  public readonly cronTrigger: WorkersCronTrigger;
  /** The cron schedule. */
  public readonly schedule: string;
  /** The Worker name. */
  public readonly scriptName: string;
  private readonly urls: string[] = [];

  constructor(scope: Construct, id: string, props: KeepAliveWorkerProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, KEEP_ALIVE_WORKER_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const env = environmentOf(this, reader.nested ? undefined : input.raw('environment'));
    this.schedule = input.string('schedule', { allowed: 'a 5-field cron expression' }) ?? '*/5 * * * *';
    assertCron(input.scope, input.path('schedule'), this.schedule);
    const timeout = input.integer('timeoutSeconds', 1, 60) ?? 10;
    this.scriptName = input.string('scriptName', { pattern: /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/, allowed: WORKER_NAME }) ?? env.resourceName('keepalive');
    checkString(input.scope, input.path('scriptName'), this.scriptName, { pattern: /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/, allowed: WORKER_NAME });
    const accountRaw = input.raw('accountId');
    const accountId = accountIdInput(this, reporterOf(input, 'accountId'), accountRaw);
    reader.done();
    this.claimScriptName(reporterOf(input, 'scriptName'), accountRaw);
    this.warnOnLongGaps();
    ensureCloudflareProvider(this);

    this.resource = new WorkersScript(this, 'Resource', {
      accountId,
      scriptName: this.scriptName,
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
      validate: () => (this.urls.length === 0 ? [ValidationError.format(this.node.path, 'urls', [], 'at least one health URL: register the published services with addService() or addUrl()')] : []),
    });
  }

  /** The registered URLs (may contain tokens). */
  public get healthUrls(): string[] {
    return [...this.urls];
  }

  /** Pings `https://<publicHostname><healthCheckPath>` of the service; returns that URL. */
  public addService(service: IPublicService): string {
    return this._addService(service, { scope: this, prop: 'service' });
  }

  /** Pings an explicit https URL (with a path; no credentials); returns it. */
  public addUrl(url: string): string {
    return this._addUrl(url, { scope: this, prop: 'url' });
  }

  /** @internal */
  public _addService(value: unknown, at: Reporter): string {
    const service = checkPublicService(at, value);
    return this._addUrl(`https://${service.publicHostname}${service.healthCheckPath}`, at);
  }

  /** @internal */
  public _addUrl(value: unknown, at: Reporter): string {
    const url = checkText(at.scope, at.prop, value, { pattern: URL_PATTERN, allowed: 'an https URL with a path, such as "https://api.example.com/health" (plain http is refused)' });
    if (url === undefined) throw new ValidationError(at.scope, at.prop, undefined, 'an https URL with a path, such as "https://api.example.com/health"');
    if (this.urls.includes(url)) throw new ValidationError(at.scope, at.prop, url, `a URL ${this.node.path} does not ping yet`);
    this.urls.push(url);
    return url;
  }

  /**
   * Worker names are unique per Cloudflare account. Workers of one app that read
   * the account from the same literal id, or from the default
   * `cloudflare_account_id` variable, are taken to share an account.
   */
  private claimScriptName(at: Reporter, account: unknown): void {
    if (isToken(this.scriptName) || (account !== undefined && isToken(account))) return;
    const key = `${account ?? `var.${ACCOUNT_ID_VARIABLE}`}/${this.scriptName}`;
    const names = appRegistry<string>(this, 'workerScriptNames');
    const owner = names.get(key);
    if (owner !== undefined) {
      throw new ValidationError(at.scope, at.prop, this.scriptName, `a Worker name no other KeepAliveWorker of this Cloudflare account uses (${owner} already does)`);
    }
    names.set(key, pathOf(this));
  }

  /** Warns when the schedule leaves more than 14 minutes between pings. */
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
