import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ensureCloudflareProvider, zoneIdInput } from './cloudflare-inputs';
import {
  DEFAULT_AUTH_PATHS, DEFAULT_BLOCKED_PATHS, DEFAULT_SCRAPER_USER_AGENTS,
  STATIC_ASSETS_CACHE_RULE, apiDocsRule, authRateLimitExpression, blockedPathsRule, healthBypassCacheRule, scraperRule,
} from './edge-defaults';
import {
  EdgeCacheRule, EdgeFirewallRule, EdgeRateLimitRule, hostsExpression, renderCacheRule, renderFirewallRule, renderRateLimitRule,
} from './edge-rules';
import { WafOptions, renderManagedWaf } from './managed-waf';
import { PhaseRuleset } from './phase-ruleset';
import { assertPublicService } from './public-service';
import { EdgeRedirect, assertNoRedirectLoop, renderRedirect, validateRedirect } from './redirects';
import { HstsOptions, ZoneSecuritySettings } from './zone-security-settings';
import { IPublicService } from '../core/contracts';
import { ValidationError, pathOf } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertHostname, assertInteger, assertMatches, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Per-IP rate limits of the published hosts. */
export interface RateLimitOptions {
  /**
   * Requests per minute one IP may send to any published host.
   * @default - 600 in production (10 requests/s covers a busy session), 300 elsewhere
   */
  readonly requestsPerMinute?: number;
  /**
   * Requests per minute one IP may send to authentication paths.
   * @default - 20 in production (stops credential stuffing), 10 elsewhere
   */
  readonly authRequestsPerMinute?: number;
  /**
   * Path prefixes of authentication routes.
   * @default ["/login", "/api/auth/", "/api/v1/auth/"]
   */
  readonly authPaths?: string[];
  /**
   * Seconds a client that hit a limit stays blocked.
   * @default 60
   */
  readonly mitigationTimeoutSeconds?: number;
}

/** Settings of the Cloudflare side of the networking module. */
export interface CloudflareEdgeOptions {
  /**
   * Zone id (32 hex characters, or a token).
   * @default - the `cloudflare_zone_id` Terraform variable
   */
  readonly zoneId?: string;
  /**
   * Lowest TLS version: "1.2" or "1.3".
   * @default "1.2"
   */
  readonly minTlsVersion?: string;
  /**
   * HSTS settings.
   * @default - one year, subdomains included, no preload
   */
  readonly hsts?: HstsOptions;
  /**
   * Managed WAF settings (Cloudflare Managed and OWASP Core rulesets, always executed).
   * @default - each managed rule's own action; OWASP blocks at score 40, paranoia level 1
   */
  readonly waf?: WafOptions;
  /**
   * Per-IP rate limits.
   * @default - thresholds from the environment, per minute, 60 s block
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Path prefixes blocked on every host.
   * @default DEFAULT_BLOCKED_PATHS (.env, .git, wp-admin, phpmyadmin, ...)
   */
  readonly blockedPaths?: string[];
  /**
   * Hostnames of FastAPI backends whose interactive docs (/docs, /redoc,
   * /openapi.json) are blocked at the edge (the PRD switches them off in production).
   * @default - none
   */
  readonly apiDocsHostnames?: string[];
  /**
   * User agents (substrings) that get a managed challenge; an empty list turns the rule off.
   * @default DEFAULT_SCRAPER_USER_AGENTS
   */
  readonly scraperUserAgents?: string[];
  /**
   * Publish a proxied `www` record and redirect `www.<zone>` to the apex (301, path and query kept).
   * @default true
   */
  readonly wwwRedirect?: boolean;
  /**
   * More redirects (legacy paths). More can be added with `addRedirect`.
   * @default - none
   */
  readonly redirects?: EdgeRedirect[];
  /**
   * More custom firewall rules, after the baseline ones.
   * @default - none
   */
  readonly firewallRules?: EdgeFirewallRule[];
  /**
   * More rate limiting rules, after the baseline ones.
   * @default - none
   */
  readonly rateLimitRules?: EdgeRateLimitRule[];
  /**
   * More cache rules, after the baseline ones.
   * @default - none
   */
  readonly cacheRules?: EdgeCacheRule[];
}

