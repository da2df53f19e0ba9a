import { brandEnumLike } from '../core/private/enum-like';

/**
 * What a custom firewall rule, a rate limiting rule or a managed WAF override does
 * to a matching request. The set is closed on purpose: "skip" and "log" would let
 * traffic around the WAF, so the library does not offer them.
 *
 * @example
 * const net = new NetworkingModule(this, 'Networking', { zoneName: 'example.com' });
 * net.addFirewallRule({ name: 'tor', description: 'Challenge Tor exits', expression: '(ip.src.country eq "T1")', action: FirewallAction.MANAGED_CHALLENGE });
 */
export class FirewallAction {
  /** Refuse the request (HTTP 403, or 429 for rate limits). */
  public static readonly BLOCK = new FirewallAction('block');
  /** Cloudflare picks the least intrusive challenge the client can pass (recommended over the others). */
  public static readonly MANAGED_CHALLENGE = new FirewallAction('managed_challenge');
  /** A JavaScript challenge: stops clients that run no JavaScript. */
  public static readonly JS_CHALLENGE = new FirewallAction('js_challenge');
  /** An interactive challenge (legacy CAPTCHA). */
  public static readonly CHALLENGE = new FirewallAction('challenge');

  private constructor(
    /** The Cloudflare action name. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'FirewallAction');
  }
}

/**
 * What a cache rule does with matching responses (phase `http_request_cache_settings`).
 *
 * @example
 * const edge = new CloudflareEdge(this, 'Edge', { zoneName: 'example.com' });
 * edge.addCacheRule({ name: 'no-cache-api', description: 'API answers are personal', expression: '(http.host eq "api.example.com")', behavior: CacheBehavior.BYPASS });
 * edge.addCacheRule({ name: 'catalog', description: 'The same for everyone', expression: '(starts_with(http.request.uri.path, "/catalog/"))', behavior: CacheBehavior.overrideOrigin(300) });
 */
export class CacheBehavior {
  /** Never cache: every request goes to the origin (health checks, personal pages). */
  public static readonly BYPASS = new CacheBehavior('bypass');
  /**
   * Eligible for the edge cache, for as long as the origin's Cache-Control says
   * (`private` and `no-store` responses are never cached).
   */
  public static readonly RESPECT_ORIGIN = new CacheBehavior('respect_origin');

  /**
   * Eligible for the edge cache for `edgeTtlSeconds` (1 to 31536000), whatever the
   * origin's Cache-Control says. Only for responses that are the same for everyone.
   */
  public static overrideOrigin(edgeTtlSeconds: number): CacheBehavior {
    return new CacheBehavior('override_origin', edgeTtlSeconds);
  }

  private constructor(
    /** "bypass", "respect_origin" or "override_origin". */
    public readonly mode: string,
    /** Edge TTL of `overrideOrigin`, seconds. */
    public readonly edgeTtlSeconds?: number,
  ) {
    brandEnumLike(this, 'CacheBehavior');
  }
}

/** A custom firewall rule (phase `http_request_firewall_custom`). */
export interface EdgeFirewallRule {
  /** Stable rule name, a DNS label, unique in the phase; it becomes the Cloudflare rule `ref`. */
  readonly name: string;
  /** What the rule stops and why (1-500 characters). */
  readonly description: string;
  /**
   * Filter in the Cloudflare Rules language, for example `(http.request.uri.path eq "/.env")`.
   * @see https://developers.cloudflare.com/ruleset-engine/rules-language/
   */
  readonly expression: string;
  /**
   * What happens to matching requests.
   * @default FirewallAction.BLOCK
   */
  readonly action?: FirewallAction;
}

/** A rate limiting rule (phase `http_ratelimit`), counted per client IP and data centre. */
export interface EdgeRateLimitRule {
  /** Stable rule name, a DNS label, unique in the phase (the rule `ref`). */
  readonly name: string;
  /** What the limit protects (1-500 characters). */
  readonly description: string;
  /** Which requests count, in the Cloudflare Rules language. */
  readonly expression: string;
  /** Requests one IP may make per period (1 to 1000000). */
  readonly requestsPerPeriod: number;
  /**
   * Counting period, seconds: 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300,
   * 480, 600, 900, 1200, 1800, 2400, 3600 or 65535 (plans allow subsets: Free 10,
   * Pro up to 60, Business up to 600).
   * @default 60
   * @see https://developers.cloudflare.com/waf/rate-limiting-rules/#availability
   */
  readonly periodSeconds?: number;
  /**
   * How long a client stays blocked, seconds: one of the periods, or 86400.
   * @default 60
   */
  readonly mitigationTimeoutSeconds?: number;
  /**
   * What happens to requests over the limit.
   * @default FirewallAction.BLOCK
   */
  readonly action?: FirewallAction;
}

/** A cache rule (phase `http_request_cache_settings`); later rules override earlier ones. */
export interface EdgeCacheRule {
  /** Stable rule name, a DNS label, unique in the phase (the rule `ref`). */
  readonly name: string;
  /** What the rule caches or bypasses (1-500 characters). */
  readonly description: string;
  /** Which requests the rule applies to. */
  readonly expression: string;
  /** Cache, and for how long, or bypass the cache. */
  readonly behavior: CacheBehavior;
}
