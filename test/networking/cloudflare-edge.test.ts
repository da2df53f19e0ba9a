import { Testing, TerraformVariable } from 'cdktf';
import {
  CacheBehavior, CloudflareEdge, CloudflareEdgeProps, EdgePhase, Environment, EnvironmentStack, FirewallAction, IPublicService, RedirectStatusCode, TlsVersion,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

const ZONE = 'example.com';
const api: IPublicService = { serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' };
const dashboard: IPublicService = { serviceName: 'dashboard', originHostname: 'acme-app.onrender.com', publicHostname: 'app.example.com', healthCheckPath: '/api/health' };

function edge(props: Partial<CloudflareEdgeProps> = {}, env = Environment.production({ project: 'acme' })) {
  const stack = environmentStack(env);
  const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE, ...props });
  return { stack, edge: e };
}

const ruleset = (t: Template, phase: string) => t.resourceList('cloudflare_ruleset').find((r) => r.phase === phase);
const refs = (t: Template, phase: string) => ruleset(t, phase).rules.map((r: any) => r.ref);

describe('CloudflareEdge defaults', () => {
  const { stack, edge: e } = edge({ apiDocsHostnames: ['api.example.com'] });
  e.addService(api);
  e.addService(dashboard);
  const t = Template.of(stack);

  test('owns each of its six phases exactly once, as zone entry points of the zone variable', () => {
    const phases = t.resourceList('cloudflare_ruleset').map((r) => r.phase).sort();
    expect(phases).toEqual(['http_ratelimit', 'http_request_cache_settings', 'http_request_dynamic_redirect', 'http_request_firewall_custom', 'http_request_firewall_managed', 'http_request_late_transform']);
    expect(t.resourceList('cloudflare_ruleset').every((r) => r.kind === 'zone' && r.zone_id === '${var.cloudflare_zone_id}')).toBe(true);
    expect(t.json.variable.cloudflare_zone_id).toMatchObject({ type: 'string', nullable: false });
    expect(t.json.variable.cloudflare_zone_id.sensitive).toBeUndefined();
  });

  test('a provider with no credentials in the JSON (CLOUDFLARE_API_TOKEN from the environment)', () => {
    expect(t.json.provider.cloudflare).toEqual([{}]);
    expect(JSON.stringify(t.json)).not.toMatch(/api_token|api_key/);
  });

  test('proxied CNAMEs for every service and www, with automatic TTL', () => {
    const records = t.resourceList('cloudflare_dns_record');
    expect(records.map((r) => [r.name, r.content]).sort()).toEqual([
      ['api.example.com', 'acme-api.onrender.com'],
      ['app.example.com', 'acme-app.onrender.com'],
      ['www.example.com', 'example.com'],
    ]);
    expect(records.every((r) => r.proxied === true && r.type === 'CNAME' && r.ttl === 1)).toBe(true);
  });

  test('managed WAF, then custom rules: probes, API docs (where asked), scrapers (health paths of the services exempt)', () => {
    expect(refs(t, 'http_request_firewall_managed')).toEqual(['cloudflare-managed-ruleset', 'owasp-core-ruleset']);
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-probe-paths', 'block-api-docs', 'challenge-scrapers']);
    const docs = ruleset(t, 'http_request_firewall_custom').rules[1];
    expect(docs.expression).toBe('((http.host in {"api.example.com"}) and http.request.uri.path in {"/docs" "/redoc" "/openapi.json"})');
    const scrapers = ruleset(t, 'http_request_firewall_custom').rules[2];
    expect(scrapers.action).toBe('managed_challenge');
    expect(scrapers.expression).toContain('not cf.client.bot and not http.request.uri.path in {"/health" "/api/health"}');
    expect(scrapers.expression).toContain('lower(http.user_agent) contains "scrapy"');
  });

  test('rate limits: auth first (20/min on common framework routes), then every host (600/min), scoped to the services added after construction', () => {
    const [auth, general] = ruleset(t, 'http_ratelimit').rules;
    expect(auth).toMatchObject({ ref: 'rate-limit-auth', action: 'block', ratelimit: { requests_per_period: 20, period: 60, mitigation_timeout: 60, characteristics: ['cf.colo.id', 'ip.src'] } });
    expect(auth.expression).toBe(`((http.host in {"api.example.com" "app.example.com"}) and (${['/login', '/signin', '/signup', '/register', '/auth/', '/api/auth/', '/oauth/', '/password'].map((p) => `starts_with(http.request.uri.path, "${p}")`).join(' or ')}))`);
    expect(general).toMatchObject({ ref: 'rate-limit-per-ip', expression: '(http.host in {"api.example.com" "app.example.com"})', ratelimit: { requests_per_period: 600 } });
  });

  test('www redirects to the apex; static assets are cached, health checks never', () => {
    expect(ruleset(t, 'http_request_dynamic_redirect').rules).toEqual([expect.objectContaining({ ref: 'www-to-apex', expression: '(http.host eq "www.example.com")' })]);
    const [assets, health] = ruleset(t, 'http_request_cache_settings').rules;
    expect(assets).toMatchObject({ ref: 'cache-static-assets', action_parameters: { cache: true, cache_key: { cache_deception_armor: true } } });
    expect(health).toMatchObject({ ref: 'bypass-health-checks', expression: '(http.request.uri.path in {"/health" "/api/health"})', action_parameters: { cache: false } });
  });

  test('zone settings are present; ruleset(phase) returns the L1 for overrides', () => {
    expect(t.count('cloudflare_zone_setting')).toBe(7);
    expect(e.ruleset(EdgePhase.RATE_LIMIT)!.node.path).toBe('test/Edge/RateLimits/Resource');
    expect(CloudflareEdge.isCloudflareEdge(e)).toBe(true);
    expect(CloudflareEdge.isCloudflareEdge({ zoneName: ZONE })).toBe(false);
    expect(() => e.ruleset('http_ratelimit' as any)).toThrow('[test/Edge] invalid "phase": got "http_ratelimit"; expected an EdgePhase: EdgePhase.FIREWALL_MANAGED');
  });
});