/** Props of `CloudflareEdge`. */
export interface CloudflareEdgeProps extends CloudflareEdgeOptions {
  /** The Cloudflare zone (apex domain), for example "example.com". One CloudflareEdge owns it per app. */
  readonly zoneName: string;
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** Construct id, name suffix and description of each owned phase. */
const PHASES: { [phase: string]: { id: string; suffix: string; description: string } } = {
  http_request_firewall_managed: { id: 'ManagedWaf', suffix: 'waf-managed', description: 'Managed WAF: Cloudflare Managed and OWASP Core rulesets' },
  http_request_firewall_custom: { id: 'Firewall', suffix: 'firewall', description: 'Custom firewall rules against probes and scraping' },
  http_ratelimit: { id: 'RateLimits', suffix: 'rate-limits', description: 'Per-IP rate limits, stricter on authentication' },
  http_request_dynamic_redirect: { id: 'Redirects', suffix: 'redirects', description: 'www to apex and legacy path redirects' },
  http_request_cache_settings: { id: 'Cache', suffix: 'cache', description: 'Static assets cached, health checks never' },
};

/** Zones already owned in an app, by zone name: path of the owning CloudflareEdge. */
const OWNERS = new WeakMap<IConstruct, Map<string, string>>();

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
 * const edge = new CloudflareEdge(this, 'Edge');
 * edge.addService(api);
 * edge.addRedirect({ name: 'old-pricing', sourceHostname: 'livestreamsell.ai', sourcePath: '/precios', targetPath: '/pricing' });
 */
export class CloudflareEdge extends Construct {
  /** The zone name. */
  public readonly zoneName: string;
  /** The zone id (literal or token). */
  public readonly zoneId: string;
  /** The zone settings. */
  public readonly settings: ZoneSecuritySettings;
  /** DNS records by public hostname. */
  public readonly records: { [hostname: string]: DnsRecord } = {};

  private readonly phases: { [phase: string]: PhaseRuleset } = {};
  private readonly services: IPublicService[] = [];
  private readonly redirectRules: EdgeRedirect[] = [];
  private readonly environment: Environment;

  constructor(scope: Construct, id: string, props: CloudflareEdgeProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    this.environment = env;
    if (props.zoneName === undefined) throw new ValidationError(this, 'zoneName', undefined, 'the Cloudflare zone (apex domain) this edge owns, for example "example.com"');
    this.zoneName = props.zoneName;
    assertHostname(this, 'zoneName', this.zoneName);
    this.claimZone();
    this.zoneId = zoneIdInput(this, 'zoneId', props.zoneId);
    ensureCloudflareProvider(this);
    this.settings = new ZoneSecuritySettings(this, 'Settings', { zoneId: this.zoneId, minTlsVersion: props.minTlsVersion, hsts: props.hsts });

    renderManagedWaf(this, props.waf).forEach((r) => this.phase('http_request_firewall_managed').addRule(r));

    const blocked = props.blockedPaths ?? DEFAULT_BLOCKED_PATHS;
    blocked.forEach((p, i) => assertMatches(this, `blockedPaths[${i}]`, p, /^\/\S+$/, 'a path prefix such as "/.env"'));
    if (blocked.length > 0) this.addFirewallRule(blockedPathsRule(blocked));
    const docsHosts = props.apiDocsHostnames ?? [];
    docsHosts.forEach((h, i) => assertHostname(this, `apiDocsHostnames[${i}]`, h));
    if (docsHosts.length > 0) this.addFirewallRule(apiDocsRule(docsHosts));
    const agents = props.scraperUserAgents ?? DEFAULT_SCRAPER_USER_AGENTS;
    if (agents.length > 0) this.addFirewallRule(this.lazyExpression(() => scraperRule(agents, this.healthPaths)));
    for (const rule of props.firewallRules ?? []) this.addFirewallRule(rule);

    const limits = props.rateLimit ?? {};
    const authPaths = limits.authPaths ?? DEFAULT_AUTH_PATHS;
    authPaths.forEach((p, i) => assertMatches(this, `rateLimit.authPaths[${i}]`, p, /^\/\S*$/, 'a path prefix such as "/api/v1/auth/"'));
    const timeout = limits.mitigationTimeoutSeconds ?? 60;
    const authLimit = limits.authRequestsPerMinute ?? (env.isProduction ? 20 : 10);
    assertInteger(this, 'rateLimit.authRequestsPerMinute', authLimit, 1, 1000000);
    const generalLimit = limits.requestsPerMinute ?? (env.isProduction ? 600 : 300);
    assertInteger(this, 'rateLimit.requestsPerMinute', generalLimit, 1, 1000000);
    // The stricter, more specific limit comes first: the first rule that trips blocks.
    this.addRateLimitRule(this.lazyExpression(() => ({
      name: 'rate-limit-auth',
      description: 'Per-IP limit on login, signup and token routes (credential stuffing)',
      expression: authRateLimitExpression(this.hosts, authPaths),
      requestsPerPeriod: authLimit,
      mitigationTimeoutSeconds: timeout,
    })));
    this.addRateLimitRule(this.lazyExpression(() => ({
      name: 'rate-limit-per-ip',
      description: 'Per-IP limit on every published host (scraping, abuse, L7 floods)',
      expression: hostsExpression(this.hosts),
      requestsPerPeriod: generalLimit,
      mitigationTimeoutSeconds: timeout,
    })));
    for (const rule of props.rateLimitRules ?? []) this.addRateLimitRule(rule);

    if (props.wwwRedirect ?? true) {
      const www = `www.${this.zoneName}`;
      this.publishRecord('Www', www, this.zoneName, 'www, redirected to the apex at the edge');
      this.addRedirect({ name: 'www-to-apex', sourceHostname: www, targetHostname: this.zoneName });
    }
    for (const redirect of props.redirects ?? []) this.addRedirect(redirect);

    this.addCacheRule(STATIC_ASSETS_CACHE_RULE);
    this.addCacheRule(this.lazyExpression(() => healthBypassCacheRule(this.healthPaths)));
    for (const rule of props.cacheRules ?? []) this.addCacheRule(rule);
  }

