import { RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertDnsLabel, assertInteger, assertMatches, assertNotEmpty, assertOneOf, isToken } from '../core/private/validation';

/** Actions a custom firewall rule may take (no "skip": it would bypass the WAF). */
export const FIREWALL_ACTIONS = ['block', 'managed_challenge', 'js_challenge', 'challenge'];
/** Actions a rate limiting rule may take. */
export const RATE_LIMIT_ACTIONS = ['block', 'managed_challenge', 'js_challenge', 'challenge'];
/**
 * Counting periods Cloudflare accepts for rate limiting rules, seconds. Plans allow
 * subsets: Free 10 s, Pro up to 60 s, Business up to 600 s, Enterprise all.
 * @see https://developers.cloudflare.com/waf/rate-limiting-rules/#availability
 */
export const RATE_LIMIT_PERIODS = [10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535];
/** Mitigation timeouts Cloudflare accepts, seconds (Free 10 s, Pro up to 1 h, Business and up to 1 day). */
export const RATE_LIMIT_MITIGATION_TIMEOUTS = [...RATE_LIMIT_PERIODS, 86400];
/** Per-IP counting: the data-centre id is mandatory in every rate limiting rule. */
export const PER_IP_CHARACTERISTICS = ['cf.colo.id', 'ip.src'];

/** A custom firewall rule (phase `http_request_firewall_custom`). */
export interface EdgeFirewallRule {
  /** Stable rule name, a DNS label; it becomes the Cloudflare rule `ref`. */
  readonly name: string;
  /** What the rule stops and why. */
  readonly description: string;
  /** Filter in the Cloudflare Rules language, for example `(http.request.uri.path eq "/.env")`. */
  readonly expression: string;
  /**
   * "block", "managed_challenge", "js_challenge" or "challenge".
   * @default "block"
   */
  readonly action?: string;
}

/** A rate limiting rule (phase `http_ratelimit`), counted per client IP. */
export interface EdgeRateLimitRule {
  /** Stable rule name, a DNS label (the rule `ref`). */
  readonly name: string;
  /** What the limit protects. */
  readonly description: string;
  /** Which requests count, in the Cloudflare Rules language. */
  readonly expression: string;
  /** Requests one IP may make per period (at least 1). */
  readonly requestsPerPeriod: number;
  /**
   * Counting period, seconds: one of RATE_LIMIT_PERIODS (the Pro plan allows up to 60).
   * @default 60
   */
  readonly periodSeconds?: number;
  /**
   * How long a client stays blocked, seconds: one of RATE_LIMIT_MITIGATION_TIMEOUTS.
   * @default 60
   */
  readonly mitigationTimeoutSeconds?: number;
  /**
   * "block", "managed_challenge", "js_challenge" or "challenge".
   * @default "block"
   */
  readonly action?: string;
}

/** A cache rule (phase `http_request_cache_settings`). */
export interface EdgeCacheRule {
  /** Stable rule name, a DNS label (the rule `ref`). */
  readonly name: string;
  /** What the rule caches or bypasses. */
  readonly description: string;
  /** Which requests the rule applies to. */
  readonly expression: string;
  /** True makes matching responses eligible for the edge cache; false bypasses it. */
  readonly cache: boolean;
  /**
   * Edge TTL in seconds that overrides the origin's Cache-Control (only when `cache` is true).
   * @default - respect the origin's Cache-Control (private or no-store responses are never cached)
   */
  readonly edgeTtlSeconds?: number;
}

/** Quotes a value for the Rules language (tokens pass through inside the quotes). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `(http.host in {"a" "b"})`, or `true` for no hosts. */
export function hostsExpression(hosts: string[]): string {
  return hosts.length === 0 ? 'true' : `(http.host in {${hosts.map(quote).join(' ')}})`;
}

/** `(starts_with(path, "/a") or ...)` for path prefixes. */
export function pathPrefixExpression(prefixes: string[]): string {
  return `(${prefixes.map((p) => `starts_with(http.request.uri.path, ${quote(p)})`).join(' or ')})`;
}

/**
 * A cheap structural check of a Rules-language expression: not empty, at most
 * 4096 characters, closed string literals and balanced parentheses and braces.
 * Cloudflare parses the rest at apply time.
 */
