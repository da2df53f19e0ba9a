import { Testing } from 'cdktf';
import {
  CloudflareEdge, CloudflareEdgeOptions, EdgePhase, Environment, FirewallAction, IPublicService, LeakedCredentialMatch, NetworkingModule, RenderWebService,
  SecretValue, TurnstileMode,
} from '../../lib';
import { findingsOf, libraryStack } from '../checks/support';
import { WEB } from '../render/fixtures';
import { Template, environmentStack } from '../support/template';

const ZONE = 'example.com';
const api: IPublicService = { serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' };
const shop: IPublicService = { serviceName: 'shop', originHostname: 'acme-shop.onrender.com', publicHostname: 'shop.example.com', healthCheckPath: '/api/health' };
const PRODUCTION = Environment.production({ project: 'acme' });
const STAGING = Environment.staging({ project: 'acme' });

/** An edge with the two services, its template, and the SecurityChecks findings. */
function edgeWith(options: CloudflareEdgeOptions, env: Environment = PRODUCTION) {
  const { stack, checks } = libraryStack(env);
  const edge = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE, ...options });
  edge.addService(api);
  edge.addService(shop);
  return { stack, edge, t: Template.of(stack), findings: findingsOf(stack, checks) };
}
const ruleset = (t: Template, phase: string) => t.resourceList('cloudflare_ruleset').find((r) => r.phase === phase);
const refs = (t: Template, phase: string) => ruleset(t, phase).rules.map((r: any) => r.ref);
const HOSTS = '(http.host in {"api.example.com" "shop.example.com"})';

describe('origin lock', () => {
  const { edge, t, findings } = edgeWith({});

  test('a generated random_password is set as a request header on the published hosts only (http_request_late_transform)', () => {
    const transform = ruleset(t, 'http_request_late_transform');
    expect(transform).toMatchObject({ kind: 'zone', name: 'acme-production-transform', zone_id: '${var.cloudflare_zone_id}' });
    const password = Object.keys(t.resources('random_password'));
    expect(password).toHaveLength(1);
    expect(t.resources('random_password')[password[0]]).toMatchObject({ length: 64, special: false });
    expect(transform.rules).toEqual([{
      ref: 'origin-lock',
      description: 'Origin lock: the x-origin-verify header proves to the services that the request crossed the edge',
      expression: HOSTS,
      action: 'rewrite',
      action_parameters: { headers: { 'x-origin-verify': { operation: 'set', value: `\${random_password.${password[0]}.result}` } } },
      enabled: true,
    }]);
    expect(t.json.provider.random).toEqual([{}]);
  });

  test('the edge exposes the header, the variable and the secret as a SecretValue (a token, never a literal)', () => {
    expect(edge.originLock?.headerName).toBe('x-origin-verify');
    expect(edge.originLock?.variableName).toBe('ORIGIN_VERIFY_SECRET');
    expect(SecretValue.isSecretValue(edge.originLock?.secret)).toBe(true);
    expect(edge.ruleset(EdgePhase.LATE_TRANSFORM)).toBeDefined();
  });

  test('no literal secret anywhere in the JSON: the only header value is the password reference', () => {
    const json = JSON.stringify(t.json);
    expect(json).not.toMatch(/"value":"[A-Za-z0-9]{64}"/);
    expect(json.match(/random_password\.[A-Za-z0-9_]+\.result/g)).toHaveLength(1);
  });

  test('plain-object services cannot receive the secret: a warning names each', () => {
    const { stack } = libraryStack(PRODUCTION);
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE });
    e.addService(api);
    expect(e.node.metadata.map((m) => m.data)).toEqual([expect.stringContaining('[lib:networking:origin-lock] service "api" has no addOriginSecret hook')]);
  });

  test('no SecurityChecks findings', () => {
    expect(findings).toEqual([]);
  });

  test('a Render web service receives the expected value as a secret environment variable, the same reference as the header', () => {
    const stack = environmentStack(PRODUCTION);
    const net = new NetworkingModule(stack, 'Networking', { zoneName: ZONE, enableKeepAlive: false });
    net.addService(new RenderWebService(stack, 'Api', { ...WEB, customDomain: 'api.example.com' }));
    const tpl = Template.of(stack);
    const header = ruleset(tpl, 'http_request_late_transform').rules[0].action_parameters.headers['x-origin-verify'].value;
    expect(header).toMatch(/^\$\{random_password\.Networking_Edge_OriginSecret_[0-9A-F]+\.result\}$/);
    expect(tpl.only('render_web_service').env_vars.ORIGIN_VERIFY_SECRET).toEqual({ value: header });
  });

  test('header and variable names can be chosen; the lock can be turned off (then LSS-CF-007 warns)', () => {
    const custom = edgeWith({ originLock: { headerName: 'x-edge-auth', variableName: 'EDGE_AUTH' } });
    expect(Object.keys(ruleset(custom.t, 'http_request_late_transform').rules[0].action_parameters.headers)).toEqual(['x-edge-auth']);
    expect(custom.edge.originLock?.variableName).toBe('EDGE_AUTH');
    const off = edgeWith({ originLock: { enabled: false } });
    expect(off.edge.originLock).toBeUndefined();
    expect(ruleset(off.t, 'http_request_late_transform')).toBeUndefined();
    expect(off.t.count('random_password')).toBe(0);
    expect([...new Set(off.findings.map((f) => `${f.ruleId} ${f.level}`))]).toEqual(['LSS-CF-007 warning']);
  });

  test('before any service is published the rule matches no request', () => {
    const stack = environmentStack(STAGING);
    new CloudflareEdge(stack, 'Edge', { zoneName: ZONE });
    expect(ruleset(Template.of(stack), 'http_request_late_transform').rules[0].expression).toBe('(http.host eq "" and false)');
  });
});

