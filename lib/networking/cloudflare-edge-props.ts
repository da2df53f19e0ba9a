import { BotManagementOptions, LoginProtectionOptions, OriginLockOptions, WaitingRoomOptions } from './edge-protection';
import { EdgeCacheRule, EdgeFirewallRule, EdgeRateLimitRule } from './edge-rules';
import { WafOptions } from './managed-waf';
import { EdgeRedirect } from './redirects';
import { HstsOptions, TlsVersion } from './zone-security-settings';
import { Environment } from '../environment/environment';

/** Per-IP rate limits of the published hosts (counted per minute). */
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
   * Path prefixes of authentication routes; an empty list turns the auth limit off.
   * @default - common framework routes: "/login", "/signin", "/signup", "/register", "/auth/", "/api/auth/", "/oauth/", "/password"
   */
  readonly authPaths?: string[];
  /**
   * Requests per minute one IP may send to the webhook paths (`webhookPaths`), a
   * limit of their own: webhook senders burst from few addresses.
   * @default - 3000 in production (50 requests/s from one address), 1000 elsewhere
   */
  readonly webhookRequestsPerMinute?: number;
  /**
   * Seconds a client that hit a limit stays blocked: 10, 15, 20, 30, 40, 45, 60,
   * 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535 or 86400.
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
   * Lowest TLS version clients may use.
   * @default TlsVersion.TLS_1_2
   */
  readonly minTlsVersion?: TlsVersion;
  /**
   * HSTS settings.
   * @default - one year, subdomains included, no preload
   */
  readonly hsts?: HstsOptions;
  /**
   * Managed WAF settings (Cloudflare Managed and OWASP Core rulesets, always executed).
   * @default - each managed rule's own action; OWASP blocks at medium sensitivity (score 40), paranoia level 1
   */
  readonly waf?: WafOptions;
  /**
   * Per-IP rate limits.
   * @default - 600/300 requests per minute per IP (production/elsewhere), 20/10 on authentication paths, 3000/1000 on webhook paths, 60 s block
   */
  readonly rateLimit?: RateLimitOptions;
  /**
   * Path prefixes blocked on every host (case-insensitive); an empty list turns the rule off.
   * @default - paths only scanners ask for: "/.env", "/.git", "/.aws", "/.ssh", "/.ds_store", "/wp-admin", "/wp-login.php", "/xmlrpc.php", "/phpmyadmin", "/server-status", "/cgi-bin"
   */
  readonly blockedPaths?: string[];
  /**
   * Hostnames (in the zone) whose interactive API docs (`apiDocsPaths`) are
   * blocked at the edge, for example an API in production.
   * @default - none
   */
  readonly apiDocsHostnames?: string[];
  /**
   * Exact paths of the interactive API docs blocked on `apiDocsHostnames`.
   * @default - FastAPI's defaults: "/docs", "/redoc", "/openapi.json"
   */
  readonly apiDocsPaths?: string[];
  /**
   * User agents (substrings, case-insensitive) that get a managed challenge, with
   * empty user agents; verified bots and the services' health paths pass. An empty
   * list turns the rule off.
   * @default - scraping libraries and headless browsers: "python-requests", "python-urllib", "aiohttp", "scrapy", "curl/", "wget/", "go-http-client", "libwww-perl", "java/", "headlesschrome", "phantomjs"
   */
  readonly scraperUserAgents?: string[];
  /**
   * Path prefixes of webhook endpoints that third parties call (payment and social
   * platforms), on every published host. Their bursts come from few addresses, so
   * they get their own per-IP limit (`rateLimit.webhookRequestsPerMinute`, the rule
   * `rate-limit-webhooks`) instead of the general one, and they are exempt from the
   * user-agent challenge, Bot Management and Browser Integrity Check (a
   * configuration rule). The app must still verify each sender's signature.
   * A third rate limiting rule needs the Business plan.
   * @default - none
   */
  readonly webhookPaths?: string[];
  /**
   * The origin lock (a secret header on every request Cloudflare forwards to the services).
   * @default - on: header "x-origin-verify", variable "ORIGIN_VERIFY_SECRET"
   */
  readonly originLock?: OriginLockOptions;
  /**
   * Enterprise Bot Management: challenge requests with a low bot score.
   * @default - off (it needs the Enterprise Bot Management add-on)
   */
  readonly botManagement?: BotManagementOptions;
  /**
   * Leaked-credential checks and a Turnstile widget for the authentication paths.
   * @default - off
   */
  readonly loginProtection?: LoginProtectionOptions;
  /**
   * A waiting room in front of the storefront hosts for live-event peaks (Business plan or higher).
   * @default - none
   */
  readonly waitingRoom?: WaitingRoomOptions;
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
   * The environment (names and per-environment defaults).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
