import { reviewNetworking } from './security-review';
import { Environment, IPublicService, NetworkingModule, NetworkingModuleProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

const ZONE = 'livestreamsell.ai';
const hosts = (env: Environment) => ({ api: `api-${env.name}.${ZONE}`, dashboard: `app-${env.name}.${ZONE}` });

function services(env: Environment): IPublicService[] {
  return [
    { serviceName: 'api', originHostname: 'lss-api.onrender.com', publicHostname: hosts(env).api, healthCheckPath: '/health' },
    { serviceName: 'dashboard', originHostname: 'lss-app.onrender.com', publicHostname: hosts(env).dashboard, healthCheckPath: '/api/health' },
  ];
}

function synth(env: Environment, props: Partial<NetworkingModuleProps> = {}) {
  const stack = environmentStack(env);
  const module = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, services: services(env), ...props });
  return { module, t: Template.of(stack) };
}

describe.each([
  ['staging', Environment.staging({ project: 'livestreamsell' })],
  ['production', Environment.production({ project: 'livestreamsell' })],
])('NetworkingModule (%s)', (name, env) => {
  const { module, t } = synth(env);

  test('passes the security review', () => {
    expect(reviewNetworking(t.json)).toEqual([]);
  });

  test('builds the VPC, the Cloudflare edge and the keep-alive together', () => {
    expect(module.vpc).toBeDefined();
    expect(t.count('aws_vpc')).toBe(1);
    const zones = env.isProduction ? 3 : 2;
    expect(t.count('aws_subnet')).toBe(2 * zones);
    expect(t.count('aws_nat_gateway')).toBe(env.isProduction ? zones : 1);
    expect(t.count('cloudflare_ruleset')).toBe(5);
    expect(t.count('cloudflare_zone_setting')).toBe(7);
    expect(t.only('cloudflare_workers_script').script_name).toBe(`livestreamsell-${name}-keepalive`);
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
  test('services and rules added later merge into the same rulesets and keep-alive', () => {
    const env = Environment.production({ project: 'livestreamsell' });
    const stack = environmentStack(env);
    const net = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, edge: { apiDocsHostnames: [hosts(env).api] } });
    net.addService(services(env)[0]);
    net.addFirewallRules({ name: 'block-debug', description: 'Debug endpoints stay off in production', expression: '(starts_with(http.request.uri.path, "/debug"))' });
    net.addRateLimitRules({ name: 'webhooks', description: 'Meta webhooks', expression: '(starts_with(http.request.uri.path, "/api/v1/webhooks/"))', requestsPerPeriod: 1200 });
    net.addRedirect({ name: 'old-login', sourceHostname: hosts(env).dashboard, sourcePath: '/signin', targetPath: '/login' });
    net.addCacheRules({ name: 'no-cache-api', description: 'API responses are never cached', expression: `(http.host eq "${hosts(env).api}")`, cache: false });
    net.addService(services(env)[1]);
    const t = Template.of(stack);
    const refs = (phase: string) => t.resourceList('cloudflare_ruleset').find((r) => r.phase === phase).rules.map((r: any) => r.ref);
    expect(t.count('cloudflare_ruleset')).toBe(5);
    expect(refs('http_request_firewall_custom')).toEqual(['block-probe-paths', 'block-api-docs', 'challenge-scrapers', 'block-debug']);
    expect(refs('http_ratelimit')).toEqual(['rate-limit-auth', 'rate-limit-per-ip', 'webhooks']);
    expect(refs('http_request_dynamic_redirect')).toEqual(['www-to-apex', 'old-login']);
    expect(refs('http_request_cache_settings')).toEqual(['cache-static-assets', 'bypass-health-checks', 'no-cache-api']);
    // The dashboard was added last and is still in the host-scoped rules and the keep-alive.
    const general = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_ratelimit').rules[1];
    expect(general.expression).toBe('(http.host in {"api-production.livestreamsell.ai" "app-production.livestreamsell.ai"})');
    expect(JSON.parse(t.only('cloudflare_workers_script').bindings[0].text)).toHaveLength(2);
    expect(reviewNetworking(t.json)).toEqual([]);
  });

  test('the VPC and the keep-alive can be left out', () => {
    const { module, t } = synth(Environment.staging({ project: 'livestreamsell' }), { enableVpc: false, enableKeepAlive: false });
    expect(module.vpc).toBeUndefined();
    expect(module.keepAlive).toBeUndefined();
    expect(t.count('aws_vpc')).toBe(0);
    expect(t.count('cloudflare_workers_script')).toBe(0);
    expect(t.count('cloudflare_ruleset')).toBe(5);
  });

  test('nested options reach the VPC, the edge and the keep-alive', () => {
    const { t } = synth(Environment.staging({ project: 'livestreamsell' }), {
      vpc: { cidr: '10.99.0.0/16' },
      edge: { minTlsVersion: '1.3' },
      keepAlive: { schedule: '*/3 * * * *' },
    });
    expect(t.only('aws_vpc').cidr_block).toBe('10.99.0.0/16');
    expect(t.resourceList('cloudflare_zone_setting').find((s) => s.setting_id === 'min_tls_version').value).toBe('1.3');
    expect(t.only('cloudflare_workers_cron_trigger').schedules).toEqual([{ cron: '*/3 * * * *' }]);
  });

  test('a service outside the zone fails with the module path', () => {
    expect(() => synth(Environment.staging({ project: 'livestreamsell' }), { services: [{ serviceName: 'api', originHostname: 'x.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' }] })).toThrow(
      '[test/Networking/Edge] invalid "services[api].publicHostname": got "api.example.com"; expected a hostname in the zone "livestreamsell.ai"',
    );
  });
});