  /** Hostnames of the published services, in registration order. */
  public get hosts(): string[] {
    return this.services.map((s) => s.publicHostname);
  }

  /** Health paths of the published services, without duplicates. */
  public get healthPaths(): string[] {
    return [...new Set(this.services.map((s) => s.healthCheckPath))];
  }

  /**
   * Publishes a service: a proxied CNAME `publicHostname -> originHostname` (so the
   * WAF, rate limits and DDoS protection apply), and its host in every host-scoped rule.
   */
  public addService(service: IPublicService): DnsRecord {
    assertPublicService(this, 'services', service, this.zoneName);
    if (this.services.some((s) => s.serviceName === service.serviceName)) {
      throw new ValidationError(this, 'services.serviceName', service.serviceName, 'a service name not yet published in this zone');
    }
    this.services.push(service);
    return this.publishRecord(`Record-${service.serviceName}`, service.publicHostname, service.originHostname, `service ${service.serviceName}`);
  }

  /** Adds a custom firewall rule (phase `http_request_firewall_custom`). */
  public addFirewallRule(rule: EdgeFirewallRule): void {
    this.phase('http_request_firewall_custom').addRule(renderFirewallRule(this, rule));
  }

  /** Adds a per-IP rate limiting rule (phase `http_ratelimit`). */
  public addRateLimitRule(rule: EdgeRateLimitRule): void {
    this.phase('http_ratelimit').addRule(renderRateLimitRule(this, rule));
  }

  /** Adds a redirect (phase `http_request_dynamic_redirect`); loops with earlier redirects fail. */
  public addRedirect(redirect: EdgeRedirect): void {
    validateRedirect(this, redirect);
    assertNoRedirectLoop(this, [...this.redirectRules, redirect]);
    this.redirectRules.push(redirect);
    this.phase('http_request_dynamic_redirect').addRule(renderRedirect(redirect));
  }

  /** Adds a cache rule (phase `http_request_cache_settings`); later rules override earlier ones. */
  public addCacheRule(rule: EdgeCacheRule): void {
    this.phase('http_request_cache_settings').addRule(renderCacheRule(this, rule));
  }

  /** The entry-point ruleset of `phase` (one of EDGE_PHASES), if a rule was added to it. */
  public ruleset(phase: string): PhaseRuleset | undefined {
    return this.phases[phase];
  }

  /** The phase's ruleset, created (with its stable id) on first use. */
  private phase(phase: string): PhaseRuleset {
    const spec = PHASES[phase];
    this.phases[phase] ??= new PhaseRuleset(this, spec.id, {
      zoneId: this.zoneId,
      phase,
      rulesetName: this.environment.resourceName(spec.suffix),
      description: spec.description,
    });
    return this.phases[phase];
  }

  private publishRecord(childId: string, name: string, target: string, what: string): DnsRecord {
    const key = isToken(name) ? childId : name;
    if (this.records[key]) throw new ValidationError(this, 'services.publicHostname', name, 'a hostname not yet published in this zone');
    this.records[key] = new DnsRecord(this, childId, {
      zoneId: this.zoneId,
      name,
      type: 'CNAME',
      content: target,
      proxied: true,
      ttl: 1, // "automatic": the only TTL Cloudflare allows on proxied records
      comment: `${what} (managed by cdktf, ${this.environment.name})`,
    });
    return this.records[key];
  }

  /** Validates `build()` now; renders its expression again at synth with the services known then. */
  private lazyExpression<T extends { expression: string }>(build: () => T): T {
    return { ...build(), expression: Lazy.stringValue({ produce: () => build().expression }) };
  }

  private claimZone(): void {
    const root = this.node.root;
    const owners = OWNERS.get(root) ?? new Map<string, string>();
    OWNERS.set(root, owners);
    const owner = owners.get(this.zoneName);
    if (owner !== undefined) {
      throw new ValidationError(this, 'zoneName', this.zoneName,
        `a zone no other CloudflareEdge owns (${owner} already does): Cloudflare keeps one ruleset per zone and phase, so add services and rules to that one, or give this environment its own zone`);
    }
    owners.set(this.zoneName, pathOf(this));
  }
}
