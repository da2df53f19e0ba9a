import { Testing, TerraformVariable } from 'cdktf';
import { CloudflareEdge, CloudflareEdgeProps, Environment, EnvironmentStack, IPublicService } from '../../lib';
import { Template, environmentStack } from '../support/template';

const api: IPublicService = { serviceName: 'api', originHostname: 'lss-api.onrender.com', publicHostname: 'api.livestreamsell.ai', healthCheckPath: '/health' };
const dashboard: IPublicService = { serviceName: 'dashboard', originHostname: 'lss-app.onrender.com', publicHostname: 'app.livestreamsell.ai', healthCheckPath: '/api/health' };

function edge(props: Partial<CloudflareEdgeProps> = {}, env = Environment.production({ project: 'livestreamsell' })) {
  const stack = environmentStack(env);
  const e = new CloudflareEdge(stack, 'Edge', { zoneName: 'livestreamsell.ai', ...props });
  return { stack, edge: e };
}

const ruleset = (t: Template, phase: string) => t.resourceList('cloudflare_ruleset').find((r) => r.phase === phase);
const refs = (t: Template, phase: string) => ruleset(t, phase).rules.map((r: any) => r.ref);

describe('CloudflareEdge defaults', () => {
  const { stack, edge: e } = edge({ apiDocsHostnames: ['api.livestreamsell.ai'] });
  e.addService(api);
  e.addService(dashboard);
  const t = Template.of(stack);

  test('owns each of the five phases exactly once, as zone entry points of the zone variable', () => {
    const phases = t.resourceList('cloudflare_ruleset').map((r) => r.phase).sort();
    expect(phases).toEqual(['http_ratelimit', 'http_request_cache_settings', 'http_request_dynamic_redirect', 'http_request_firewall_custom', 'http_request_firewall_managed']);
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
      ['api.livestreamsell.ai', 'lss-api.onrender.com'],
      ['app.livestreamsell.ai', 'lss-app.onrender.com'],
      ['www.livestreamsell.ai', 'livestreamsell.ai'],
    ]);
    expect(records.every((r) => r.proxied === true && r.type === 'CNAME' && r.ttl === 1)).toBe(true);
  });

  test('managed WAF, then custom rules: probes, API docs (where asked), scrapers', () => {
    expect(refs(t, 'http_request_firewall_managed')).toEqual(['cloudflare-managed-ruleset', 'owasp-core-ruleset']);
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-probe-paths', 'block-api-docs', 'challenge-scrapers']);
    const docs = ruleset(t, 'http_request_firewall_custom').rules[1];
    expect(docs.expression).toBe('((http.host in {"api.livestreamsell.ai"}) and http.request.uri.path in {"/docs" "/redoc" "/openapi.json"})');
    const scrapers = ruleset(t, 'http_request_firewall_custom').rules[2];
    expect(scrapers.action).toBe('managed_challenge');
    expect(scrapers.expression).toContain('not cf.client.bot and not http.request.uri.path in {"/health" "/api/health"}');
    expect(scrapers.expression).toContain('lower(http.user_agent) contains "scrapy"');
  });

  test('rate limits: auth first (20/min), then every host (600/min), scoped to the services added after construction', () => {
    const [auth, general] = ruleset(t, 'http_ratelimit').rules;
    expect(auth).toMatchObject({ ref: 'rate-limit-auth', action: 'block', ratelimit: { requests_per_period: 20, period: 60, mitigation_timeout: 60, characteristics: ['cf.colo.id', 'ip.src'] } });
    expect(auth.expression).toBe('((http.host in {"api.livestreamsell.ai" "app.livestreamsell.ai"}) and (starts_with(http.request.uri.path, "/login") or starts_with(http.request.uri.path, "/api/auth/") or starts_with(http.request.uri.path, "/api/v1/auth/")))');
    expect(general).toMatchObject({ ref: 'rate-limit-per-ip', expression: '(http.host in {"api.livestreamsell.ai" "app.livestreamsell.ai"})', ratelimit: { requests_per_period: 600 } });
  });

  test('www redirects to the apex; static assets are cached, health checks never', () => {
    expect(ruleset(t, 'http_request_dynamic_redirect').rules).toEqual([expect.objectContaining({ ref: 'www-to-apex', expression: '(http.host eq "www.livestreamsell.ai")' })]);
    const [assets, health] = ruleset(t, 'http_request_cache_settings').rules;
    expect(assets).toMatchObject({ ref: 'cache-static-assets', action_parameters: { cache: true, cache_key: { cache_deception_armor: true } } });
    expect(health).toMatchObject({ ref: 'bypass-health-checks', expression: '(http.request.uri.path in {"/health" "/api/health"})', action_parameters: { cache: false } });
  });

  test('zone settings are present', () => {
    expect(t.count('cloudflare_zone_setting')).toBe(7);
  });
});

