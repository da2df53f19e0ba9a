import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { CacheBehavior, EdgeRateLimitRule, FirewallAction } from '../../../lib';
import { checkExpression, hostsExpression, pathPrefixExpression, quote, readCacheRule, readFirewallRule, readRateLimitRule } from '../../../lib/networking/private/edge-rules';

const scope = new TerraformStack(Testing.app(), 'edge');
const at = { scope, prop: 'rule' };
const limit = (over: Partial<EdgeRateLimitRule> = {}): EdgeRateLimitRule => ({ name: 'api', description: 'API', expression: 'true', requestsPerPeriod: 100, ...over });

describe('expression helpers', () => {
  test('quote escapes backslashes and double quotes', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  test('hosts and path prefixes', () => {
    expect(hostsExpression(['a.example.com', 'b.example.com'])).toBe('(http.host in {"a.example.com" "b.example.com"})');
    expect(hostsExpression([])).toBe('true');
    expect(pathPrefixExpression(['/login', '/api/auth/'])).toBe('(starts_with(http.request.uri.path, "/login") or starts_with(http.request.uri.path, "/api/auth/"))');
  });

  test.each([
    ['an unbalanced parenthesis', '(http.host eq "a"'],
    ['an unclosed string', 'http.host eq "a'],
    ['an unclosed brace', 'http.host in {"a" "b"'],
    ['crossed brackets', '(a})'],
    ['4097 characters', 'x'.repeat(4097)],
  ])('rejects an expression with %s', (_what, expression) => {
    expect(() => checkExpression(at, expression)).toThrow('[edge] invalid "rule": got "');
    expect(() => checkExpression(at, expression)).toThrow('expected a Cloudflare Rules expression of at most 4096 characters with closed quotes and balanced parentheses and braces');
  });

  test('rejects an empty expression, a non-string and a literal credential', () => {
    expect(() => checkExpression(at, ' ')).toThrow('[edge] invalid "rule": got " "; expected a Cloudflare Rules expression');
    expect(() => checkExpression(at, 42)).toThrow('[edge] invalid "rule": got 42; expected a Cloudflare Rules expression');
    expect(() => checkExpression(at, '(http.request.headers["x-api-key"][0] eq "sk_live_abcdefghij1234567890")')).toThrow(
      '[edge] invalid "rule": got "<literal string redacted>"; expected text without credentials: it looks like a Stripe secret key, and literal secrets never go into the configuration',
    );
  });

  test('accepts parentheses inside strings and escaped quotes, and tokens', () => {
    expect(checkExpression(at, '(http.request.uri.path eq "/a)(\\"b")')).toBe('(http.request.uri.path eq "/a)(\\"b")');
    const v = new TerraformVariable(scope, 'expr', { type: 'string' });
    expect(() => checkExpression(at, v.stringValue)).not.toThrow();
  });
});

describe('readFirewallRule', () => {
  test('renders ref, description, expression, action (block by default) and enabled', () => {
    expect(readFirewallRule(at, { name: 'no-xmlrpc', description: 'x', expression: '(http.request.uri.path eq "/xmlrpc.php")' })).toEqual({
      ref: 'no-xmlrpc', description: 'x', expression: '(http.request.uri.path eq "/xmlrpc.php")', action: 'block', enabled: true,
    });
    expect(readFirewallRule(at, { name: 'r', description: 'd', expression: 'true', action: FirewallAction.MANAGED_CHALLENGE }).action).toBe('managed_challenge');
  });

  test('actions are FirewallAction values: "skip" and "log" do not exist, and strings from JSON are reported', () => {
    expect(() => readFirewallRule(at, { name: 'r', description: 'd', expression: 'true', action: 'skip' })).toThrow(
      '[edge] invalid "rule.action": got "skip"; expected a FirewallAction: FirewallAction.BLOCK, FirewallAction.MANAGED_CHALLENGE, FirewallAction.JS_CHALLENGE or FirewallAction.CHALLENGE',
    );
    expect(() => readFirewallRule(at, { name: 'r', description: 'd', expression: 'true', action: { value: 'log' } })).toThrow('[edge] invalid "rule.action": got {"value":"log"}; expected a FirewallAction');
  });

  test('refuses names that are not DNS labels, empty descriptions and unknown props', () => {
    expect(() => readFirewallRule(at, { name: 'Bad_Name', description: 'd', expression: 'true' })).toThrow('[edge] invalid "rule.name": got "Bad_Name"; expected a rule name: a DNS label');
    expect(() => readFirewallRule(at, { name: 'r', description: ' ', expression: 'true' })).toThrow('[edge] invalid "rule.description": got " "; expected a description of 1-500 characters');
    expect(() => readFirewallRule(at, { name: 'r', description: 'd', expression: 'true', acton: 'block' })).toThrow(
      '[edge] invalid "rule.acton": got "block"; expected no such property: the properties here are "action", "description", "expression", "name"',
    );
    expect(() => readFirewallRule(at, 'block everything')).toThrow('[edge] invalid "rule": got "block everything"; expected an object of properties');
  });
});

describe('readRateLimitRule', () => {
  test('counts per IP (with the mandatory colo id), 60 s period and block by default', () => {
    expect(readRateLimitRule(at, limit())).toEqual({
      ref: 'api',
      description: 'API',
      expression: 'true',
      action: 'block',
      enabled: true,
      ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 60, requestsPerPeriod: 100, mitigationTimeout: 60 },
    });
  });

  test('period, timeout and action can be set', () => {
    expect(readRateLimitRule(at, limit({ periodSeconds: 10, mitigationTimeoutSeconds: 600, action: FirewallAction.MANAGED_CHALLENGE }))).toMatchObject({
      action: 'managed_challenge', ratelimit: { period: 10, mitigationTimeout: 600 },
    });
  });

  test.each<[object, string]>([
    [{ requestsPerPeriod: 0 }, '[edge] invalid "rule.requestsPerPeriod": got 0; expected a whole number from 1 to 1000000'],
    [{ requestsPerPeriod: 2.5 }, '[edge] invalid "rule.requestsPerPeriod": got 2.5; expected a whole number from 1 to 1000000'],
    [{ requestsPerPeriod: NaN }, '[edge] invalid "rule.requestsPerPeriod": got NaN; expected a whole number from 1 to 1000000'],
    [{ requestsPerPeriod: '100' }, '[edge] invalid "rule.requestsPerPeriod": got "100"; expected a whole number from 1 to 1000000'],
    [{ requestsPerPeriod: undefined }, '[edge] invalid "rule.requestsPerPeriod": got undefined; expected a whole number from 1 to 1000000'],
    [{ periodSeconds: 25 }, '[edge] invalid "rule.periodSeconds": got 25; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535'],
    [{ periodSeconds: 86400 }, '[edge] invalid "rule.periodSeconds": got 86400; expected one of 10, 15,'],
    [{ mitigationTimeoutSeconds: 5 }, '[edge] invalid "rule.mitigationTimeoutSeconds": got 5; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400'],
    [{ action: 'log' }, '[edge] invalid "rule.action": got "log"; expected a FirewallAction'],
    [{ expression: '(true' }, '[edge] invalid "rule.expression": got "(true"; expected a Cloudflare Rules expression'],
  ])('rejects %j', (over, message) => {
    expect(() => readRateLimitRule(at, limit(over as Partial<EdgeRateLimitRule>))).toThrow(message);
  });
});

