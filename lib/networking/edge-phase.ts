import { brandEnumLike } from '../core/private/enum-like';

/**
 * A zone phase `CloudflareEdge` owns. Cloudflare keeps exactly one entry-point
 * ruleset per zone and phase, so the edge creates each one once and merges every
 * rule into it; `edge.ruleset(EdgePhase.RATE_LIMIT)` returns it for `addOverride`.
 *
 * @example
 * const edge = new CloudflareEdge(this, 'Edge', { zoneName: 'example.com' });
 * edge.ruleset(EdgePhase.RATE_LIMIT)?.addOverride('description', 'Per-IP limits');
 */
export class EdgePhase {
  /** `http_request_firewall_managed`: the managed WAF rulesets. */
  public static readonly FIREWALL_MANAGED = new EdgePhase('http_request_firewall_managed');
  /** `http_request_firewall_custom`: custom firewall rules. */
  public static readonly FIREWALL_CUSTOM = new EdgePhase('http_request_firewall_custom');
  /** `http_ratelimit`: rate limiting rules. */
  public static readonly RATE_LIMIT = new EdgePhase('http_ratelimit');
  /** `http_request_dynamic_redirect`: single redirects. */
  public static readonly DYNAMIC_REDIRECT = new EdgePhase('http_request_dynamic_redirect');
  /** `http_request_cache_settings`: cache rules. */
  public static readonly CACHE_SETTINGS = new EdgePhase('http_request_cache_settings');
  /** `http_request_late_transform`: request header transform rules (the origin lock). */
  public static readonly LATE_TRANSFORM = new EdgePhase('http_request_late_transform');
  /** `http_config_settings`: configuration rules (Browser Integrity Check off on webhook paths). */
  public static readonly CONFIG_SETTINGS = new EdgePhase('http_config_settings');

  private constructor(
    /** The Cloudflare phase name. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'EdgePhase');
  }
}
