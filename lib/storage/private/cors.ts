import { S3BucketCorsConfigurationCorsRule } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input, checkString } from '../../core/private/input';
import { Environment } from '../../environment/environment';
import { CorsHttpMethod, CorsRule } from '../cors-rule';

const ORIGIN_PATTERN = /^https?:\/\/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(:\d{1,5})?$/;
/** HTTP header names (RFC 9110 tokens) or "*". */
const HEADER_PATTERN = /^(\*|[A-Za-z0-9!#%&'*+.^_`|~-]{1,256})$/;
const METHODS = 'CorsHttpMethod.GET, CorsHttpMethod.PUT, CorsHttpMethod.POST, CorsHttpMethod.DELETE or CorsHttpMethod.HEAD';

/** Checks one origin of a CORS rule against S3's rules and the environment ("*" and http only outside production). */
export function checkOrigin(input: Input, prop: string, value: unknown, env: Environment): string {
  const origin = checkString(input.scope, prop, value, { allowed: 'an origin URL such as "https://app.example.com" (scheme, host, optional port, no path)' })!;
  if (origin === '*') {
    if (env.isProduction) throw new ValidationError(input.scope, prop, origin, 'explicit https origins in production: "*" lets any site read the bucket from a browser');
  } else if (!ORIGIN_PATTERN.test(origin)) {
    throw new ValidationError(input.scope, prop, origin, 'an origin URL such as "https://app.example.com" (scheme, host, optional port, no path)');
  } else if (env.isProduction && origin.startsWith('http://')) {
    throw new ValidationError(input.scope, prop, origin, 'an https origin in production');
  }
  return origin;
}

/** Reads a list of origins (at least one, no repeats). */
export function readOrigins(input: Input, name: string, env: Environment): string[] | undefined {
  const list = input.stringList(name, { minItems: 1, unique: true, allowed: 'an origin URL such as "https://app.example.com"' });
  return list?.map((o, i) => checkOrigin(input, `${input.path(name)}[${i}]`, o, env));
}

/** Reads a CORS rule through the input layer. */
export function readCorsRule(input: Input, env: Environment): CorsRule {
  const allowedOrigins = readOrigins(input, 'allowedOrigins', env);
  if (allowedOrigins === undefined) throw new ValidationError(input.scope, input.path('allowedOrigins'), undefined, 'a list of at least 1 origin');
  const methods = input.raw('allowedMethods');
  if (!Array.isArray(methods) || methods.length === 0) throw new ValidationError(input.scope, input.path('allowedMethods'), methods, `a list of at least 1 method: ${METHODS}`);
  const allowedMethods = methods.map((m, i) => checkEnumLike<CorsHttpMethod>(input.scope, `${input.path('allowedMethods')}[${i}]`, m, 'CorsHttpMethod', METHODS)
    ?? (() => { throw new ValidationError(input.scope, `${input.path('allowedMethods')}[${i}]`, m, `a CorsHttpMethod: ${METHODS}`); })());
  allowedMethods.forEach((m, i) => {
    if (allowedMethods.findIndex((x) => x.value === m.value) !== i) throw new ValidationError(input.scope, `${input.path('allowedMethods')}[${i}]`, m.value, 'a method not already in the list');
  });
  const headers = { pattern: HEADER_PATTERN, unique: true, allowed: 'an HTTP header name such as "Content-Type", or "*"' };
  const allowedHeaders = input.stringList('allowedHeaders', headers);
  const exposeHeaders = input.stringList('exposeHeaders', headers);
  const maxAgeSeconds = input.integer('maxAgeSeconds', 0, 86400);
  input.done();
  return { allowedOrigins, allowedMethods, allowedHeaders, exposeHeaders, maxAgeSeconds };
}

/** True when two rules allow the same origins with the same methods (the second would never apply). */
export function sameCorsRule(a: CorsRule, b: CorsRule): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  return same(a.allowedOrigins, b.allowedOrigins) && same(a.allowedMethods.map((m) => m.value), b.allowedMethods.map((m) => m.value));
}

/** Renders a rule as the provider's `cors_rule` block. */
export function renderCorsRule(rule: CorsRule): S3BucketCorsConfigurationCorsRule {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods.map((m) => m.value),
    allowedHeaders: rule.allowedHeaders ?? ['*'],
    exposeHeaders: rule.exposeHeaders ?? ['ETag'],
    maxAgeSeconds: rule.maxAgeSeconds ?? 3600,
  };
}
