import { RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { readEnum } from './enums';
import { Reporter, argumentInput } from './reporter';
import { requiredString, requiredText } from './text';
import { ValidationError } from '../../core/errors';
import { Input, checkInteger } from '../../core/private/input';
import { DNS_LABEL_PATTERN, isToken } from '../../core/private/validation';
import { CacheBehavior, FirewallAction } from '../edge-rules';

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
/** Longest Rules-language expression Cloudflare accepts. */
export const MAX_EXPRESSION_LENGTH = 4096;

export const RULE_NAME = 'a rule name: a DNS label (1-63 lowercase letters, digits or "-", starting and ending with a letter or digit)';
const EXPRESSION = `a Cloudflare Rules expression of at most ${MAX_EXPRESSION_LENGTH} characters with closed quotes and balanced parentheses and braces`;

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
 * A Rules-language expression: free text without literal credentials, and a cheap
 * structural check (not empty, at most 4096 characters, closed string literals,
 * balanced parentheses and braces). Cloudflare parses the rest at apply time.
 */
export function checkExpression(at: Reporter, value: unknown): string {
  const expression = requiredText(at.scope, at.prop, value, { nonEmpty: true, allowed: EXPRESSION });
  if (isToken(expression)) return expression;
  if (expression.length > MAX_EXPRESSION_LENGTH) throw new ValidationError(at.scope, at.prop, expression, EXPRESSION);
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
    else if ((c === ')' || c === '}') && stack.pop() !== c) throw new ValidationError(at.scope, at.prop, expression, EXPRESSION);
  }
  if (inString || stack.length > 0) throw new ValidationError(at.scope, at.prop, expression, EXPRESSION);
  return expression;
}

/** The name, description and expression every rule has. */
interface NamedRule {
  readonly name: string;
  readonly description: string;
  readonly expression: string;
}

function readNamed(input: Input): NamedRule {
  return {
    name: requiredString(input.scope, input.path('name'), input.raw('name'), { pattern: DNS_LABEL_PATTERN, allowed: RULE_NAME }),
    description: requiredText(input.scope, input.path('description'), input.raw('description'), { nonEmpty: true, maxLength: 500, allowed: 'a description of 1-500 characters' }),
    expression: checkExpression({ scope: input.scope, prop: input.path('expression') }, input.raw('expression')),
  };
}

/** A number from a fixed list (tokens pass). */
function checkListed(input: Input, name: string, allowed: number[]): number | undefined {
  const value = input.raw(name);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && isToken(value)) return value;
  if (typeof value !== 'number' || !allowed.includes(value)) throw new ValidationError(input.scope, input.path(name), value, `one of ${allowed.join(', ')}`);
  return value;
}

/** Reads and renders a custom firewall rule given at `at`. */
export function readFirewallRule(at: Reporter, rule: unknown): RulesetRules {
  const input = argumentInput(at, rule);
  const named = readNamed(input);
  const action = readEnum<FirewallAction>(input, 'action', 'FirewallAction') ?? FirewallAction.BLOCK;
  input.done();
  return { ref: named.name, description: named.description, expression: named.expression, action: action.value, enabled: true };
}

/** Reads and renders a per-IP rate limiting rule given at `at`. */
export function readRateLimitRule(at: Reporter, rule: unknown): RulesetRules {
  const input = argumentInput(at, rule);
  const named = readNamed(input);
  const requests = input.integer('requestsPerPeriod', 1, 1000000);
  if (requests === undefined) throw new ValidationError(input.scope, input.path('requestsPerPeriod'), undefined, 'a whole number from 1 to 1000000');
  const period = checkListed(input, 'periodSeconds', RATE_LIMIT_PERIODS) ?? 60;
  const timeout = checkListed(input, 'mitigationTimeoutSeconds', RATE_LIMIT_MITIGATION_TIMEOUTS) ?? 60;
  const action = readEnum<FirewallAction>(input, 'action', 'FirewallAction') ?? FirewallAction.BLOCK;
  input.done();
  return {
    ref: named.name,
    description: named.description,
    expression: named.expression,
    action: action.value,
    enabled: true,
    ratelimit: { characteristics: PER_IP_CHARACTERISTICS, period, requestsPerPeriod: requests, mitigationTimeout: timeout },
  };
}

/** Reads and renders a cache rule given at `at`; cached responses get cache-deception armor. */
export function readCacheRule(at: Reporter, rule: unknown): RulesetRules {
  const input = argumentInput(at, rule);
  const named = readNamed(input);
  const behavior = readEnum<CacheBehavior>(input, 'behavior', 'CacheBehavior');
  // Unknown props first: `cache: true` (a guess at the shape) says more than "behavior is missing".
  input.done();
  if (behavior === undefined) throw new ValidationError(input.scope, input.path('behavior'), undefined, 'a CacheBehavior: CacheBehavior.BYPASS, CacheBehavior.RESPECT_ORIGIN or CacheBehavior.overrideOrigin(seconds)');
  if (behavior.mode === 'bypass') {
    return { ref: named.name, description: named.description, expression: named.expression, action: 'set_cache_settings', actionParameters: { cache: false }, enabled: true };
  }
  let edgeTtl: { mode: string; default?: number } = { mode: 'respect_origin' };
  if (behavior.mode === 'override_origin') {
    const prop = `${input.path('behavior')}.edgeTtlSeconds`;
    const ttl = checkInteger(input.scope, prop, behavior.edgeTtlSeconds, 1, 31536000);
    if (ttl === undefined) throw new ValidationError(input.scope, prop, undefined, 'a whole number from 1 to 31536000');
    edgeTtl = { mode: 'override_origin', default: ttl };
  }
  return {
    ref: named.name,
    description: named.description,
    expression: named.expression,
    action: 'set_cache_settings',
    actionParameters: {
      cache: true,
      // Cache-deception armor: a cached "/account.php/x.css" is only served if it really is CSS.
      cacheKey: { cacheDeceptionArmor: true },
      edgeTtl,
      browserTtl: { mode: 'respect_origin' },
    },
    enabled: true,
  };
}