describe('CloudflareEdge per environment and options', () => {
  test('staging: lower thresholds; no API-docs block unless asked', () => {
    const { stack, edge: e } = edge({}, Environment.staging({ project: 'livestreamsell' }));
    e.addService({ ...api, publicHostname: 'api-staging.livestreamsell.ai' });
    const t = Template.of(stack);
    expect(ruleset(t, 'http_ratelimit').rules.map((r: any) => r.ratelimit.requests_per_period)).toEqual([10, 300]);
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-probe-paths', 'challenge-scrapers']);
  });

  test('props override thresholds, paths, redirects and add rules after the baseline ones', () => {
    const { stack, edge: e } = edge({
      zoneId: '0123456789abcdef0123456789abcdef',
      rateLimit: { requestsPerMinute: 1000, authRequestsPerMinute: 5, authPaths: ['/signin'], mitigationTimeoutSeconds: 600 },
      blockedPaths: [],
      scraperUserAgents: [],
      wwwRedirect: false,
      redirects: [{ name: 'pricing', sourceHostname: 'livestreamsell.ai', sourcePath: '/precios', targetPath: '/pricing' }],
      firewallRules: [{ name: 'geo', description: 'Challenge Tor', expression: '(ip.src.country eq "T1")', action: 'managed_challenge' }],
      rateLimitRules: [{ name: 'webhooks', description: 'Meta webhooks', expression: 'true', requestsPerPeriod: 1200 }],
      cacheRules: [{ name: 'images', description: 'Product images', expression: 'true', cache: true, edgeTtlSeconds: 86400 }],
    });
    e.addService(api);
    const t = Template.of(stack);
    expect(t.json.variable?.cloudflare_zone_id).toBeUndefined();
    expect(t.resourceList('cloudflare_ruleset').every((r) => r.zone_id === '0123456789abcdef0123456789abcdef')).toBe(true);
    expect(ruleset(t, 'http_ratelimit').rules.map((r: any) => [r.ref, r.ratelimit.requests_per_period, r.ratelimit.mitigation_timeout]))
      .toEqual([['rate-limit-auth', 5, 600], ['rate-limit-per-ip', 1000, 600], ['webhooks', 1200, 60]]);
    expect(ruleset(t, 'http_ratelimit').rules[0].expression).toContain('starts_with(http.request.uri.path, "/signin")');
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['geo']);
    expect(refs(t, 'http_request_dynamic_redirect')).toEqual(['pricing']);
    expect(refs(t, 'http_request_cache_settings')).toEqual(['cache-static-assets', 'bypass-health-checks', 'images']);
    expect(t.resourceList('cloudflare_dns_record').map((r) => r.name)).toEqual(['api.livestreamsell.ai']);
  });

  test('with no www redirect and no redirects, no redirect entry point is created', () => {
    const { stack, edge: e } = edge({ wwwRedirect: false });
    e.addService(api);
    expect(ruleset(Template.of(stack), 'http_request_dynamic_redirect')).toBeUndefined();
    expect(e.ruleset('http_request_dynamic_redirect')).toBeUndefined();
    expect(e.ruleset('http_ratelimit')).toBeDefined();
  });

  test('token hostnames from other modules are rendered as references', () => {
    const stack = environmentStack(Environment.production({ project: 'livestreamsell' }));
    const origin = new TerraformVariable(stack, 'api_origin', { type: 'string' }).stringValue;
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: 'livestreamsell.ai' });
    e.addService({ ...api, originHostname: origin });
    const t = Template.of(stack);
    expect(t.resourceList('cloudflare_dns_record').find((r) => r.name === 'api.livestreamsell.ai').content).toBe('${var.api_origin}');
  });
});

