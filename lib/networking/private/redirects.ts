import { RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { RULE_NAME, quote } from './edge-rules';
import { readEnum } from './enums';
import { inZone } from './public-service';
import { Reporter, argumentInput } from './reporter';
import { checkText, requiredString } from './text';
import { ValidationError } from '../../core/errors';
import { checkString } from '../../core/private/input';
import { DNS_LABEL_PATTERN, HOSTNAME_PATTERN, isToken } from '../../core/private/validation';
import { RedirectStatusCode } from '../redirects';

/** A redirect as read and checked (plain values, defaults applied). */
export interface CheckedRedirect {
  readonly name: string;
  readonly sourceHostname: string;
  readonly sourcePath?: string;
  readonly targetHostname?: string;
  readonly targetPath?: string;
  readonly statusCode: number;
  readonly preserveQueryString: boolean;
  /** Where the redirect was given, for loop messages. */
  readonly at: Reporter;
}

/** RFC 3986 path characters: `{`, `}` and spaces are not among them, so no template sequence fits. */
const PATH_PATTERN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const PATH = 'an absolute URL path such as "/old-page" (RFC 3986 characters, no query string)';
const HOSTNAME = 'a lowercase hostname such as "api.example.com"';

/** Reads one redirect given at `at` (names, hostnames in `zoneName`, paths, status). */
export function readRedirect(at: Reporter, value: unknown, zoneName: string): CheckedRedirect {
  const input = argumentInput(at, value);
  const name = requiredString(input.scope, input.path('name'), input.raw('name'), { pattern: DNS_LABEL_PATTERN, allowed: RULE_NAME });
  const sourceHostname = requiredString(input.scope, input.path('sourceHostname'), input.raw('sourceHostname'), { pattern: HOSTNAME_PATTERN, allowed: HOSTNAME });
  if (!isToken(sourceHostname) && !isToken(zoneName) && !inZone(sourceHostname, zoneName)) {
    throw new ValidationError(input.scope, input.path('sourceHostname'), sourceHostname, `a hostname in the zone "${zoneName}": the zone's redirects only see its own hosts`);
  }
  const redirect: CheckedRedirect = {
    name,
    sourceHostname,
    targetHostname: checkString(input.scope, input.path('targetHostname'), input.raw('targetHostname'), { pattern: HOSTNAME_PATTERN, allowed: HOSTNAME }),
    sourcePath: checkText(input.scope, input.path('sourcePath'), input.raw('sourcePath'), { pattern: PATH_PATTERN, allowed: PATH }),
    targetPath: checkText(input.scope, input.path('targetPath'), input.raw('targetPath'), { pattern: PATH_PATTERN, allowed: PATH }),
    statusCode: (readEnum<RedirectStatusCode>(input, 'statusCode', 'RedirectStatusCode') ?? RedirectStatusCode.MOVED_PERMANENTLY).code,
    preserveQueryString: input.boolean('preserveQueryString') ?? true,
    at,
  };
  input.done();
  return redirect;
}

/**
 * Refuses redirect loops by simulating Cloudflare: requests are followed through
 * the redirects (first match wins, path redirects before host redirects) from every
 * rule's source; revisiting a host and path is a loop ("www" to "www", or a -> b -> a).
 * Rules with token hostnames or paths cannot be followed and are skipped. The
 * error is reported where the last redirect (the one that closed the loop) was given.
 */
export function assertNoRedirectLoop(redirects: CheckedRedirect[]): void {
  const last = redirects[redirects.length - 1];
  const known = redirects.filter((r) => ![r.sourceHostname, r.targetHostname, r.sourcePath, r.targetPath].some((v) => v !== undefined && isToken(v)));
  const ordered = [...known.filter((r) => r.sourcePath !== undefined), ...known.filter((r) => r.sourcePath === undefined)];
  const step = (host: string, path: string) => {
    const r = ordered.find((x) => x.sourceHostname === host && (x.sourcePath === undefined || x.sourcePath === path));
    return r && { rule: r, host: r.targetHostname ?? r.sourceHostname, path: r.targetPath ?? path };
  };
  const ANY = '/\u0000any';
  const shown = (h: string, p: string) => `${h}${p === ANY ? '/*' : p}`;
  for (const start of ordered) {
    // A host-wide redirect is probed with a path no path redirect names.
    let state = { host: start.sourceHostname, path: start.sourcePath ?? ANY };
    const seen = [`${state.host}${state.path}`];
    const chain = [] as string[];
    for (let hop = step(state.host, state.path); hop; hop = step(state.host, state.path)) {
      chain.push(hop.rule.name);
      state = { host: hop.host, path: hop.path };
      const key = `${state.host}${state.path}`;
      if (seen.includes(key)) {
        throw new ValidationError(last.at.scope, last.at.prop, `${shown(start.sourceHostname, start.sourcePath ?? ANY)} -> ${chain.join(' -> ')} -> ${shown(state.host, state.path)}`,
          'redirects that end somewhere else: this chain of rules sends clients back to a URL it already redirected (a redirect loop)');
      }
      seen.push(key);
    }
  }
}

/** Renders a checked redirect as a single-redirect rule. */
export function renderRedirect(redirect: CheckedRedirect): RulesetRules {
  const target = redirect.targetHostname ?? redirect.sourceHostname;
  const match = redirect.sourcePath === undefined
    ? `(http.host eq ${quote(redirect.sourceHostname)})`
    : `(http.host eq ${quote(redirect.sourceHostname)} and http.request.uri.path eq ${quote(redirect.sourcePath)})`;
  const targetUrl = redirect.targetPath === undefined
    ? { expression: `concat(${quote(`https://${target}`)}, http.request.uri.path)` }
    : { value: `https://${target}${redirect.targetPath}` };
  return {
    ref: redirect.name,
    description: `Redirect ${redirect.sourceHostname}${redirect.sourcePath ?? '/*'} to https://${target}${redirect.targetPath ?? '/*'}`,
    expression: match,
    action: 'redirect',
    actionParameters: {
      fromValue: {
        statusCode: redirect.statusCode,
        preserveQueryString: redirect.preserveQueryString,
        targetUrl,
      },
    },
    enabled: true,
  };
}
