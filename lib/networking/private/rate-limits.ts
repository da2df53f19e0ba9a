import { authRateLimitExpression } from './edge-defaults';
import { hostsAndPaths, hostsExcept } from './edge-protection';
import { RATE_LIMIT_MITIGATION_TIMEOUTS } from './edge-rules';
import { checkTextList } from './text';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { isToken } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { EdgeRateLimitRule } from '../edge-rules';

/** The baseline per-IP limits of `CloudflareEdge`, as read from `rateLimit`. */
export interface RateLimitSettings {
  readonly general: number;
  readonly auth: number;
  readonly authPaths: string[];
  readonly webhook: number;
  readonly timeout: number;
}

/** Reads `rateLimit` (`limits`); `webhookPaths` are the edge's webhook paths. */
export function readRateLimits(limits: Input, env: Environment, webhookPaths: string[], defaultAuthPaths: string[]): RateLimitSettings {
  const general = limits.integer('requestsPerMinute', 1, 1000000) ?? (env.isProduction ? 600 : 300);
  const auth = limits.integer('authRequestsPerMinute', 1, 1000000) ?? (env.isProduction ? 20 : 10);
  const authPaths = checkTextList(limits.scope, limits.path('authPaths'), limits.raw('authPaths'), { pattern: /^\/\S*$/, allowed: 'a path prefix such as "/login"', unique: true }) ?? defaultAuthPaths;
  const webhook = limits.integer('webhookRequestsPerMinute', 1, 1000000);
  if (webhook !== undefined && webhookPaths.length === 0) {
    throw new ValidationError(limits.scope, limits.path('webhookRequestsPerMinute'), webhook, 'no webhook limit without "webhookPaths": it applies to them');
  }
  const timeout = limits.raw('mitigationTimeoutSeconds') ?? 60;
  if (typeof timeout !== 'number' || (!isToken(timeout) && !RATE_LIMIT_MITIGATION_TIMEOUTS.includes(timeout))) {
    throw new ValidationError(limits.scope, limits.path('mitigationTimeoutSeconds'), timeout, `one of ${RATE_LIMIT_MITIGATION_TIMEOUTS.join(', ')}`);
  }
  limits.done();
  return { general, auth, authPaths, webhook: webhook ?? (env.isProduction ? 3000 : 1000), timeout };
}

/**
 * The baseline rate limiting rules for the published `hosts`, in order:
 * authentication first (the first rule that trips blocks), the webhook paths with
 * a limit of their own, then every host but the webhook paths.
 */
export function baselineRateLimitRules(settings: RateLimitSettings, hosts: string[], webhookPaths: string[]): EdgeRateLimitRule[] {
  const rules: EdgeRateLimitRule[] = [];
  const timeout = settings.timeout;
  if (settings.authPaths.length > 0) {
    rules.push({
      name: 'rate-limit-auth',
      description: 'Per-IP limit on login, signup and token routes (credential stuffing)',
      expression: authRateLimitExpression(hosts, settings.authPaths),
      requestsPerPeriod: settings.auth,
      mitigationTimeoutSeconds: timeout,
    });
  }
  if (webhookPaths.length > 0) {
    rules.push({
      name: 'rate-limit-webhooks',
      description: 'Per-IP limit of its own on the webhook paths (senders burst from few addresses)',
      expression: hostsAndPaths(hosts, webhookPaths),
      requestsPerPeriod: settings.webhook,
      mitigationTimeoutSeconds: timeout,
    });
  }
  rules.push({
    name: 'rate-limit-per-ip',
    description: webhookPaths.length > 0
      ? 'Per-IP limit on every published host but the webhook paths (scraping, abuse, L7 floods)'
      : 'Per-IP limit on every published host (scraping, abuse, L7 floods)',
    expression: hostsExcept(hosts, webhookPaths),
    requestsPerPeriod: settings.general,
    mitigationTimeoutSeconds: timeout,
  });
  return rules;
}
