import { CacheBehavior, Environment, IPublicService, NetworkingModule, NetworkingModuleProps, TlsVersion } from '../../lib';
import { findingsOf, libraryStack } from '../checks/support';
import { Template, environmentStack } from '../support/template';

const ZONE = 'example.com';
const hosts = (env: Environment) => ({ api: `api-${env.name}.${ZONE}`, dashboard: `app-${env.name}.${ZONE}` });

function services(env: Environment): IPublicService[] {
  return [
    { serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: hosts(env).api, healthCheckPath: '/health' },
    { serviceName: 'dashboard', originHostname: 'acme-app.onrender.com', publicHostname: hosts(env).dashboard, healthCheckPath: '/api/health' },
  ];
}

function synth(env: Environment, props: Partial<NetworkingModuleProps> = {}) {
  const stack = environmentStack(env);
  const module = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, services: services(env), ...props });
  return { module, t: Template.of(stack) };
}

describe.each([
  ['staging', Environment.staging({ project: 'acme' })],
  ['production', Environment.production({ project: 'acme' })],
])('NetworkingModule (%s)', (name, env) => {
  const { module, t } = synth(env);

  test('has no SecurityChecks findings', () => {
    const { stack, checks } = libraryStack(env);
    new NetworkingModule(stack, 'Networking', { zoneName: ZONE, services: services(env) });
    expect(findingsOf(stack, checks)).toEqual([]);
  });

  test('builds the Cloudflare edge and the keep-alive, and no idle VPC', () => {
    expect(module.vpc).toBeUndefined();
    expect(t.count('aws_vpc')).toBe(0);
    expect(t.count('aws_nat_gateway')).toBe(0);
    expect(t.count('aws_eip')).toBe(0);
    expect(t.count('cloudflare_ruleset')).toBe(6);
    expect(t.count('cloudflare_zone_setting')).toBe(7);
    expect(t.only('cloudflare_workers_script').script_name).toBe(`acme-${name}-keepalive`);
    expect(NetworkingModule.isNetworkingModule(module)).toBe(true);
  });

  test('each service is proxied and pinged at its health path', () => {
    expect(t.resourceList('cloudflare_dns_record').map((r) => r.name).sort()).toEqual([hosts(env).api, hosts(env).dashboard, `www.${ZONE}`].sort());
    expect(JSON.parse(t.only('cloudflare_workers_script').bindings[0].text)).toEqual([`https://${hosts(env).api}/health`, `https://${hosts(env).dashboard}/api/health`]);
  });

  test('rate limits follow the environment: 20/600 per minute in production, 10/300 elsewhere', () => {
    const limits = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_ratelimit').rules.map((r: any) => r.ratelimit.requests_per_period);
    expect(limits).toEqual(env.isProduction ? [20, 600] : [10, 300]);
  });
});

