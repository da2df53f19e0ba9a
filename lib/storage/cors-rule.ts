import { S3BucketCorsConfigurationCorsRule } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertInteger, assertOneOf } from '../core/private/validation';
import { Environment } from '../environment/environment';

/** HTTP methods S3 CORS accepts. */
export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;

/** One CORS rule of a bucket. */
export interface CorsRule {
  /** Origins such as "https://app.livestreamsell.ai". "*" is refused in production. */
  readonly allowedOrigins: string[];
  /** Methods, from `CORS_METHODS`. */
  readonly allowedMethods: string[];
  /**
   * Request headers the browser may send.
   * @default ["*"]
   */
  readonly allowedHeaders?: string[];
  /**
   * Response headers the browser may read.
   * @default ["ETag"]
   */
  readonly exposeHeaders?: string[];
  /**
   * Seconds the browser caches the preflight response.
   * @default 3600
   */
  readonly maxAgeSeconds?: number;
}

const ORIGIN_PATTERN = /^https?:\/\/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(:\d{1,5})?$/;

/** Validates a rule against S3's rules and the environment (no "*" origin in production). */
export function validateCorsRule(scope: IConstruct, rule: CorsRule, env: Environment, index: number): void {
  const at = `corsRules[${index}]`;
  if (rule.allowedOrigins.length === 0) throw new ValidationError(scope, `${at}.allowedOrigins`, [], 'at least one origin');
  rule.allowedOrigins.forEach((origin, i) => {
    if (origin === '*') {
      if (env.isProduction) throw new ValidationError(scope, `${at}.allowedOrigins[${i}]`, origin, 'explicit https origins in production: "*" lets any site read the bucket from a browser');
    } else if (!ORIGIN_PATTERN.test(origin)) {
      throw new ValidationError(scope, `${at}.allowedOrigins[${i}]`, origin, 'an origin URL such as "https://app.example.com" (scheme, host, optional port, no path)');
    } else if (env.isProduction && origin.startsWith('http://')) {
      throw new ValidationError(scope, `${at}.allowedOrigins[${i}]`, origin, 'an https origin in production');
    }
  });
  rule.allowedMethods.forEach((m, i) => assertOneOf(scope, `${at}.allowedMethods[${i}]`, m, CORS_METHODS));
  assertInteger(scope, `${at}.maxAgeSeconds`, rule.maxAgeSeconds, 0, 86400);
}

/** Renders a rule as the provider's `cors_rule` block. */
export function renderCorsRule(rule: CorsRule): S3BucketCorsConfigurationCorsRule {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods,
    allowedHeaders: rule.allowedHeaders ?? ['*'],
    exposeHeaders: rule.exposeHeaders ?? ['ETag'],
    maxAgeSeconds: rule.maxAgeSeconds ?? 3600,
  };
}