export function assertExpression(scope: IConstruct, prop: string, expression: string): void {
  assertNotEmpty(scope, prop, expression);
  if (isToken(expression)) return;
  const allowed = 'a Cloudflare Rules expression of at most 4096 characters with closed quotes and balanced parentheses and braces';
  if (expression.length > 4096) throw new ValidationError(scope, prop, expression, allowed);
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(' || c === '{') stack.push(c === '(' ? ')' : '}');
    else if ((c === ')' || c === '}') && stack.pop() !== c) throw new ValidationError(scope, prop, expression, allowed);
  }
  if (inString || stack.length > 0) throw new ValidationError(scope, prop, expression, allowed);
}

function assertNamed(scope: IConstruct, prop: string, rule: { name: string; description: string; expression: string }): void {
  assertDnsLabel(scope, `${prop}.name`, rule.name);
  assertNotEmpty(scope, `${prop}[${rule.name}].description`, rule.description);
  assertMatches(scope, `${prop}[${rule.name}].description`, rule.description, /^.{1,500}$/s, 'at most 500 characters');
  assertExpression(scope, `${prop}[${rule.name}].expression`, rule.expression);
}

/** Validates and renders a custom firewall rule. */
export function renderFirewallRule(scope: IConstruct, rule: EdgeFirewallRule): RulesetRules {
  assertNamed(scope, 'firewallRules', rule);
  const action = rule.action ?? 'block';
  assertOneOf(scope, `firewallRules[${rule.name}].action`, action, FIREWALL_ACTIONS);
  return { ref: rule.name, description: rule.description, expression: rule.expression, action, enabled: true };
}

/** Validates and renders a per-IP rate limiting rule. */
export function renderRateLimitRule(scope: IConstruct, rule: EdgeRateLimitRule): RulesetRules {
  assertNamed(scope, 'rateLimits', rule);
  const at = `rateLimits[${rule.name}]`;
  assertInteger(scope, `${at}.requestsPerPeriod`, rule.requestsPerPeriod, 1, 1000000);
  const period = rule.periodSeconds ?? 60;
  assertIn(scope, `${at}.periodSeconds`, period, RATE_LIMIT_PERIODS);
  const timeout = rule.mitigationTimeoutSeconds ?? 60;
  assertIn(scope, `${at}.mitigationTimeoutSeconds`, timeout, RATE_LIMIT_MITIGATION_TIMEOUTS);
  const action = rule.action ?? 'block';
  assertOneOf(scope, `${at}.action`, action, RATE_LIMIT_ACTIONS);
  return {
    ref: rule.name,
    description: rule.description,
    expression: rule.expression,
    action,
    enabled: true,
    ratelimit: {
      characteristics: PER_IP_CHARACTERISTICS,
      period,
      requestsPerPeriod: rule.requestsPerPeriod,
      mitigationTimeout: timeout,
    },
  };
}

/** Validates and renders a cache rule; cached responses get cache-deception armor. */
export function renderCacheRule(scope: IConstruct, rule: EdgeCacheRule): RulesetRules {
  assertNamed(scope, 'cacheRules', rule);
  if (rule.edgeTtlSeconds !== undefined) {
    if (!rule.cache) throw new ValidationError(scope, `cacheRules[${rule.name}].edgeTtlSeconds`, rule.edgeTtlSeconds, 'no edge TTL on a rule that bypasses the cache');
    assertInteger(scope, `cacheRules[${rule.name}].edgeTtlSeconds`, rule.edgeTtlSeconds, 1, 31536000);
  }
  const actionParameters = rule.cache
    ? {
      cache: true,
      // Cache-deception armor: a cached "/account.php/x.css" is only served if it really is CSS.
      cacheKey: { cacheDeceptionArmor: true },
      edgeTtl: rule.edgeTtlSeconds === undefined ? { mode: 'respect_origin' } : { mode: 'override_origin', default: rule.edgeTtlSeconds },
      browserTtl: { mode: 'respect_origin' },
    }
    : { cache: false };
  return { ref: rule.name, description: rule.description, expression: rule.expression, action: 'set_cache_settings', actionParameters, enabled: true };
}

/** A number from a fixed list. */
export function assertIn(scope: IConstruct, prop: string, value: number, allowed: number[]): void {
  if (isToken(value)) return;
  if (!allowed.includes(value)) throw new ValidationError(scope, prop, value, `one of ${allowed.join(', ')}`);
}
