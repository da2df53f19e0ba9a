import { BotManagement } from '@cdktf/provider-cloudflare/lib/bot-management';
import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { LeakedCredentialCheck } from '@cdktf/provider-cloudflare/lib/leaked-credential-check';
import { Ruleset } from '@cdktf/provider-cloudflare/lib/ruleset';
import { WaitingRoom } from '@cdktf/provider-cloudflare/lib/waiting-room';
import { Annotations, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { CloudflareEdgeProps } from './cloudflare-edge-props';
import { EdgePhase } from './edge-phase';
import { EdgeOriginLock, EdgeTurnstile } from './edge-protection';
import { EdgeCacheRule, EdgeFirewallRule, EdgeRateLimitRule } from './edge-rules';
import { ensureCloudflareProvider, zoneIdInput } from './private/cloudflare-inputs';
import {
  DEFAULT_API_DOCS_PATHS, DEFAULT_AUTH_PATHS, DEFAULT_BLOCKED_PATHS, DEFAULT_SCRAPER_USER_AGENTS,
  STATIC_ASSETS_CACHE_RULE, apiDocsRule, blockedPathsRule, healthBypassCacheRule, scraperRule,
} from './private/edge-defaults';
import { EdgeContext, WEBHOOK_PATH, addWebhookConfigRule, readBotManagement, readLeakedCredentials, readOriginLock, readTurnstile, readWaitingRooms } from './private/edge-protection';
import { readCacheRule, readFirewallRule, readRateLimitRule } from './private/edge-rules';
import { checkEnum } from './private/enums';
import { readManagedWaf } from './private/managed-waf';
import { PhaseRuleset } from './private/phase-ruleset';
import { checkPublicService, inZone } from './private/public-service';
import { baselineRateLimitRules, readRateLimits } from './private/rate-limits';
import { CheckedRedirect, assertNoRedirectLoop, readRedirect, renderRedirect } from './private/redirects';
import { appRegistry, resolvedText } from './private/registry';
import { Reporter, childProps, propsInput, reporterOf } from './private/reporter';
import { checkTextList, requiredString } from './private/text';
import { EdgeRedirect } from './redirects';
import { ZoneSecuritySettings } from './zone-security-settings';
import { IPublicService } from '../core/contracts';
import { ValidationError, pathOf } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList } from '../core/private/input';
import { HOSTNAME_PATTERN, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Construct id, name suffix and description of each owned phase. */
const PHASES: { [phase: string]: { id: string; suffix: string; description: string } } = {
  http_request_firewall_managed: { id: 'ManagedWaf', suffix: 'waf-managed', description: 'Managed WAF: Cloudflare Managed and OWASP Core rulesets' },
  http_request_firewall_custom: { id: 'Firewall', suffix: 'firewall', description: 'Custom firewall rules against probes and scraping' },
  http_ratelimit: { id: 'RateLimits', suffix: 'rate-limits', description: 'Per-IP rate limits, stricter on authentication' },
  http_request_dynamic_redirect: { id: 'Redirects', suffix: 'redirects', description: 'www to apex and legacy path redirects' },
  http_request_cache_settings: { id: 'Cache', suffix: 'cache', description: 'Static assets cached, health checks never' },
  http_request_late_transform: { id: 'Transform', suffix: 'transform', description: 'Request header transform rules: the origin-lock header' },
  http_config_settings: { id: 'Config', suffix: 'config', description: 'Configuration rules: Browser Integrity Check off for webhook senders' },
};

const CLOUDFLARE_EDGE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.CloudflareEdge');
const ZONE = 'a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname';
const HOSTNAME = 'a lowercase hostname in the zone';

/** A DNS record the edge published, and where it was asked for. */
interface PublishedRecord {
  readonly record: DnsRecord;
  readonly name: string;
  readonly at: Reporter;
}

/**
 * Everything Cloudflare does for one zone: TLS settings, proxied DNS records for
 * the published services (and `www`), and the five zone entry-point rulesets it
 * owns, each exactly once: managed WAF, custom firewall rules (probes, scrapers),
 * per-IP rate limits (stricter on auth), redirects and cache rules. Other callers
 * merge rules into them with `addFirewallRule`, `addRateLimitRule`, `addRedirect`
 * and `addCacheRule`; a second CloudflareEdge for the same zone anywhere in the
 * app fails synth, because Cloudflare keeps only one entry point per zone and phase.
 *
 * @example
 * const edge = new CloudflareEdge(this, 'Edge', { zoneName: 'example.com' });
 * edge.addService({ serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' });
 * edge.addRedirect({ name: 'old-pricing', sourceHostname: 'example.com', sourcePath: '/precios', targetPath: '/pricing' });
 */
export class CloudflareEdge extends Construct {
  /** True when `x` is a CloudflareEdge (works across copies of the library). */
  public static isCloudflareEdge(x: unknown): x is CloudflareEdge {
    return x !== null && typeof x === 'object' && CLOUDFLARE_EDGE_SYMBOL in (x as object);
  }

  /** The zone name. */
  public readonly zoneName: string;
  /** The zone id (literal or token). */
  public readonly zoneId: string;
  /** The zone settings. */
  public readonly settings: ZoneSecuritySettings;
  /** DNS records by public hostname (by construct id for token hostnames). */
  public readonly records: { [hostname: string]: DnsRecord } = {};
  /** The origin lock (header, variable, secret); undefined when `originLock.enabled` is false. */
  public readonly originLock?: EdgeOriginLock;
  /** Path prefixes of the webhook endpoints (`webhookPaths`). */
  public readonly webhookPaths: string[];
  /** The Turnstile widget's keys (with `loginProtection.turnstile`). */
  public readonly turnstile?: EdgeTurnstile;
  /** The zone's Bot Management settings (with `botManagement`). */
  public readonly botManagement?: BotManagement;
  /** The zone's leaked credentials detection (with `loginProtection.leakedCredentials`). */
  public readonly leakedCredentialCheck?: LeakedCredentialCheck;
  /** Waiting rooms by hostname (with `waitingRoom`). */
  public readonly waitingRooms: { [hostname: string]: WaitingRoom } = {};

  private readonly phases: { [phase: string]: PhaseRuleset } = {};
  private readonly services: Array<{ service: IPublicService; at: Reporter }> = [];
  private readonly published: PublishedRecord[] = [];
  private readonly redirectRules: CheckedRedirect[] = [];
  private readonly environment: Environment;

  constructor(scope: Construct, id: string, props: CloudflareEdgeProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, CLOUDFLARE_EDGE_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const env = environmentOf(this, reader.nested ? undefined : input.raw('environment'));
    this.environment = env;
    const zone = reader.injected('zoneName');
    this.zoneName = requiredString(zone.scope, zone.prop, zone.value, { pattern: HOSTNAME_PATTERN, allowed: ZONE });
    this.claimZone(zone);
    this.zoneId = zoneIdInput(this, reporterOf(input, 'zoneId'), input.raw('zoneId'));
    ensureCloudflareProvider(this);
    this.settings = new ZoneSecuritySettings(this, 'Settings', childProps(input, '', { minTlsVersion: input.raw('minTlsVersion'), hsts: input.raw('hsts') }, { zoneId: this.zoneId }));
    const baseline = (prop: string): Reporter => reporterOf(input, prop);
    const BASELINE = `the baseline rules of ${pathOf(this)}`;

    // --- managed WAF ---
    const waf = input.objectOrEmpty('waf');
    readManagedWaf(waf).forEach((r) => this.phase(EdgePhase.FIREWALL_MANAGED).addRule(r, baseline('waf'), `the managed WAF of ${pathOf(this)}`));

    // --- webhook paths and the rate limit options (the protections below need them) ---
    const webhooks = checkTextList(input.scope, input.path('webhookPaths'), input.raw('webhookPaths'), { pattern: /^\/\S+$/, allowed: WEBHOOK_PATH, unique: true }) ?? [];
    this.webhookPaths = webhooks;
    const limits = input.objectOrEmpty('rateLimit');
    const rateLimits = readRateLimits(limits, env, webhooks, DEFAULT_AUTH_PATHS);
    const context: EdgeContext = {
      scope: this,
      env,
      zoneId: this.zoneId,
      zoneName: this.zoneName,
      hosts: () => this.hosts,
      healthPaths: () => this.healthPaths,
      addRule: (phase, rule, at, what) => this.phase(phase).addRule(rule, at, what),
    };

    // --- origin lock: a secret header on every request to the services ---
    this.originLock = readOriginLock(context, input.objectOrEmpty('originLock'));

    // --- custom firewall rules: probes, API docs, scrapers, bots, leaked credentials, then the user's ---
    const blocked = checkTextList(input.scope, input.path('blockedPaths'), input.raw('blockedPaths'), { pattern: /^\/\S+$/, allowed: 'a path prefix such as "/.env"', unique: true }) ?? DEFAULT_BLOCKED_PATHS;
    if (blocked.length > 0) this.addBaselineFirewallRule(blockedPathsRule(blocked), baseline('blockedPaths'), BASELINE);
    const docsHosts = input.stringList('apiDocsHostnames', { pattern: HOSTNAME_PATTERN, allowed: HOSTNAME, unique: true }) ?? [];
    docsHosts.forEach((h, i) => this.assertInZone({ scope: input.scope, prop: `${input.path('apiDocsHostnames')}[${i}]` }, h));
    const docsPaths = checkTextList(input.scope, input.path('apiDocsPaths'), input.raw('apiDocsPaths'), { pattern: /^\/[A-Za-z0-9\-._~/]*$/, allowed: 'an exact path such as "/docs"', minItems: 1, unique: true }) ?? DEFAULT_API_DOCS_PATHS;
    if (docsHosts.length > 0) this.addBaselineFirewallRule(apiDocsRule(docsHosts, docsPaths), baseline('apiDocsHostnames'), BASELINE);
    const agents = checkTextList(input.scope, input.path('scraperUserAgents'), input.raw('scraperUserAgents'), { nonEmpty: true, maxLength: 100, allowed: 'a user-agent substring of 1-100 characters', unique: true }) ?? DEFAULT_SCRAPER_USER_AGENTS;
    if (agents.length > 0) this.addBaselineFirewallRule(this.lazyExpression(() => scraperRule(agents, this.healthPaths, webhooks)), baseline('scraperUserAgents'), BASELINE);
    const bots = input.object('botManagement');
    if (bots) this.botManagement = readBotManagement(context, bots, webhooks);
    const login = input.objectOrEmpty('loginProtection');
    const leaked = login.object('leakedCredentials');
    if (leaked) this.leakedCredentialCheck = readLeakedCredentials(context, leaked, rateLimits.authPaths, limits.path('authPaths'));
    const turnstile = login.object('turnstile');
    if (turnstile) this.turnstile = readTurnstile(context, turnstile).keys;
    login.done();
    this.eachItem(input, 'firewallRules', (rule, at) => this._addFirewallRule(rule, at));

    // --- per-IP rate limits: authentication first (the first rule that trips blocks), webhooks, then every host ---
    baselineRateLimitRules(rateLimits, this.hosts, webhooks).forEach((rule, i) => this.addBaselineRateLimitRule(
      this.lazyExpression(() => baselineRateLimitRules(rateLimits, this.hosts, webhooks)[i]), baseline(rule.name === 'rate-limit-webhooks' ? 'webhookPaths' : 'rateLimit'), BASELINE));
    this.eachItem(input, 'rateLimitRules', (rule, at) => this._addRateLimitRule(rule, at));
    if (webhooks.length > 0) addWebhookConfigRule(context, webhooks, baseline('webhookPaths'));

    // --- live-event peaks: waiting rooms on the storefront hosts ---
    const room = input.object('waitingRoom');
    if (room) Object.assign(this.waitingRooms, readWaitingRooms(context, room));

    // --- redirects ---
    if (input.boolean('wwwRedirect') ?? true) {
      const www = `www.${this.zoneName}`;
      this.publishRecord('Www', www, this.zoneName, 'www, redirected to the apex at the edge', baseline('wwwRedirect'));
      this._addRedirect({ name: 'www-to-apex', sourceHostname: www, targetHostname: this.zoneName }, baseline('wwwRedirect'), BASELINE);
    }
    this.eachItem(input, 'redirects', (redirect, at) => this._addRedirect(redirect, at));

    // --- cache rules ---
    this.addBaselineCacheRule(STATIC_ASSETS_CACHE_RULE, baseline('cacheRules'), BASELINE);
    this.addBaselineCacheRule(this.lazyExpression(() => healthBypassCacheRule(this.healthPaths)), baseline('cacheRules'), BASELINE);
    this.eachItem(input, 'cacheRules', (rule, at) => this._addCacheRule(rule, at));
    reader.done();

    this.node.addValidation({ validate: () => this.tokenHostnameCollisions() });
  }

  /** Hostnames of the published services, in registration order. */
  public get hosts(): string[] {
    return this.services.map((s) => s.service.publicHostname);
  }

  /** Health paths of the published services, without duplicates. */
  public get healthPaths(): string[] {
    return [...new Set(this.services.map((s) => s.service.healthCheckPath))];
  }

  /**
   * Publishes a service: a proxied CNAME `publicHostname -> originHostname` (so the
   * WAF, rate limits and DDoS protection apply), and its host in every host-scoped
   * rule. Returns the `cloudflare_dns_record` (construct id "Record-<serviceName>").
   */
  public addService(service: IPublicService): DnsRecord {
    return this._addService(service, { scope: this, prop: 'service' });
  }

  /**
   * Adds a custom firewall rule after the earlier ones (phase
   * `http_request_firewall_custom`) and returns that phase's `cloudflare_ruleset`.
   */
  public addFirewallRule(rule: EdgeFirewallRule): Ruleset {
    return this._addFirewallRule(rule, { scope: this, prop: 'rule' });
  }

  /** Adds a per-IP rate limiting rule (phase `http_ratelimit`) and returns that phase's ruleset. */
  public addRateLimitRule(rule: EdgeRateLimitRule): Ruleset {
    return this._addRateLimitRule(rule, { scope: this, prop: 'rule' });
  }

  /**
   * Adds a redirect (phase `http_request_dynamic_redirect`) and returns that
   * phase's ruleset; a loop with the earlier redirects fails.
   */
  public addRedirect(redirect: EdgeRedirect): Ruleset {
    return this._addRedirect(redirect, { scope: this, prop: 'redirect' });
  }

  /** Adds a cache rule (phase `http_request_cache_settings`; later rules override earlier ones) and returns that phase's ruleset. */
  public addCacheRule(rule: EdgeCacheRule): Ruleset {
    return this._addCacheRule(rule, { scope: this, prop: 'rule' });
  }

  /** The zone entry-point ruleset of `phase`, if a rule was added to it (for `addOverride`). */
  public ruleset(phase: EdgePhase): Ruleset | undefined {
    const checked = checkEnum<EdgePhase>(this, 'phase', phase, 'EdgePhase');
    if (checked === undefined) throw new ValidationError(this, 'phase', phase, 'an EdgePhase: EdgePhase.FIREWALL_MANAGED, EdgePhase.FIREWALL_CUSTOM, EdgePhase.RATE_LIMIT, EdgePhase.DYNAMIC_REDIRECT, EdgePhase.CACHE_SETTINGS, EdgePhase.LATE_TRANSFORM or EdgePhase.CONFIG_SETTINGS');
    return this.phases[checked.value]?.resource;
  }

  /** @internal `addService` reporting on `at` (the construct and argument the user gave). */
  public _addService(value: unknown, at: Reporter): DnsRecord {
    const service = checkPublicService(at, value, this.zoneName);
    const earlier = this.services.find((s) => s.service.serviceName === service.serviceName);
    if (earlier) {
      throw new ValidationError(at.scope, `${at.prop}.serviceName`, service.serviceName, `a service name not yet published in this zone (already published by "${earlier.at.prop}" of ${pathOf(earlier.at.scope)})`);
    }
    const record = this.publishRecord(`Record-${service.serviceName}`, service.publicHostname, service.originHostname, `service ${service.serviceName}`, { scope: at.scope, prop: `${at.prop}.publicHostname` });
    this.services.push({ service, at });
    this.handOriginSecret(value as IPublicService, service.serviceName);
    return record;
  }

  /** @internal */
  public _addFirewallRule(rule: unknown, at: Reporter, what?: string): Ruleset {
    const rendered = readFirewallRule(at, rule);
    const phase = this.phase(EdgePhase.FIREWALL_CUSTOM);
    phase.addRule(rendered, at, what);
    return phase.resource;
  }

  /** @internal */
  public _addRateLimitRule(rule: unknown, at: Reporter, what?: string): Ruleset {
    const rendered = readRateLimitRule(at, rule);
    const phase = this.phase(EdgePhase.RATE_LIMIT);
    phase.addRule(rendered, at, what);
    return phase.resource;
  }

  /** @internal */
  public _addRedirect(redirect: unknown, at: Reporter, what?: string): Ruleset {
    const checked = readRedirect(at, redirect, this.zoneName);
    assertNoRedirectLoop([...this.redirectRules, checked]);
    const phase = this.phase(EdgePhase.DYNAMIC_REDIRECT);
    phase.addRule(renderRedirect(checked), at, what);
    this.redirectRules.push(checked);
    return phase.resource;
  }

  /** @internal */
  public _addCacheRule(rule: unknown, at: Reporter, what?: string): Ruleset {
    const rendered = readCacheRule(at, rule);
    const phase = this.phase(EdgePhase.CACHE_SETTINGS);
    phase.addRule(rendered, at, what);
    return phase.resource;
  }

  /** The service receives the origin-lock secret through its hook, or a warning says it cannot check it. */
  private handOriginSecret(service: IPublicService, serviceName: string): void {
    if (this.originLock === undefined) return;
    if (typeof service.addOriginSecret === 'function') {
      service.addOriginSecret(this.originLock.variableName, this.originLock.secret);
    } else {
      Annotations.of(this).addWarning(`[lib:networking:origin-lock] service "${serviceName}" has no addOriginSecret hook: give its app the origin-lock secret (edge.originLock.secret) yourself, or requests that skip the edge reach it`);
    }
  }

  private addBaselineFirewallRule(rule: EdgeFirewallRule, at: Reporter, what: string): void {
    this._addFirewallRule(rule, at, what);
  }

  private addBaselineRateLimitRule(rule: EdgeRateLimitRule, at: Reporter, what: string): void {
    this._addRateLimitRule(rule, at, what);
  }

  private addBaselineCacheRule(rule: EdgeCacheRule, at: Reporter, what: string): void {
    this._addCacheRule(rule, at, what);
  }

  /** Calls `add` for each item of the list prop `name`, reported as `name[i]`. */
  private eachItem(input: Input, name: string, add: (item: unknown, at: Reporter) => void): void {
    const list = checkList(input.scope, input.path(name), input.raw(name)) ?? [];
    list.forEach((item, i) => add(item, { scope: input.scope, prop: `${input.path(name)}[${i}]` }));
  }

  /** The phase's ruleset, created (with its stable id) on first use. */
  private phase(phase: EdgePhase): PhaseRuleset {
    const spec = PHASES[phase.value];
    this.phases[phase.value] ??= new PhaseRuleset(this, spec.id, {
      zoneId: this.zoneId,
      phase,
      rulesetName: this.environment.resourceName(spec.suffix),
      description: spec.description,
    });
    return this.phases[phase.value];
  }

  private publishRecord(childId: string, name: string, target: string, what: string, at: Reporter): DnsRecord {
    const earlier = this.published.find((p) => p.name === name && !isToken(name));
    if (earlier) {
      throw new ValidationError(at.scope, at.prop, name, `a hostname not yet published in this zone (${earlier.record.node.path} already publishes it)`);
    }
    const record = new DnsRecord(this, childId, {
      zoneId: this.zoneId,
      name,
      type: 'CNAME',
      content: target,
      proxied: true,
      ttl: 1, // "automatic": the only TTL Cloudflare allows on proxied records
      comment: `${what} (managed by cdktf, ${this.environment.name})`,
    });
    this.records[isToken(name) ? childId : name] = record;
    this.published.push({ record, name, at });
    return record;
  }

  /** Records whose hostnames are tokens are compared once they resolve, at synth. */
  private tokenHostnameCollisions(): string[] {
    const seen = new Map<string, PublishedRecord>();
    const errors: string[] = [];
    for (const p of this.published) {
      const resolved = resolvedText(this, p.name);
      const earlier = seen.get(resolved);
      if (earlier && (isToken(p.name) || isToken(earlier.name))) {
        errors.push(ValidationError.format(pathOf(p.at.scope), p.at.prop, resolved, `a hostname not yet published in this zone (${earlier.record.node.path} already publishes it)`));
      }
      if (!earlier) seen.set(resolved, p);
    }
    return errors;
  }

  private assertInZone(at: Reporter, hostname: string): void {
    if (!isToken(hostname) && !isToken(this.zoneName) && !inZone(hostname, this.zoneName)) {
      throw new ValidationError(at.scope, at.prop, hostname, `a hostname in the zone "${this.zoneName}" (the zone itself or a subdomain of it)`);
    }
  }

  /** Validates `build()` now; renders its expression again at synth with the services known then. */
  private lazyExpression<T extends { expression: string }>(build: () => T): T {
    return { ...build(), expression: Lazy.stringValue({ produce: () => build().expression }) };
  }

  /** One CloudflareEdge per zone in the whole app (the registry lives on the App). */
  private claimZone(at: Reporter): void {
    if (isToken(this.zoneName)) return;
    const owners = appRegistry<string>(this, 'cloudflareZones');
    const owner = owners.get(this.zoneName);
    if (owner !== undefined) {
      throw new ValidationError(at.scope, at.prop, this.zoneName,
        `a zone no other CloudflareEdge owns (${owner} already does): Cloudflare keeps one ruleset per zone and phase, so add services and rules to that one, or give this environment its own zone`);
    }
    owners.set(this.zoneName, pathOf(this));
  }
}
