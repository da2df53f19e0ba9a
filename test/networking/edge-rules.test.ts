import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { EdgeRateLimitRule, assertExpression, hostsExpression, pathPrefixExpression, quote, renderCacheRule, renderFirewallRule, renderRateLimitRule } from '../../lib';

const scope = new TerraformStack(Testing.app(), 'edge');
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
    ['(http.host eq "a"', 'unbalanced parenthesis'],
    ['http.host eq "a', 'unclosed string'],
    ['http.host in {"a" "b"', 'unclosed brace'],
    ['(a})', 'crossed brackets'],
    ['', 'empty'],
    ['x'.repeat(4097), 'too long'],
  ])('rejects %j (%s)', (expression) => {
    expect(() => assertExpression(scope, 'expression', expression)).toThrow('[edge] invalid "expression"');
  });

  test('accepts parentheses inside strings and escaped quotes, and tokens', () => {
    expect(() => assertExpression(scope, 'expression', '(http.request.uri.path eq "/a)(\\"b")')).not.toThrow();
    const v = new TerraformVariable(scope, 'expr', { type: 'string' });
    expect(() => assertExpression(scope, 'expression', v.stringValue)).not.toThrow();
  });
});

describe('renderFirewallRule', () => {
  test('renders ref, description, expression, action (block by default) and enabled', () => {
    expect(renderFirewallRule(scope, { name: 'no-xmlrpc', description: 'x', expression: '(http.request.uri.path eq "/xmlrpc.php")' })).toEqual({
      ref: 'no-xmlrpc', description: 'x', expression: '(http.request.uri.path eq "/xmlrpc.php")', action: 'block', enabled: true,
    });
  });

  test('refuses "skip" and "log": they would let traffic around the WAF', () => {
    expect(() => renderFirewallRule(scope, { name: 'r', description: 'd', expression: 'true', action: 'skip' })).toThrow(
      '[edge] invalid "firewallRules[r].action": got "skip"; expected one of "block", "managed_challenge", "js_challenge", "challenge"',
    );
    expect(() => renderFirewallRule(scope, { name: 'r', description: 'd', expression: 'true', action: 'log' })).toThrow('got "log"');
  });

  test('refuses names that are not DNS labels and empty descriptions', () => {
    expect(() => renderFirewallRule(scope, { name: 'Bad_Name', description: 'd', expression: 'true' })).toThrow('[edge] invalid "firewallRules.name": got "Bad_Name"; expected a DNS label');
    expect(() => renderFirewallRule(scope, { name: 'r', description: ' ', expression: 'true' })).toThrow('[edge] invalid "firewallRules[r].description": got " "; expected a non-empty string');
  });
});

describe('renderRateLimitRule', () => {
  test('counts per IP (with the mandatory colo id), 60 s period and block by default', () => {
    expect(renderRateLimitRule(scope, limit())).toEqual({
      ref: 'api',
      description: 'API',
      expression: 'true',
      action: 'block',
      enabled: true,
      ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 60, requestsPerPeriod: 100, mitigationTimeout: 60 },
    });
  });

  test('period, timeout and action can be set', () => {
    expect(renderRateLimitRule(scope, limit({ periodSeconds: 10, mitigationTimeoutSeconds: 600, action: 'managed_challenge' }))).toMatchObject({
      action: 'managed_challenge', ratelimit: { period: 10, mitigationTimeout: 600 },
    });
  });

  test.each<[Partial<EdgeRateLimitRule>, string]>([
    [{ requestsPerPeriod: 0 }, '[edge] invalid "rateLimits[api].requestsPerPeriod": got 0; expected a whole number from 1 to 1000000'],
    [{ requestsPerPeriod: 2.5 }, '[edge] invalid "rateLimits[api].requestsPerPeriod": got 2.5; expected a whole number from 1 to 1000000'],
    [{ periodSeconds: 25 }, '[edge] invalid "rateLimits[api].periodSeconds": got 25; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535'],
    [{ periodSeconds: 86400 }, '[edge] invalid "rateLimits[api].periodSeconds": got 86400; expected one of 10, 15,'],
    [{ mitigationTimeoutSeconds: 5 }, '[edge] invalid "rateLimits[api].mitigationTimeoutSeconds": got 5; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400'],
    [{ action: 'log' }, '[edge] invalid "rateLimits[api].action": got "log"; expected one of "block", "managed_challenge", "js_challenge", "challenge"'],
    [{ expression: '(true' }, '[edge] invalid "rateLimits[api].expression": got "(true"; expected a Cloudflare Rules expression'],
  ])('rejects %j', (over, message) => {
    expect(() => renderRateLimitRule(scope, limit(over))).toThrow(message);
  });
});

describe('renderCacheRule', () => {
  test('cached responses respect the origin and get cache-deception armor', () => {
    expect(renderCacheRule(scope, { name: 'c', description: 'd', expression: 'true', cache: true })).toMatchObject({
      action: 'set_cache_settings',
      actionParameters: { cache: true, cacheKey: { cacheDeceptionArmor: true }, edgeTtl: { mode: 'respect_origin' }, browserTtl: { mode: 'respect_origin' } },
    });
  });

  test('an explicit edge TTL overrides the origin; bypass rules carry cache: false only', () => {
    expect(renderCacheRule(scope, { name: 'c', description: 'd', expression: 'true', cache: true, edgeTtlSeconds: 86400 }).actionParameters!.edgeTtl).toEqual({ mode: 'override_origin', default: 86400 });
    expect(renderCacheRule(scope, { name: 'b', description: 'd', expression: 'true', cache: false }).actionParameters).toEqual({ cache: false });
  });

  test('an edge TTL on a bypass rule is refused', () => {
    expect(() => renderCacheRule(scope, { name: 'b', description: 'd', expression: 'true', cache: false, edgeTtlSeconds: 60 })).toThrow(
      '[edge] invalid "cacheRules[b].edgeTtlSeconds": got 60; expected no edge TTL on a rule that bypasses the cache',
    );
  });
});
