import { Testing } from 'cdktf';
import { CacheBehavior, Environment, EnvironmentStack, NetworkingModule, SecurityGroupProtocol } from '../../lib';

/**
 * Free text in the networking props reaches the JSON as text: Terraform never
 * evaluates a `${...}` or `%{...}` a user typed into a description, a blocked
 * path, a user agent, a rule expression or a tag (it would copy a sensitive
 * variable into a plain attribute).
 */
describe('networking free text is escaped at synth', () => {
  const INJECT = '${var.cloudflare_api_token}';
  const DIRECTIVE = '%{ if true }x%{ endif }';
  const stack = new EnvironmentStack(Testing.app(), 'staging', {
    environment: Environment.staging({ project: 'acme', tags: { team: `net ${INJECT}` } }),
  });
  const net = new NetworkingModule(stack, 'Networking', {
    zoneName: 'example.com',
    services: [{ serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' }],
    enableVpc: true,
    edge: {
      webhookPaths: [`/hooks/${INJECT}`],
      blockedPaths: [`/${INJECT}`, '/.env'],
      scraperUserAgents: [`bot ${DIRECTIVE}`],
      rateLimit: { authPaths: [`/login/${INJECT}`] },
      firewallRules: [{ name: 'custom', description: `Custom ${INJECT}`, expression: `(http.request.uri.path eq "${INJECT}")` }],
      rateLimitRules: [{ name: 'search', description: `Search ${DIRECTIVE}`, expression: `(http.request.uri.query contains "${INJECT}")`, requestsPerPeriod: 60 }],
      cacheRules: [{ name: 'assets', description: `Assets ${INJECT}`, expression: 'true', behavior: CacheBehavior.BYPASS }],
    },
  });
  const sg = net.vpc!.addSecurityGroup('Api', { description: `API ${INJECT}`, groupName: `api-${INJECT}` });
  sg.addIngressRule({ name: 'web', description: `Web ${INJECT}`, protocol: SecurityGroupProtocol.TCP, fromPort: 443, cidrIpv4: '10.0.0.0/8' });
  const json = JSON.parse(Testing.synth(stack, true));
  // The resources: the stack's default AWS provider (default_tags) is the stack's, not this module's.
  const text = JSON.stringify(json.resource);
  const all = (type: string): any[] => Object.values(json.resource[type]);
  const rules = (phase: string) => all('cloudflare_ruleset').find((r) => r.phase === phase).rules;

  test('no user-typed template sequence survives unescaped in any resource of the module', () => {
    expect(text).not.toMatch(/(?<!\$)\$\{var\.cloudflare_api_token\}/);
    expect(text).not.toMatch(/(?<!%)%\{ if true \}/);
  });

  test('rule expressions, descriptions, paths and user agents carry the escapes', () => {
    const firewall = rules('http_request_firewall_custom');
    expect(firewall[0].expression).toContain('starts_with(lower(http.request.uri.path), "/$${var.cloudflare_api_token}")');
    expect(firewall[1].expression).toContain('lower(http.user_agent) contains "bot %%{ if true }x%%{ endif }"');
    expect(firewall[2]).toMatchObject({ description: 'Custom $${var.cloudflare_api_token}', expression: '(http.request.uri.path eq "$${var.cloudflare_api_token}")' });
    const limits = rules('http_ratelimit');
    expect(limits[0].expression).toContain('starts_with(http.request.uri.path, "/login/$${var.cloudflare_api_token}")');
    expect(limits[1].expression).toContain('starts_with(http.request.uri.path, "/hooks/$${var.cloudflare_api_token}")');
    expect(limits[2].expression).toContain('not (starts_with(http.request.uri.path, "/hooks/$${var.cloudflare_api_token}"))');
    expect(rules('http_config_settings')[0].expression).toContain('"/hooks/$${var.cloudflare_api_token}"');
    expect(limits[3]).toMatchObject({ description: 'Search %%{ if true }x%%{ endif }', expression: '(http.request.uri.query contains "$${var.cloudflare_api_token}")' });
    expect(rules('http_request_cache_settings')[2].description).toBe('Assets $${var.cloudflare_api_token}');
  });

  test('security group names, descriptions and environment tags carry the escapes', () => {
    const group = all('aws_security_group')[0];
    expect(group).toMatchObject({ name: 'api-$${var.cloudflare_api_token}', description: 'API $${var.cloudflare_api_token}' });
    expect(group.tags).toMatchObject({ team: 'net $${var.cloudflare_api_token}', Name: 'api-$${var.cloudflare_api_token}' });
    expect(all('aws_vpc_security_group_ingress_rule')[0].description).toBe('Web $${var.cloudflare_api_token}');
    expect(all('aws_vpc')[0].tags.team).toBe('net $${var.cloudflare_api_token}');
  });

  test('references the library means stay references', () => {
    expect(all('cloudflare_ruleset').every((r) => r.zone_id === '${var.cloudflare_zone_id}')).toBe(true);
    expect(rules('http_request_late_transform')[0].action_parameters.headers['x-origin-verify'].value).toMatch(/^\$\{random_password\.Networking_Edge_OriginSecret_[A-Z0-9]+\.result\}$/);
    expect(all('aws_security_group')[0].vpc_id).toMatch(/^\$\{aws_vpc\.Networking_Vpc_[A-Z0-9]+\.id\}$/);
  });
});
