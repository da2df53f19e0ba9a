import { hostsExpression, pathPrefixExpression, quote } from './edge-rules';
import { CacheBehavior, EdgeCacheRule, EdgeFirewallRule, FirewallAction } from '../edge-rules';

/**
 * The baseline edge rules of `CloudflareEdge`, and their generic defaults. None of
 * them names an application: paths that only vulnerability scanners ask for,
 * well-known scraping tools, common authentication routes of web frameworks.
 * Builders that depend on the published services are called again at synth
 * (through `Lazy`) by CloudflareEdge, so services registered later are covered.
 */

/** Path prefixes that only vulnerability scanners ask for: blocked on every host. */
export const DEFAULT_BLOCKED_PATHS = [
  '/.env', '/.git', '/.aws', '/.ssh', '/.ds_store', '/wp-admin', '/wp-login.php', '/xmlrpc.php',
  '/phpmyadmin', '/server-status', '/cgi-bin',
];

/** The interactive API docs of FastAPI (and Swagger UI / ReDoc setups that follow it). */
export const DEFAULT_API_DOCS_PATHS = ['/docs', '/redoc', '/openapi.json'];

/**
 * User agents of scraping libraries and headless browsers (lower case, matched
 * with `contains`). Node's fetch (`node`, `undici`) and okhttp are left out on
 * purpose: server-side rendering and mobile apps commonly use them.
 */
export const DEFAULT_SCRAPER_USER_AGENTS = [
  'python-requests', 'python-urllib', 'aiohttp', 'scrapy', 'curl/', 'wget/', 'go-http-client',
  'libwww-perl', 'java/', 'headlesschrome', 'phantomjs',
];

/**
 * Common authentication routes of web frameworks (login and sign-up pages,
 * Auth.js/NextAuth's `/api/auth/`, OAuth callbacks, password resets). An app with
 * other routes sets `rateLimit.authPaths`.
 */
export const DEFAULT_AUTH_PATHS = ['/login', '/signin', '/signup', '/register', '/auth/', '/api/auth/', '/oauth/', '/password'];

/** Extensions of static assets that the edge may cache. */
export const STATIC_ASSET_EXTENSIONS = ['css', 'js', 'mjs', 'map', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'woff', 'woff2', 'ttf', 'otf'];

/** Lower-cased path prefixes as a Rules expression (scanners vary the case). */
export function blockedPathsRule(paths: string[]): EdgeFirewallRule {
  return {
    name: 'block-probe-paths',
    description: 'Block requests for secrets, VCS folders and admin tools that only scanners probe',
    expression: `(${paths.map((p) => `starts_with(lower(http.request.uri.path), ${quote(p.toLowerCase())})`).join(' or ')})`,
    action: FirewallAction.BLOCK,
  };
}

/** Blocks the interactive API docs on the given hosts. */
export function apiDocsRule(hostnames: string[], paths: string[]): EdgeFirewallRule {
  return {
    name: 'block-api-docs',
    description: `Block the interactive API docs (${paths.join(', ')})`,
    expression: `(${hostsExpression(hostnames)} and http.request.uri.path in {${paths.map(quote).join(' ')}})`,
    action: FirewallAction.BLOCK,
  };
}

/** Challenges scraping tools; verified bots, health checks and webhook paths (prefixes) pass. */
export function scraperRule(userAgents: string[], healthPaths: string[], webhookPaths: string[] = []): EdgeFirewallRule {
  const health = healthPaths.length > 0 ? ` and not http.request.uri.path in {${healthPaths.map(quote).join(' ')}}` : '';
  const webhooks = webhookPaths.length > 0 ? ` and not ${pathPrefixExpression(webhookPaths)}` : '';
  return {
    name: 'challenge-scrapers',
    description: `Managed challenge for scraping libraries, headless browsers and empty user agents (verified bots${webhookPaths.length > 0 ? ' and webhook senders' : ''} pass)`,
    expression: `(not cf.client.bot${health}${webhooks} and (http.user_agent eq "" or ${userAgents.map((ua) => `lower(http.user_agent) contains ${quote(ua.toLowerCase())}`).join(' or ')}))`,
    action: FirewallAction.MANAGED_CHALLENGE,
  };
}

/** Per-IP limit on authentication routes of the published hosts. */
export function authRateLimitExpression(hosts: string[], authPaths: string[]): string {
  return `(${hostsExpression(hosts)} and ${pathPrefixExpression(authPaths)})`;
}

/** Static assets: cacheable, Cache-Control of the origin respected. */
export const STATIC_ASSETS_CACHE_RULE: EdgeCacheRule = {
  name: 'cache-static-assets',
  description: 'Cache static assets (build output, images, fonts) at the edge, honouring the origin Cache-Control',
  expression: `(http.request.uri.path.extension in {${STATIC_ASSET_EXTENSIONS.map(quote).join(' ')}} or starts_with(http.request.uri.path, "/_next/static/"))`,
  behavior: CacheBehavior.RESPECT_ORIGIN,
};

/** Health checks must always reach the origin, or the keep-alive would not wake it. */
export function healthBypassCacheRule(healthPaths: string[]): EdgeCacheRule {
  return {
    name: 'bypass-health-checks',
    description: 'Never cache health endpoints: keep-alive pings must reach the origin',
    // With no service published yet nothing is a health check: match no request.
    expression: healthPaths.length > 0 ? `(http.request.uri.path in {${healthPaths.map(quote).join(' ')}})` : '(http.request.uri.path eq "" and false)',
    behavior: CacheBehavior.BYPASS,
  };
}