describe('CloudflareEdge per environment and options', () => {
  test('staging: lower thresholds; no API-docs block unless asked', () => {
    const { stack, edge: e } = edge({}, Environment.staging({ project: 'acme' }));
    e.addService({ ...api, publicHostname: 'api-staging.example.com' });
    const t = Template.of(stack);
    expect(ruleset(t, 'http_ratelimit').rules.map((r: any) => r.ratelimit.requests_per_period)).toEqual([10, 300]);
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-probe-paths', 'challenge-scrapers']);
  });

  test('props override thresholds, paths, redirects and add rules after the baseline ones', () => {
    const { stack, edge: e } = edge({
      zoneId: '0123456789abcdef0123456789abcdef',
      minTlsVersion: TlsVersion.TLS_1_3,
      rateLimit: { requestsPerMinute: 1000, authRequestsPerMinute: 5, authPaths: ['/signin'], mitigationTimeoutSeconds: 600 },
      blockedPaths: [],
      scraperUserAgents: [],
      apiDocsHostnames: ['api.example.com'],
      apiDocsPaths: ['/swagger'],
      wwwRedirect: false,
      redirects: [{ name: 'pricing', sourceHostname: ZONE, sourcePath: '/precios', targetPath: '/pricing', statusCode: RedirectStatusCode.FOUND }],
      firewallRules: [{ name: 'geo', description: 'Challenge Tor', expression: '(ip.src.country eq "T1")', action: FirewallAction.MANAGED_CHALLENGE }],
      rateLimitRules: [{ name: 'search', description: 'Search', expression: 'true', requestsPerPeriod: 60 }],
      cacheRules: [{ name: 'images', description: 'Product images', expression: 'true', behavior: CacheBehavior.overrideOrigin(86400) }],
    });
    e.addService(api);
    const t = Template.of(stack);
    expect(t.json.variable?.cloudflare_zone_id).toBeUndefined();
    expect(t.resourceList('cloudflare_ruleset').every((r) => r.zone_id === '0123456789abcdef0123456789abcdef')).toBe(true);
    expect(ruleset(t, 'http_ratelimit').rules.map((r: any) => [r.ref, r.ratelimit.requests_per_period, r.ratelimit.mitigation_timeout]))
      .toEqual([['rate-limit-auth', 5, 600], ['rate-limit-per-ip', 1000, 600], ['search', 60, 60]]);
    expect(ruleset(t, 'http_ratelimit').rules[0].expression).toContain('starts_with(http.request.uri.path, "/signin")');
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-api-docs', 'geo']);
    expect(ruleset(t, 'http_request_firewall_custom').rules[0].expression).toBe('((http.host in {"api.example.com"}) and http.request.uri.path in {"/swagger"})');
    expect(refs(t, 'http_request_dynamic_redirect')).toEqual(['pricing']);
    expect(ruleset(t, 'http_request_dynamic_redirect').rules[0].action_parameters.from_value.status_code).toBe(302);
    expect(refs(t, 'http_request_cache_settings')).toEqual(['cache-static-assets', 'bypass-health-checks', 'images']);
    expect(t.resourceList('cloudflare_dns_record').map((r) => r.name)).toEqual(['api.example.com']);
    expect(t.resourceList('cloudflare_zone_setting').find((s) => s.setting_id === 'min_tls_version').value).toBe('1.3');
  });

  test('an empty authPaths turns the auth limit off; the per-IP limit stays', () => {
    const { stack, edge: e } = edge({ rateLimit: { authPaths: [] } });
    e.addService(api);
    expect(refs(Template.of(stack), 'http_ratelimit')).toEqual(['rate-limit-per-ip']);
  });

  test('with no www redirect and no redirects, no redirect entry point is created', () => {
    const { stack, edge: e } = edge({ wwwRedirect: false });
    e.addService(api);
    expect(ruleset(Template.of(stack), 'http_request_dynamic_redirect')).toBeUndefined();
    expect(e.ruleset(EdgePhase.DYNAMIC_REDIRECT)).toBeUndefined();
    expect(e.ruleset(EdgePhase.RATE_LIMIT)).toBeDefined();
  });

  test('the add methods return the ruleset they added to', () => {
    const { edge: e } = edge();
    const fw = e.addFirewallRule({ name: 'debug', description: 'No debug', expression: '(starts_with(http.request.uri.path, "/debug"))' });
    expect(fw).toBe(e.ruleset(EdgePhase.FIREWALL_CUSTOM));
    expect(e.addRateLimitRule({ name: 'search', description: 'Search', expression: 'true', requestsPerPeriod: 60 })).toBe(e.ruleset(EdgePhase.RATE_LIMIT));
    expect(e.addRedirect({ name: 'old', sourceHostname: ZONE, sourcePath: '/old', targetPath: '/new' })).toBe(e.ruleset(EdgePhase.DYNAMIC_REDIRECT));
    expect(e.addCacheRule({ name: 'no-api', description: 'API', expression: '(http.host eq "api.example.com")', behavior: CacheBehavior.BYPASS })).toBe(e.ruleset(EdgePhase.CACHE_SETTINGS));
    expect(e.addService(api).node.id).toBe('Record-api');
  });

  test('token hostnames from other modules are rendered as references', () => {
    const stack = environmentStack(Environment.production({ project: 'acme' }));
    const origin = new TerraformVariable(stack, 'api_origin', { type: 'string' }).stringValue;
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE });
    e.addService({ ...api, originHostname: origin });
    const t = Template.of(stack);
    expect(t.resourceList('cloudflare_dns_record').find((r) => r.name === 'api.example.com').content).toBe('${var.api_origin}');
  });
});