describe('webhook paths', () => {
  const { t, findings } = edgeWith({ webhookPaths: ['/webhooks/meta', '/webhooks/tiktok'] });
  const WEBHOOKS = '(starts_with(http.request.uri.path, "/webhooks/meta") or starts_with(http.request.uri.path, "/webhooks/tiktok"))';

  test('get a per-IP limit of their own (3000/min in production), between the auth limit and the general one, which leaves them out', () => {
    expect(refs(t, 'http_ratelimit')).toEqual(['rate-limit-auth', 'rate-limit-webhooks', 'rate-limit-per-ip']);
    const [, webhooks, general] = ruleset(t, 'http_ratelimit').rules;
    expect(webhooks).toMatchObject({ expression: `(${HOSTS} and ${WEBHOOKS})`, action: 'block', ratelimit: { requests_per_period: 3000, period: 60, characteristics: ['cf.colo.id', 'ip.src'] } });
    expect(general).toMatchObject({ expression: `(${HOSTS} and not ${WEBHOOKS})`, ratelimit: { requests_per_period: 600 } });
  });

  test('are exempt from the user-agent challenge', () => {
    const scrapers = ruleset(t, 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-scrapers');
    expect(scrapers.expression).toMatch(/^\(not cf\.client\.bot and not http\.request\.uri\.path in \{"\/health" "\/api\/health"\} and not \(starts_with\(http\.request\.uri\.path, "\/webhooks\/meta"\) or /);
  });

  test('skip Browser Integrity Check through a configuration rule', () => {
    expect(ruleset(t, 'http_config_settings')).toMatchObject({
      name: 'acme-production-config',
      rules: [{ ref: 'webhooks-no-browser-check', expression: `(${HOSTS} and ${WEBHOOKS})`, action: 'set_config', action_parameters: { bic: false }, enabled: true }],
    });
  });

  test('the limit follows the environment (1000/min elsewhere) or rateLimit.webhookRequestsPerMinute', () => {
    expect(ruleset(edgeWith({ webhookPaths: ['/hooks/'] }, STAGING).t, 'http_ratelimit').rules[1].ratelimit.requests_per_period).toBe(1000);
    expect(ruleset(edgeWith({ webhookPaths: ['/hooks/'], rateLimit: { webhookRequestsPerMinute: 12000 } }).t, 'http_ratelimit').rules[1].ratelimit.requests_per_period).toBe(12000);
  });

  test('without webhook paths nothing changes: two rate limits, no configuration ruleset', () => {
    const plain = edgeWith({});
    expect(refs(plain.t, 'http_ratelimit')).toEqual(['rate-limit-auth', 'rate-limit-per-ip']);
    expect(ruleset(plain.t, 'http_config_settings')).toBeUndefined();
  });

  test('no SecurityChecks findings', () => {
    expect(findings).toEqual([]);
  });
});

describe('Bot Management (Enterprise add-on)', () => {
  const { edge, t, findings } = edgeWith({ webhookPaths: ['/webhooks/'], botManagement: {} });

  test('turns on the detections and challenges low scores; verified bots, static resources, health and webhook paths pass', () => {
    expect(t.only('cloudflare_bot_management')).toMatchObject({ zone_id: '${var.cloudflare_zone_id}', enable_js: true, auto_update_model: true });
    expect(edge.botManagement).toBeDefined();
    const rule = ruleset(t, 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-likely-bots');
    expect(rule).toMatchObject({
      action: 'managed_challenge',
      expression: `(${HOSTS} and cf.bot_management.score lt 30 and not cf.bot_management.verified_bot and not cf.bot_management.static_resource`
        + ' and not (starts_with(http.request.uri.path, "/health") or starts_with(http.request.uri.path, "/api/health") or starts_with(http.request.uri.path, "/webhooks/")))',
    });
    expect(refs(t, 'http_request_firewall_custom')).toEqual(['block-probe-paths', 'challenge-scrapers', 'challenge-likely-bots']);
  });

  test('threshold, action and JavaScript detections are settable', () => {
    const custom = edgeWith({ botManagement: { scoreThreshold: 10, action: FirewallAction.BLOCK, javaScriptDetections: false } });
    expect(custom.t.only('cloudflare_bot_management').enable_js).toBe(false);
    expect(ruleset(custom.t, 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-likely-bots')).toMatchObject({ action: 'block', expression: expect.stringContaining('score lt 10') });
  });

  test('off by default', () => {
    expect(edgeWith({}).t.count('cloudflare_bot_management')).toBe(0);
  });

  test('no SecurityChecks findings', () => {
    expect(findings).toEqual([]);
  });
});

describe('login protection', () => {
  const { edge, t, findings } = edgeWith({ rateLimit: { authPaths: ['/login', '/api/auth/'] }, loginProtection: { leakedCredentials: {}, turnstile: {} } });

  test('leaked credentials: the zone detection is on, and logins with a leaked password on the auth paths are challenged', () => {
    expect(t.only('cloudflare_leaked_credential_check')).toEqual(expect.objectContaining({ zone_id: '${var.cloudflare_zone_id}', enabled: true }));
    expect(edge.leakedCredentialCheck).toBeDefined();
    const rule = ruleset(t, 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-leaked-credentials');
    expect(rule).toMatchObject({
      action: 'managed_challenge',
      expression: `((${HOSTS} and (starts_with(http.request.uri.path, "/login") or starts_with(http.request.uri.path, "/api/auth/"))) and cf.waf.credential_check.password_leaked)`,
    });
  });

  test('leaked credentials: the username and password pair (Pro and higher) and another action', () => {
    const pair = edgeWith({ loginProtection: { leakedCredentials: { match: LeakedCredentialMatch.USERNAME_AND_PASSWORD, action: FirewallAction.BLOCK } } });
    const rule = ruleset(pair.t, 'http_request_firewall_custom').rules.find((r: any) => r.ref === 'challenge-leaked-credentials');
    expect(rule).toMatchObject({ action: 'block', expression: expect.stringMatching(/and cf\.waf\.credential_check\.username_and_password_leaked\)$/) });
  });

  test('Turnstile: one widget for the zone (covering its hosts), its keys handed over as references', () => {
    expect(t.only('cloudflare_turnstile_widget')).toEqual({
      account_id: '${var.cloudflare_account_id}',
      name: 'acme-production-login',
      domains: ['example.com'],
      mode: 'managed',
      region: 'world',
    });
    expect(edge.turnstile?.siteKey).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(SecretValue.isSecretValue(edge.turnstile?.secretKey)).toBe(true);
    const stack = environmentStack(PRODUCTION);
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE, loginProtection: { turnstile: { hostnames: ['app.example.com'], mode: TurnstileMode.INVISIBLE, accountId: '0123456789abcdef0123456789abcdef' } } });
    e.addService(api);
    new RenderWebService(stack, 'Api', { ...WEB, secrets: { TURNSTILE_SECRET_KEY: e.turnstile!.secretKey }, variables: { TURNSTILE_SITE_KEY: e.turnstile!.siteKey } });
    const tpl = Template.of(stack);
    expect(tpl.only('cloudflare_turnstile_widget')).toMatchObject({ account_id: '0123456789abcdef0123456789abcdef', domains: ['app.example.com'], mode: 'invisible' });
    expect(tpl.only('render_web_service').env_vars).toMatchObject({
      TURNSTILE_SECRET_KEY: { value: expect.stringMatching(/^\$\{cloudflare_turnstile_widget\.Edge_Turnstile_[0-9A-F]+\.secret\}$/) },
      TURNSTILE_SITE_KEY: { value: expect.stringMatching(/^\$\{cloudflare_turnstile_widget\.Edge_Turnstile_[0-9A-F]+\.sitekey\}$/) },
    });
  });

  test('off by default', () => {
    const plain = edgeWith({});
    expect(plain.t.count('cloudflare_leaked_credential_check')).toBe(0);
    expect(plain.t.count('cloudflare_turnstile_widget')).toBe(0);
    expect(plain.edge.turnstile).toBeUndefined();
  });

  test('no SecurityChecks findings', () => {
    expect(findings).toEqual([]);
  });
});

describe('waiting room (Business plan and higher)', () => {
  const { edge, t, findings } = edgeWith({ waitingRoom: { hostnames: ['shop.example.com'], totalActiveUsers: 2000, newUsersPerMinute: 500 } });

  test('one room per storefront hostname, FIFO, with Cloudflare\'s session and status defaults', () => {
    expect(t.only('cloudflare_waiting_room')).toEqual({
      zone_id: '${var.cloudflare_zone_id}',
      name: 'acme-production-waiting-room-shop_example_com',
      description: 'Live-event queue for shop.example.com/ (managed by cdktf, production)',
      host: 'shop.example.com',
      path: '/',
      total_active_users: 2000,
      new_users_per_minute: 500,
      session_duration: 5,
      queueing_status_code: 200,
      suspended: false,
    });
    expect(Object.keys(edge.waitingRooms)).toEqual(['shop.example.com']);
  });

  test('path, session, status and suspension are settable', () => {
    const custom = edgeWith({ waitingRoom: { hostnames: ['shop.example.com', 'api.example.com'], path: '/live', totalActiveUsers: 300, newUsersPerMinute: 300, sessionDurationMinutes: 10, queueingStatusCode: 429, suspended: true } });
    expect(custom.t.count('cloudflare_waiting_room')).toBe(2);
    expect(custom.t.resourceList('cloudflare_waiting_room')[0]).toMatchObject({ path: '/live', session_duration: 10, queueing_status_code: 429, suspended: true });
  });

  test('a hostname no service publishes fails at synth', () => {
    const stack = environmentStack(PRODUCTION);
    const e = new CloudflareEdge(stack, 'Edge', { zoneName: ZONE, waitingRoom: { hostnames: ['store.example.com'], totalActiveUsers: 200, newUsersPerMinute: 200 } });
    e.addService(api);
    expect(() => Testing.synth(stack, true)).toThrow('[test/Edge] invalid "waitingRoom.hostnames[0]": got "store.example.com"; expected the public hostname of a published service ("api.example.com"): a room in front of no origin queues nothing');
  });

  test('no SecurityChecks findings', () => {
    expect(findings).toEqual([]);
  });
});

describe('everything at once through the module', () => {
  test('staging and production synthesize every protection with no SecurityChecks findings', () => {
    for (const env of [STAGING, PRODUCTION]) {
      const { stack, checks } = libraryStack(env);
      new NetworkingModule(stack, 'Networking', {
        zoneName: ZONE,
        services: [api, shop],
        edge: {
          webhookPaths: ['/webhooks/'],
          botManagement: {},
          loginProtection: { leakedCredentials: {}, turnstile: {} },
          waitingRoom: { hostnames: ['shop.example.com'], totalActiveUsers: 1000, newUsersPerMinute: 400 },
        },
      });
      const t = Template.of(stack);
      expect(t.count('cloudflare_ruleset')).toBe(7);
      expect(findingsOf(stack, checks)).toEqual([]);
    }
  });
});
