import {
  DEFAULT_AUTH_PATHS, DEFAULT_BLOCKED_PATHS, DEFAULT_SCRAPER_USER_AGENTS, STATIC_ASSETS_CACHE_RULE, apiDocsRule, blockedPathsRule, healthBypassCacheRule, scraperRule,
} from '../../../lib/networking/private/edge-defaults';

describe('baseline edge rules', () => {
  test('the defaults are generic: no application route, host or product', () => {
    const all = JSON.stringify([DEFAULT_AUTH_PATHS, DEFAULT_BLOCKED_PATHS, DEFAULT_SCRAPER_USER_AGENTS, STATIC_ASSETS_CACHE_RULE]);
    expect(all).not.toMatch(/livestreamsell|\/api\/v1\/|seller|dashboard/i);
  });

  test('blocked paths match case-insensitively', () => {
    expect(blockedPathsRule(['/.ENV']).expression).toBe('(starts_with(lower(http.request.uri.path), "/.env"))');
  });

  test('API docs are blocked on the given hosts and paths only', () => {
    expect(apiDocsRule(['api.example.com'], ['/docs']).expression).toBe('((http.host in {"api.example.com"}) and http.request.uri.path in {"/docs"})');
  });

  test('scrapers: verified bots and the services\' health paths pass', () => {
    expect(scraperRule(['curl/'], []).expression).toBe('(not cf.client.bot and (http.user_agent eq "" or lower(http.user_agent) contains "curl/"))');
    expect(scraperRule(['curl/'], ['/health']).expression).toContain('not http.request.uri.path in {"/health"}');
  });

  test('scrapers: webhook paths (prefixes) pass too', () => {
    const rule = scraperRule(['curl/'], ['/health'], ['/webhooks/']);
    expect(rule.expression).toBe('(not cf.client.bot and not http.request.uri.path in {"/health"} and not (starts_with(http.request.uri.path, "/webhooks/")) and (http.user_agent eq "" or lower(http.user_agent) contains "curl/"))');
    expect(rule.description).toContain('verified bots and webhook senders pass');
  });

  test('health checks bypass the cache; with none published the rule matches nothing', () => {
    expect(healthBypassCacheRule(['/health', '/api/health']).expression).toBe('(http.request.uri.path in {"/health" "/api/health"})');
    expect(healthBypassCacheRule([]).expression).toBe('(http.request.uri.path eq "" and false)');
  });
});