describe('CloudflareEdge bad input', () => {
  test.each<[object, string]>([
    [{ zoneName: 'Not A Zone' }, '[test/Edge] invalid "zoneName": got "Not A Zone"; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
    [{ zoneName: undefined }, '[test/Edge] invalid "zoneName": got undefined; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
    [{ zoneId: 'xyz' }, '[test/Edge] invalid "zoneId": got "xyz"; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)'],
    [{ minTlsVersion: '1.3' }, '[test/Edge] invalid "minTlsVersion": got "1.3"; expected a TlsVersion: TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3'],
    [{ hsts: { maxAgeSeconds: 3600 } }, '[test/Edge] invalid "hsts.maxAgeSeconds": got 3600; expected a whole number from 15552000 to 31536000'],
    [{ waf: { owaspParanoiaLevel: 0 } }, '[test/Edge] invalid "waf.owaspParanoiaLevel": got 0; expected a whole number from 1 to 4'],
    [{ rateLimit: { requestsPerMinute: 0 } }, '[test/Edge] invalid "rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
    [{ rateLimit: { authRequestsPerMinute: Infinity } }, '[test/Edge] invalid "rateLimit.authRequestsPerMinute": got Infinity; expected a whole number from 1 to 1000000'],
    [{ rateLimit: { mitigationTimeoutSeconds: 50 } }, '[test/Edge] invalid "rateLimit.mitigationTimeoutSeconds": got 50; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400'],
    [{ rateLimit: { authPaths: ['login'] } }, '[test/Edge] invalid "rateLimit.authPaths[0]": got "login"; expected a path prefix such as "/login"'],
    [{ rateLimit: { authPaths: '/login' } }, '[test/Edge] invalid "rateLimit.authPaths": got "/login"; expected a list'],
    [{ blockedPaths: ['.env'] }, '[test/Edge] invalid "blockedPaths[0]": got ".env"; expected a path prefix such as "/.env"'],
    [{ blockedPaths: ['/.env', '/.env'] }, '[test/Edge] invalid "blockedPaths[1]": got "/.env"; expected a value not already in the list'],
    [{ apiDocsHostnames: ['api.other.org'] }, '[test/Edge] invalid "apiDocsHostnames[0]": got "api.other.org"; expected a hostname in the zone "example.com" (the zone itself or a subdomain of it)'],
    [{ apiDocsHostnames: ['api.example.com'], apiDocsPaths: [] }, '[test/Edge] invalid "apiDocsPaths": got []; expected a list of at least 1 item'],
    [{ scraperUserAgents: [''] }, '[test/Edge] invalid "scraperUserAgents[0]": got ""; expected a user-agent substring of 1-100 characters'],
    [{ wwwRedirect: 'false' }, '[test/Edge] invalid "wwwRedirect": got "false"; expected true or false (a boolean, not a string)'],
    [{ redirects: [{ name: 'www-loop', sourceHostname: ZONE, targetHostname: 'www.example.com' }] },
      '[test/Edge] invalid "redirects[0]": got "www.example.com/* -> www-to-apex -> www-loop -> www.example.com/*"; expected redirects that end somewhere else'],
    [{ wwwRedirect: false, redirects: [{ name: 'www', sourceHostname: 'www.example.com', targetHostname: 'www.example.com' }] },
      '[test/Edge] invalid "redirects[0]": got "www.example.com/* -> www -> www.example.com/*"; expected redirects that end somewhere else'],
    [{ firewallRules: [{ name: 'block-probe-paths', description: 'dup', expression: 'true' }] },
      '[test/Edge] invalid "firewallRules[0].name": got "block-probe-paths"; expected a rule name not yet used in phase "http_request_firewall_custom" of test/Edge/Firewall (already used by the baseline rules of test/Edge)'],
    [{ redirects: [{ name: 'www-to-apex', sourceHostname: ZONE, sourcePath: '/a', targetPath: '/b' }] },
      '[test/Edge] invalid "redirects[0].name": got "www-to-apex"; expected a rule name not yet used in phase "http_request_dynamic_redirect" of test/Edge/Redirects (already used by the baseline rules of test/Edge)'],
    [{ firewallRule: [] }, '[test/Edge] invalid "firewallRule": got []; expected no such property: the properties here are'],
  ])('rejects %j', (props, message) => {
    expect(() => edge(props as Partial<CloudflareEdgeProps>)).toThrow(message);
  });

  test.each<[Partial<IPublicService>, string]>([
    [{ publicHostname: 'api.other.com' }, '[test/Edge] invalid "service.publicHostname": got "api.other.com"; expected a hostname in the zone "example.com" (the zone itself or a subdomain of it)'],
    [{ publicHostname: 'API.example.com' }, '[test/Edge] invalid "service.publicHostname": got "API.example.com"; expected a lowercase hostname such as "api.example.com"'],
    [{ originHostname: 'https://acme-api.onrender.com' }, '[test/Edge] invalid "service.originHostname": got "https://acme-api.onrender.com"; expected a lowercase hostname'],
    [{ originHostname: 'api.example.com' }, '[test/Edge] invalid "service.originHostname": got "api.example.com"; expected the platform hostname (for example "<name>.onrender.com"), not the public hostname: the record would point at itself'],
    [{ healthCheckPath: 'health' }, '[test/Edge] invalid "service.healthCheckPath": got "health"; expected an absolute path such as "/health" (no query string)'],
    [{ serviceName: 'API' }, '[test/Edge] invalid "service.serviceName": got "API"; expected a DNS label'],
    [{ publicHostname: 'www.example.com' }, '[test/Edge] invalid "service.publicHostname": got "www.example.com"; expected a hostname not yet published in this zone (test/Edge/Www already publishes it)'],
  ])('rejects a service with %j', (over, message) => {
    const { edge: e } = edge();
    expect(() => e.addService({ ...api, ...over })).toThrow(message);
  });

  test('rejects a service that is not one, and a second service with the same name or hostname', () => {
    const { edge: e } = edge();
    expect(() => e.addService('api' as any)).toThrow('[test/Edge] invalid "service": got "api"; expected an IPublicService (serviceName, originHostname, publicHostname, healthCheckPath)');
    e.addService(api);
    expect(() => e.addService({ ...dashboard, serviceName: 'api' })).toThrow('[test/Edge] invalid "service.serviceName": got "api"; expected a service name not yet published in this zone (already published by "service" of test/Edge)');
    expect(() => e.addService({ ...dashboard, publicHostname: 'api.example.com' })).toThrow('[test/Edge] invalid "service.publicHostname": got "api.example.com"; expected a hostname not yet published in this zone (test/Edge/Record-api already publishes it)');
  });

  test('two services whose token hostnames resolve to one name fail at synth, naming both records', () => {
    const stack = environmentStack();
    const host = new TerraformVariable(stack, 'host', { type: 'string' });
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE });
    e.addService({ ...api, publicHostname: host.stringValue });
    e.addService({ ...dashboard, publicHostname: host.stringValue });
    expect(() => Testing.synth(stack, true)).toThrow('[test/Edge] invalid "service.publicHostname": got "${var.host}"; expected a hostname not yet published in this zone (test/Edge/Record-api already publishes it)');
  });

  test('method arguments are read like props: typos and wrong types are reported', () => {
    const { edge: e } = edge();
    expect(() => e.addFirewallRule({ name: 'x', description: 'x', expression: 'true', action: 'block' as any })).toThrow('[test/Edge] invalid "rule.action": got "block"; expected a FirewallAction');
    expect(() => e.addCacheRule({ name: 'x', description: 'x', expression: 'true', cache: true } as any)).toThrow('[test/Edge] invalid "rule.cache": got true; expected no such property: the properties here are "behavior", "description", "expression", "name"');
    expect(() => e.addCacheRule({ name: 'x', description: 'x', expression: 'true' } as any)).toThrow('[test/Edge] invalid "rule.behavior": got undefined; expected a CacheBehavior');
    expect(() => e.addRedirect({ name: 'x', sourceHostname: ZONE, statusCode: 301 } as any)).toThrow('[test/Edge] invalid "redirect.statusCode": got 301; expected a RedirectStatusCode');
  });

  test('a second edge for the same zone fails, in the same stack or in another stack of the app', () => {
    const app = Testing.app();
    const prod = new EnvironmentStack(app, 'production', { environment: Environment.production({ project: 'acme' }) });
    new CloudflareEdge(prod, 'Edge', { zoneName: ZONE });
    expect(() => new CloudflareEdge(prod, 'Edge2', { zoneName: ZONE })).toThrow(
      '[production/Edge2] invalid "zoneName": got "example.com"; expected a zone no other CloudflareEdge owns (production/Edge already does): Cloudflare keeps one ruleset per zone and phase',
    );
    const staging = new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'acme' }) });
    expect(() => new CloudflareEdge(staging, 'Edge', { zoneName: ZONE })).toThrow('[staging/Edge] invalid "zoneName": got "example.com"; expected a zone no other CloudflareEdge owns (production/Edge already does)');
    expect(() => new CloudflareEdge(staging, 'Edge3', { zoneName: 'example-staging.com' })).not.toThrow();
    // The registry lives on the App under a Symbol.for key, so a second copy of the library sees it.
    const key = Symbol.for('@livestreamsell/cdktf-constructs.networking.cloudflareZones');
    expect([...(app as any)[key].keys()]).toEqual(['example.com', 'example-staging.com']);
    expect(Testing.app() as any).not.toHaveProperty([key]);
  });
});
