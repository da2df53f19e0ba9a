import { EdgeCacheRule, EdgeFirewallRule, hostsExpression, pathPrefixExpression, quote } from './edge-rules';

/**
 * The baseline edge rules of the networking module. Builders that depend on the
 * published services are called again at synth (through `Lazy`) by CloudflareEdge,
 * so services registered after the module was created are still covered.
 */

/** Path prefixes that only vulnerability scanners ask for: blocked on every host. */
export const DEFAULT_BLOCKED_PATHS = [
  '/.env', '/.git', '/.aws', '/.ssh', '/.ds_store', '/wp-admin', '/wp-login.php', '/xmlrpc.php',
  '/phpmyadmin', '/server-status', '/cgi-bin',
];

/** FastAPI's interactive docs, which the PRD says to switch off in production. */
export const API_DOCS_PATHS = ['/docs', '/redoc', '/openapi.json'];

/**
 * User agents of scraping libraries and headless browsers (lower case, matched
 * with `contains`). Node's fetch (`node`, `undici`) and okhttp are left out on
 * purpose: the dashboard's server-side rendering and Android clients use them.
 */
export const DEFAULT_SCRAPER_USER_AGENTS = [
  'python-requests', 'python-urllib', 'aiohttp', 'scrapy', 'curl/', 'wget/', 'go-http-client',
  'libwww-perl', 'java/', 'headlesschrome', 'phantomjs',
];

/** Authentication routes of the PRD: the dashboard's /login and NextAuth, the API's v1 auth. */
export const DEFAULT_AUTH_PATHS = ['/login', '/api/auth/', '/api/v1/auth/'];

/** Extensions of static assets that the edge may cache. */
export const STATIC_ASSET_EXTENSIONS = ['css', 'js', 'mjs', 'map', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'woff', 'woff2', 'ttf', 'otf'];

/** Lower-cased path prefixes as a Rules expression (scanners vary the case). */
export function blockedPathsRule(paths: string[]): EdgeFirewallRule {
  return {
    name: 'block-probe-paths',
    description: 'Block requests for secrets, VCS folders and admin tools that only scanners probe',
    expression: `(${paths.map((p) => `starts_with(lower(http.request.uri.path), ${quote(p.toLowerCase())})`).join(' or ')})`,
    action: 'block',
  };
}

/** Blocks FastAPI's docs on the given hosts. */
export function apiDocsRule(hostnames: string[]): EdgeFirewallRule {
  return {
    name: 'block-api-docs',
    description: 'Block the interactive API docs (/docs, /redoc, /openapi.json)',
    expression: `(${hostsExpression(hostnames)} and http.request.uri.path in {${API_DOCS_PATHS.map(quote).join(' ')}})`,
    action: 'block',
  };
}

/** Challenges scraping tools; verified bots and health checks pass. */
export function scraperRule(userAgents: string[], healthPaths: string[]): EdgeFirewallRule {
  return {
    name: 'challenge-scrapers',
    description: 'Managed challenge for scraping libraries, headless browsers and empty user agents (verified bots pass)',
    expression: `(not cf.client.bot${healthPaths.length > 0 ? ` and not http.request.uri.path in {${healthPaths.map(quote).join(' ')}}` : ''} and (http.user_agent eq "" or ${userAgents.map((ua) => `lower(http.user_agent) contains ${quote(ua.toLowerCase())}`).join(' or ')}))`,
    action: 'managed_challenge',
  };
}

/** Per-IP limit on authentication routes of the published hosts. */
export function authRateLimitExpression(hosts: string[], authPaths: string[]): string {
  return `(${hostsExpression(hosts)} and ${pathPrefixExpression(authPaths)})`;
}

/** Static assets: cacheable, Cache-Control of the origin respected. */
export const STATIC_ASSETS_CACHE_RULE: EdgeCacheRule = {
  name: 'cache-static-assets',
  description: 'Cache static assets (Next.js build output, images, fonts) at the edge, honouring the origin Cache-Control',
  expression: `(http.request.uri.path.extension in {${STATIC_ASSET_EXTENSIONS.map(quote).join(' ')}} or starts_with(http.request.uri.path, "/_next/static/"))`,
  cache: true,
};

/** Health checks must always reach the origin, or the keep-alive would not wake it. */
export function healthBypassCacheRule(healthPaths: string[]): EdgeCacheRule {
  return {
    name: 'bypass-health-checks',
    description: 'Never cache health endpoints: keep-alive pings must reach the origin',
    // With no service published yet nothing is a health check: match no request.
    expression: healthPaths.length > 0 ? `(http.request.uri.path in {${healthPaths.map(quote).join(' ')}})` : '(http.request.uri.path eq "" and false)',
    cache: false,
  };
}