describe('CloudflareEdge bad input', () => {
  test.each<[Partial<CloudflareEdgeProps>, string]>([
    [{ zoneName: 'Not A Zone' }, '[test/Edge] invalid "zoneName": got "Not A Zone"; expected a lowercase hostname such as "api.example.com"'],
    [{ zoneId: 'xyz' }, '[test/Edge] invalid "zoneId": got "xyz"; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)'],
    [{ rateLimit: { requestsPerMinute: 0 } }, '[test/Edge] invalid "rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
    [{ rateLimit: { authRequestsPerMinute: 0 } }, '[test/Edge] invalid "rateLimit.authRequestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
    [{ rateLimit: { mitigationTimeoutSeconds: 50 } }, '[test/Edge] invalid "rateLimits[rate-limit-auth].mitigationTimeoutSeconds": got 50; expected one of 10, 15, 20, 30'],
    [{ rateLimit: { authPaths: ['login'] } }, '[test/Edge] invalid "rateLimit.authPaths[0]": got "login"; expected a path prefix such as "/api/v1/auth/"'],
    [{ blockedPaths: ['.env'] }, '[test/Edge] invalid "blockedPaths[0]": got ".env"; expected a path prefix such as "/.env"'],
    [{ redirects: [{ name: 'www-loop', sourceHostname: 'livestreamsell.ai', targetHostname: 'www.livestreamsell.ai' }] },
      '[test/Edge] invalid "redirects[www-to-apex]": got "www.livestreamsell.ai/* -> www-to-apex -> www-loop -> www.livestreamsell.ai/*"; expected redirects that end somewhere else'],
    [{ wwwRedirect: false, redirects: [{ name: 'www', sourceHostname: 'www.livestreamsell.ai', targetHostname: 'www.livestreamsell.ai' }] },
      '[test/Edge] invalid "redirects[www]": got "www.livestreamsell.ai/* -> www -> www.livestreamsell.ai/*"; expected redirects that end somewhere else'],
    [{ firewallRules: [{ name: 'block-probe-paths', description: 'dup', expression: 'true' }] },
      '[test/Edge/Firewall] invalid "rules.ref": got "block-probe-paths"; expected a rule name not yet used in phase "http_request_firewall_custom"'],
  ])('rejects %j', (props, message) => {
    expect(() => edge(props)).toThrow(message);
  });

  test.each<[Partial<IPublicService>, string]>([
    [{ publicHostname: 'api.other.com' }, '[test/Edge] invalid "services[api].publicHostname": got "api.other.com"; expected a hostname in the zone "livestreamsell.ai" (the zone itself or a subdomain of it)'],
    [{ publicHostname: 'API.livestreamsell.ai' }, '[test/Edge] invalid "services[api].publicHostname": got "API.livestreamsell.ai"; expected a lowercase hostname'],
    [{ originHostname: 'https://lss-api.onrender.com' }, '[test/Edge] invalid "services[api].originHostname": got "https://lss-api.onrender.com"; expected a lowercase hostname'],
    [{ originHostname: 'api.livestreamsell.ai' }, '[test/Edge] invalid "services[api].originHostname": got "api.livestreamsell.ai"; expected the platform hostname'],
    [{ healthCheckPath: 'health' }, '[test/Edge] invalid "services[api].healthCheckPath": got "health"; expected an absolute path such as "/health" (no query string)'],
    [{ serviceName: 'API' }, '[test/Edge] invalid "services.serviceName": got "API"; expected a DNS label'],
    [{ publicHostname: 'www.livestreamsell.ai' }, '[test/Edge] invalid "services.publicHostname": got "www.livestreamsell.ai"; expected a hostname not yet published in this zone'],
  ])('rejects a service with %j', (over, message) => {
    const { edge: e } = edge();
    expect(() => e.addService({ ...api, ...over })).toThrow(message);
  });

  test('rejects a second service with the same name', () => {
    const { edge: e } = edge();
    e.addService(api);
    expect(() => e.addService({ ...dashboard, serviceName: 'api' })).toThrow('[test/Edge] invalid "services.serviceName": got "api"; expected a service name not yet published in this zone');
  });

  test('a second edge for the same zone fails, in the same stack or in another stack of the app', () => {
    const app = Testing.app();
    const prod = new EnvironmentStack(app, 'production', { environment: Environment.production({ project: 'livestreamsell' }) });
    new CloudflareEdge(prod, 'Edge', { zoneName: 'livestreamsell.ai' });
    expect(() => new CloudflareEdge(prod, 'Edge2', { zoneName: 'livestreamsell.ai' })).toThrow(
      '[production/Edge2] invalid "zoneName": got "livestreamsell.ai"; expected a zone no other CloudflareEdge owns (production/Edge already does): Cloudflare keeps one ruleset per zone and phase',
    );
    const staging = new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }) });
    expect(() => new CloudflareEdge(staging, 'Edge', { zoneName: 'livestreamsell.ai' })).toThrow('[staging/Edge] invalid "zoneName": got "livestreamsell.ai"; expected a zone no other CloudflareEdge owns (production/Edge already does)');
    expect(() => new CloudflareEdge(staging, 'Edge3', { zoneName: 'livestreamsell-staging.ai' })).not.toThrow();
  });
});
