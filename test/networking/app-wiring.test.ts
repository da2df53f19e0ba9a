import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { SecurityChecks } from '../../lib';
import { buildApp } from '../../stacks/main';
import { Template } from '../support/template';

describe('LiveStreamSell app: networking wiring', () => {
  const previous = process.env.LSS_CONFIG;
  process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
  const app = buildApp(Testing.app());
  if (previous === undefined) delete process.env.LSS_CONFIG;
  else process.env.LSS_CONFIG = previous;
  const stack = (id: string) => Template.of(app.node.findChild(id) as TerraformStack);

  test.each(['staging', 'production'])('%s: the networking resources have no SecurityChecks findings', (id) => {
    const checks = new SecurityChecks();
    checks.check(app.node.findChild(id) as TerraformStack);
    expect(checks.findings.filter((f) => f.path.includes('/Networking/'))).toEqual([]);
  });

  test.each(['staging', 'production'])('%s rate-limits the app\'s own authentication routes', (id) => {
    const limits = stack(id).resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_ratelimit');
    expect(limits.rules[0].expression).toContain('starts_with(http.request.uri.path, "/api/v1/auth/")');
  });

  test.each([
    ['staging', 'livestreamsell-staging.ai'],
    ['production', 'livestreamsell.ai'],
  ])('%s owns its own zone, publishes the Render api and dashboard by reference and pings both', (id, zone) => {
    const t = stack(id);
    const records = t.resourceList('cloudflare_dns_record');
    const renderHost = (service: string) => expect.stringMatching(new RegExp(`^\\$\\{trimprefix\\(render_web_service\\.Compute_${service}_[0-9A-F]+\\.url, "https://"\\)\\}$`));
    expect(records.map((r) => [r.name, r.content]).sort()).toEqual([
      [`api.${zone}`, renderHost('Api')],
      [`app.${zone}`, renderHost('Dashboard')],
      [`www.${zone}`, zone],
    ]);
    expect(Object.keys(t.json.variable)).toEqual(expect.arrayContaining(['cloudflare_zone_id', 'cloudflare_account_id']));
    expect(Object.keys(t.json.variable)).not.toContain('api_origin_hostname');
    const keepAlive = t.resourceList('cloudflare_workers_script').filter((w) => w.main_module === 'keepalive.mjs');
    expect(keepAlive).toHaveLength(1);
    expect(JSON.parse(keepAlive[0].bindings[0].text)).toEqual([`https://api.${zone}/health`, `https://app.${zone}/api/health`]);
  });

  test.each(['staging', 'production'])('%s locks the origins: the header is the generated secret, the API and the dashboard receive it', (id) => {
    const t = stack(id);
    const transform = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_request_late_transform');
    const value = transform.rules[0].action_parameters.headers['x-origin-verify'].value;
    expect(value).toMatch(/^\$\{random_password\.Networking_Edge_OriginSecret_[0-9A-F]+\.result\}$/);
    const services = t.resourceList('render_web_service');
    expect(services).toHaveLength(2);
    for (const service of services) expect(service.env_vars.ORIGIN_VERIFY_SECRET).toEqual({ value });
  });

  test.each(['staging', 'production'])('%s gives the Meta and TikTok webhooks their own limit and no user-agent challenge', (id) => {
    const t = stack(id);
    const limits = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_ratelimit').rules;
    expect(limits.map((r: any) => r.ref)).toEqual(['rate-limit-auth', 'rate-limit-webhooks', 'rate-limit-per-ip']);
    expect(limits[1].expression).toContain('starts_with(http.request.uri.path, "/api/v1/webhooks/meta") or starts_with(http.request.uri.path, "/api/v1/webhooks/tiktok")');
    expect(limits[1].ratelimit.requests_per_period).toBe(id === 'production' ? 3000 : 1000);
    const scrapers = t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-scrapers');
    expect(scrapers.expression).toContain('not (starts_with(http.request.uri.path, "/api/v1/webhooks/meta")');
    expect(t.resourceList('cloudflare_ruleset').find((r) => r.phase === 'http_config_settings').rules[0].action_parameters).toEqual({ bic: false });
  });

  test('no stack builds an idle VPC or NAT gateway', () => {
    for (const child of app.node.children.filter(TerraformStack.isStack)) {
      expect(Template.of(child).count('aws_vpc')).toBe(0);
      expect(Template.of(child).count('aws_nat_gateway')).toBe(0);
    }
  });

  test('the bootstrap and kubernetes stacks get no networking', () => {
    for (const id of ['bootstrap', 'kubernetes']) {
      expect(stack(id).count('cloudflare_ruleset')).toBe(0);
      expect(stack(id).count('aws_vpc')).toBe(0);
    }
  });
});