describe('NetworkingModule API', () => {
  test('services and rules added later merge into the same rulesets and keep-alive; the methods return what they add to', () => {
    const env = Environment.production({ project: 'acme' });
    const { stack, checks } = libraryStack(env);
    const net = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, edge: { apiDocsHostnames: [hosts(env).api] } });
    expect(net.addService(services(env)[0]).node.path).toBe('lib/Networking/Edge/Record-api');
    const firewall = net.addFirewallRule({ name: 'block-debug', description: 'Debug endpoints stay off in production', expression: '(starts_with(http.request.uri.path, "/debug"))' });
    expect(firewall.node.path).toBe('lib/Networking/Edge/Firewall/Resource');
    net.addRateLimitRule({ name: 'search', description: 'Search is expensive', expression: '(starts_with(http.request.uri.path, "/search"))', requestsPerPeriod: 60 });
    net.addRedirect({ name: 'old-login', sourceHostname: hosts(env).dashboard, sourcePath: '/signin', targetPath: '/login' });
    net.addCacheRule({ name: 'no-cache-api', description: 'API responses are never cached', expression: `(http.host eq "${hosts(env).api}")`, behavior: CacheBehavior.BYPASS });
    net.addService(services(env)[1]);
    const t = Template.of(stack);
    const refs = (phase: string) => t.resourceList('cloudflare_ruleset').find((r) => r.phase === phase).rules.map((r: any) => r.ref);
    expect(t.count('cloudflare_ruleset')).toBe(6);
    expect(refs('http_request_firewall_custom')).toEqual(['block-probe-paths', 'block-api-docs', 'challenge-scrapers', 'block-debug']);
    expect(refs('http_ratelimit')).toEqual(['rate-limit-auth', 'rate-limit-per-ip', 'search']);
    expect(refs('http_request_dynamic_redirect')).toEqual(['www-to-apex', 'old-login']);
    expect(refs('http_request_cache_settings')).toEqual(['cache-static-assets', 'bypass-health-checks', 'no-cache-api']);
    // The dashboard was added last and is still in the host-scoped rules and the keep-alive.
    const general = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_ratelimit').rules[1];
    expect(general.expression).toBe('(http.host in {"api-production.example.com" "app-production.example.com"})');
    expect(JSON.parse(t.only('cloudflare_workers_script').bindings[0].text)).toHaveLength(2);
    expect(findingsOf(stack, checks)).toEqual([]);
  });

  test('the keep-alive can be left out', () => {
    const { module, t } = synth(Environment.staging({ project: 'acme' }), { enableKeepAlive: false });
    expect(module.vpc).toBeUndefined();
    expect(module.keepAlive).toBeUndefined();
    expect(t.count('aws_vpc')).toBe(0);
    expect(t.count('cloudflare_workers_script')).toBe(0);
    expect(t.count('cloudflare_ruleset')).toBe(6);
  });

  test.each([
    ['production', Environment.production({ project: 'acme' }), 3, 3],
    ['staging', Environment.staging({ project: 'acme' }), 2, 1],
  ])('the VPC on request (%s): enableVpc builds the per-environment defaults, with no SecurityChecks findings', (_name, env, zones, nats) => {
    const { stack, checks } = libraryStack(env);
    const module = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, services: services(env), enableVpc: true });
    const t = Template.of(stack);
    expect(module.vpc).toBeDefined();
    expect(t.count('aws_vpc')).toBe(1);
    expect(t.count('aws_subnet')).toBe(2 * zones);
    expect(t.count('aws_nat_gateway')).toBe(nats);
    expect(t.count('aws_eip')).toBe(nats);
    expect(findingsOf(stack, checks)).toEqual([]);
  });

  test('giving VPC settings asks for the VPC; settings with enableVpc: false are refused', () => {
    const { module, t } = synth(Environment.staging({ project: 'acme' }), { vpc: { natGatewayPerAz: true } });
    expect(module.vpc).toBeDefined();
    expect(t.count('aws_nat_gateway')).toBe(2);
    expect(() => synth(Environment.staging({ project: 'acme' }), { enableVpc: false, vpc: { cidr: '10.30.0.0/16' } })).toThrow(
      '[test/Networking] invalid "vpc": got {"cidr":"10.30.0.0/16"}; expected no VPC settings with "enableVpc: false" (remove one of the two)');
  });

  test('nested options reach the VPC, the edge and the keep-alive, and the module environment reaches them all', () => {
    const stack = environmentStack(Environment.staging({ project: 'acme' }));
    new NetworkingModule(stack, 'Networking', {
      zoneName: ZONE,
      services: services(Environment.staging({ project: 'acme' })),
      environment: Environment.production({ project: 'other' }),
      vpc: { cidr: '10.99.0.0/16' },
      edge: { minTlsVersion: TlsVersion.TLS_1_3 },
      keepAlive: { schedule: '*/3 * * * *' },
    });
    const t = Template.of(stack);
    expect(t.only('aws_vpc')).toMatchObject({ cidr_block: '10.99.0.0/16', tags: { Name: 'other-production-vpc' } });
    expect(t.count('aws_nat_gateway')).toBe(3);
    expect(t.resourceList('cloudflare_zone_setting').find((s) => s.setting_id === 'min_tls_version').value).toBe('1.3');
    expect(t.only('cloudflare_workers_cron_trigger').schedules).toEqual([{ cron: '*/3 * * * *' }]);
    expect(t.only('cloudflare_workers_script').script_name).toBe('other-production-keepalive');
  });

  test.each<[string, object, string]>([
    ['a service outside the zone', { services: [{ serviceName: 'api', originHostname: 'x.onrender.com', publicHostname: 'api.example.org', healthCheckPath: '/health' }] },
      '[test/Networking] invalid "services[0].publicHostname": got "api.example.org"; expected a hostname in the zone "example.com"'],
    ['two services with one name', { services: [...services(Environment.staging({ project: 'acme' })), { serviceName: 'api', originHostname: 'x.onrender.com', publicHostname: 'x.example.com', healthCheckPath: '/health' }] },
      '[test/Networking] invalid "services[2].serviceName": got "api"; expected a service name not yet published in this zone (already published by "services[0]" of test/Networking)'],
    ['services as one object', { services: { serviceName: 'api' } }, '[test/Networking] invalid "services": got {"serviceName":"api"}; expected a list'],
    ['a nested edge error', { edge: { rateLimit: { requestsPerMinute: 0 } } }, '[test/Networking] invalid "edge.rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
    ['a nested VPC error', { vpc: { cidr: '10.0.0.0/8' } }, '[test/Networking] invalid "vpc.cidr": got "10.0.0.0/8"; expected an IPv4 CIDR block "a.b.c.d/n" with n from 16 to 27'],
    ['a doubly nested flow-log error', { vpc: { flowLogs: { retentionDays: 2 } } }, '[test/Networking] invalid "vpc.flowLogs.retentionDays": got 2; expected one of 1, 3, 5'],
    ['a nested keep-alive error', { keepAlive: { timeoutSeconds: 90 } }, '[test/Networking] invalid "keepAlive.timeoutSeconds": got 90; expected a whole number from 1 to 60'],
    ['a nested HSTS error', { edge: { hsts: { preload: 1 } } }, '[test/Networking] invalid "edge.hsts.preload": got 1; expected true or false'],
    ['a nested typo', { edge: { wwwRedirects: false } }, '[test/Networking] invalid "edge.wwwRedirects": got false; expected no such property'],
    ['an environment inside edge', { edge: { environment: Environment.staging({ project: 'x' }) } }, '[test/Networking] invalid "edge.environment": got <Environment instance>; expected no such property'],
    ['a nested redirect loop', { edge: { redirects: [{ name: 'loop', sourceHostname: 'example.com', targetHostname: 'www.example.com' }] } }, '[test/Networking] invalid "edge.redirects[0]": got "www.example.com/* -> www-to-apex -> loop -> www.example.com/*"'],
    ['the zone inside edge', { edge: { zoneName: 'example.org' } }, '[test/Networking] invalid "edge.zoneName": got "example.org"; expected no such property here: test/Networking sets it'],
    ['edge as a string', { edge: 'strict' }, '[test/Networking] invalid "edge": got "strict"; expected an object of properties'],
    ['enableVpc as a string', { enableVpc: 'false' }, '[test/Networking] invalid "enableVpc": got "false"; expected true or false (a boolean, not a string)'],
    ['no zone', { zoneName: undefined }, '[test/Networking] invalid "zoneName": got undefined; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
  ])('reports %s on the module, with the prop as written', (_what, props, message) => {
    expect(() => synth(Environment.staging({ project: 'acme' }), props as Partial<NetworkingModuleProps>)).toThrow(message);
  });

  test('method arguments are reported on the module', () => {
    const { module } = synth(Environment.staging({ project: 'acme' }));
    expect(() => module.addFirewallRule({ name: 'Bad', description: 'x', expression: 'true' })).toThrow('[test/Networking] invalid "rule.name": got "Bad"; expected a rule name');
    expect(() => module.addService({ ...services(Environment.staging({ project: 'acme' }))[0] })).toThrow('[test/Networking] invalid "service.serviceName": got "api"; expected a service name not yet published in this zone (already published by "services[0]" of test/Networking)');
    expect(() => module.addRedirect({ name: 'x', sourceHostname: 'example.org' })).toThrow('[test/Networking] invalid "redirect.sourceHostname": got "example.org"; expected a hostname in the zone "example.com"');
  });

  test('a second module for the zone fails on its own zoneName', () => {
    const stack = environmentStack();
    new NetworkingModule(stack, 'Networking', { zoneName: ZONE, enableVpc: false, enableKeepAlive: false });
    expect(() => new NetworkingModule(stack, 'Again', { zoneName: ZONE, enableVpc: false, enableKeepAlive: false })).toThrow(
      '[test/Again] invalid "zoneName": got "example.com"; expected a zone no other CloudflareEdge owns (test/Networking/Edge already does)',
    );
  });
});