describe('reviewNetworking (the reviewer itself)', () => {
  const { t } = synth(Environment.production({ project: 'livestreamsell' }));
  const mutate = (f: (json: any) => void) => {
    const json = JSON.parse(JSON.stringify(t.json));
    f(json);
    return reviewNetworking(json);
  };
  const first = (json: any, type: string) => Object.values(json.resource[type])[0] as any;
  const setting = (json: any, id: string) => (Object.values(json.resource.cloudflare_zone_setting) as any[]).find((s) => s.setting_id === id);

  test.each<[string, (json: any) => void, string]>([
    ['flow logs removed', (j) => delete j.resource.aws_flow_log, 'has no flow log'],
    ['a default security group rule', (j) => first(j, 'aws_default_security_group').ingress.push({ from_port: 0 }), 'default security group not restricted'],
    ['a rule without description', (j) => { j.resource.aws_vpc_security_group_egress_rule = { x: { cidr_ipv4: '10.0.0.0/8', ip_protocol: 'tcp', from_port: 443, to_port: 443 } }; }, 'has no description'],
    ['SSH from anywhere', (j) => { j.resource.aws_vpc_security_group_ingress_rule = { x: { description: 'd', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 22, to_port: 22 } }; }, 'opens SSH/RDP'],
    ['all ports egress', (j) => { j.resource.aws_vpc_security_group_egress_rule = { x: { description: 'd', cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1' } }; }, 'opens every port'],
    ['SSL flexible', (j) => { setting(j, 'ssl').value = 'flexible'; }, 'SSL mode is not strict'],
    ['TLS 1.0', (j) => { setting(j, 'min_tls_version').value = '1.0'; }, 'minimum TLS below 1.2'],
    ['HSTS off', (j) => { setting(j, 'security_header').value.strict_transport_security.enabled = false; }, 'HSTS off'],
    ['OWASP not executed', (j) => { (Object.values(j.resource.cloudflare_ruleset) as any[]).find((r) => r.phase === 'http_request_firewall_managed').rules.pop(); }, 'managed ruleset 4814384a9e5d4991b9815dcfc25d2f1f not executed'],
    ['no rate limit', (j) => { for (const [k, r] of Object.entries(j.resource.cloudflare_ruleset)) if ((r as any).phase === 'http_ratelimit') delete j.resource.cloudflare_ruleset[k]; }, 'no blocking rate limit'],
    ['an unproxied record', (j) => { first(j, 'cloudflare_dns_record').proxied = false; }, 'is not proxied'],
  ])('flags %s', (_what, f, finding) => {
    expect(mutate(f)).toEqual([expect.stringContaining(finding)]);
  });
});