describe('readCacheRule', () => {
  const rule = (behavior: unknown) => ({ name: 'c', description: 'd', expression: 'true', behavior });

  test('cached responses respect the origin and get cache-deception armor', () => {
    expect(readCacheRule(at, rule(CacheBehavior.RESPECT_ORIGIN))).toMatchObject({
      action: 'set_cache_settings',
      actionParameters: { cache: true, cacheKey: { cacheDeceptionArmor: true }, edgeTtl: { mode: 'respect_origin' }, browserTtl: { mode: 'respect_origin' } },
    });
  });

  test('an explicit edge TTL overrides the origin; bypass rules carry cache: false only', () => {
    expect(readCacheRule(at, rule(CacheBehavior.overrideOrigin(86400))).actionParameters!.edgeTtl).toEqual({ mode: 'override_origin', default: 86400 });
    expect(readCacheRule(at, rule(CacheBehavior.BYPASS)).actionParameters).toEqual({ cache: false });
  });

  test('the behaviour is required, an enum-like, and its TTL in range', () => {
    expect(() => readCacheRule(at, rule(undefined))).toThrow('[edge] invalid "rule.behavior": got undefined; expected a CacheBehavior: CacheBehavior.BYPASS, CacheBehavior.RESPECT_ORIGIN or CacheBehavior.overrideOrigin(seconds)');
    expect(() => readCacheRule(at, rule(true))).toThrow('[edge] invalid "rule.behavior": got true; expected a CacheBehavior');
    expect(() => readCacheRule(at, rule(CacheBehavior.overrideOrigin(0)))).toThrow('[edge] invalid "rule.behavior.edgeTtlSeconds": got 0; expected a whole number from 1 to 31536000');
    expect(() => readCacheRule(at, rule(CacheBehavior.overrideOrigin(Infinity)))).toThrow('[edge] invalid "rule.behavior.edgeTtlSeconds": got Infinity; expected a whole number from 1 to 31536000');
    expect(() => readCacheRule(at, rule(CacheBehavior.overrideOrigin(1.5)))).toThrow('[edge] invalid "rule.behavior.edgeTtlSeconds": got 1.5; expected a whole number from 1 to 31536000');
  });
});
