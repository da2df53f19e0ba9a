import { RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { IConstruct } from 'constructs';
import { quote } from './edge-rules';
import { ValidationError } from '../core/errors';
import { assertDnsLabel, assertHostname, assertMatches, isToken } from '../core/private/validation';

/** Redirect status codes Cloudflare single redirects accept. */
export const REDIRECT_STATUS_CODES = [301, 302, 307, 308];

/** A redirect (phase `http_request_dynamic_redirect`). */
export interface EdgeRedirect {
  /** Stable rule name, a DNS label (the rule `ref`). */
  readonly name: string;
  /** Hostname the redirect applies to. */
  readonly sourceHostname: string;
  /**
   * Exact path to redirect ("/old-pricing").
   * @default - every path of `sourceHostname`, kept in the target URL
   */
  readonly sourcePath?: string;
  /**
   * Hostname to send clients to.
   * @default - `sourceHostname`
   */
  readonly targetHostname?: string;
  /**
   * Path to send clients to.
   * @default - the request path, unchanged
   */
  readonly targetPath?: string;
  /**
   * 301, 302, 307 or 308.
   * @default 301
   */
  readonly statusCode?: number;
  /**
   * Keep the query string.
   * @default true
   */
  readonly preserveQueryString?: boolean;
}

const PATH_PATTERN = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** Validates one redirect on its own (names, hostnames, paths, status, self-loop). */
export function validateRedirect(scope: IConstruct, redirect: EdgeRedirect): void {
  assertDnsLabel(scope, 'redirects.name', redirect.name);
  const at = `redirects[${redirect.name}]`;
  assertHostname(scope, `${at}.sourceHostname`, redirect.sourceHostname);
  assertHostname(scope, `${at}.targetHostname`, redirect.targetHostname);
  const pathRule = 'an absolute URL path such as "/old-page" (RFC 3986 characters, no query string)';
  assertMatches(scope, `${at}.sourcePath`, redirect.sourcePath, PATH_PATTERN, pathRule);
  assertMatches(scope, `${at}.targetPath`, redirect.targetPath, PATH_PATTERN, pathRule);
  const status = redirect.statusCode ?? 301;
  if (!REDIRECT_STATUS_CODES.includes(status)) {
    throw new ValidationError(scope, `${at}.statusCode`, status, `one of ${REDIRECT_STATUS_CODES.join(', ')}`);
  }
}

/**
 * Refuses redirect loops by simulating Cloudflare: requests are followed through
 * the redirects (first match wins, path redirects before host redirects) from every
 * rule's source; revisiting a host and path is a loop ("www" to "www", or a -> b -> a).
 * Rules with token hostnames or paths cannot be followed and are skipped.
 */
export function assertNoRedirectLoop(scope: IConstruct, redirects: EdgeRedirect[]): void {
  const known = redirects.filter((r) => ![r.sourceHostname, r.targetHostname, r.sourcePath, r.targetPath].some((v) => v !== undefined && isToken(v)));
  const ordered = [...known.filter((r) => r.sourcePath !== undefined), ...known.filter((r) => r.sourcePath === undefined)];
  const step = (host: string, path: string) => {
    const r = ordered.find((x) => x.sourceHostname === host && (x.sourcePath === undefined || x.sourcePath === path));
    return r && { rule: r, host: r.targetHostname ?? r.sourceHostname, path: r.targetPath ?? path };
  };
  for (const start of ordered) {
    // A host-wide redirect is probed with a path no path redirect names.
    let state = { host: start.sourceHostname, path: start.sourcePath ?? '/\u0000any' };
    const seen = [`${state.host}${state.path}`];
    const chain = [] as string[];
    for (let hop = step(state.host, state.path); hop; hop = step(state.host, state.path)) {
      chain.push(hop.rule.name);
      state = { host: hop.host, path: hop.path };
      const key = `${state.host}${state.path}`;
      if (seen.includes(key)) {
        const shown = (h: string, p: string) => `${h}${p === '/\u0000any' ? '/*' : p}`;
        throw new ValidationError(scope, `redirects[${start.name}]`, `${shown(start.sourceHostname, start.sourcePath ?? '/\u0000any')} -> ${chain.join(' -> ')} -> ${shown(state.host, state.path)}`,
          'redirects that end somewhere else: this chain of rules sends clients back to a URL it already redirected (a redirect loop)');
      }
      seen.push(key);
    }
  }
}

/** Renders a validated redirect as a single-redirect rule. */
export function renderRedirect(redirect: EdgeRedirect): RulesetRules {
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
        statusCode: redirect.statusCode ?? 301,
        preserveQueryString: redirect.preserveQueryString ?? true,
        targetUrl,
      },
    },
    enabled: true,
  };
}
