import { Testing, TerraformStack } from 'cdktf';
import { EdgeRedirect, RedirectStatusCode } from '../../../lib';
import { CheckedRedirect, assertNoRedirectLoop, readRedirect, renderRedirect } from '../../../lib/networking/private/redirects';

const scope = new TerraformStack(Testing.app(), 'redirects');
const at = { scope, prop: 'redirect' };
const read = (r: Partial<EdgeRedirect> & { name: string; sourceHostname: string }, zone = 'example.com'): CheckedRedirect => readRedirect({ scope, prop: `redirects[${r.name}]` }, r, zone);
const www = read({ name: 'www-to-apex', sourceHostname: 'www.example.com', targetHostname: 'example.com' });

describe('renderRedirect', () => {
  test('a host redirect keeps the path (concat) and the query string, 301', () => {
    expect(renderRedirect(www)).toEqual({
      ref: 'www-to-apex',
      description: 'Redirect www.example.com/* to https://example.com/*',
      expression: '(http.host eq "www.example.com")',
      action: 'redirect',
      actionParameters: { fromValue: { statusCode: 301, preserveQueryString: true, targetUrl: { expression: 'concat("https://example.com", http.request.uri.path)' } } },
      enabled: true,
    });
  });

  test('a path redirect matches host and exact path and targets a static URL', () => {
    const rule = renderRedirect(read({ name: 'pricing', sourceHostname: 'example.com', sourcePath: '/precios', targetPath: '/pricing', statusCode: RedirectStatusCode.PERMANENT_REDIRECT, preserveQueryString: false }));
    expect(rule.expression).toBe('(http.host eq "example.com" and http.request.uri.path eq "/precios")');
    expect(rule.actionParameters!.fromValue).toEqual({ statusCode: 308, preserveQueryString: false, targetUrl: { value: 'https://example.com/pricing' } });
  });
});

describe('readRedirect', () => {
  test.each<[object, string]>([
    [{ sourceHostname: 'WWW.example.com' }, '[redirects] invalid "redirect.sourceHostname": got "WWW.example.com"; expected a lowercase hostname such as "api.example.com"'],
    [{ sourceHostname: 'example.org' }, '[redirects] invalid "redirect.sourceHostname": got "example.org"; expected a hostname in the zone "example.com": the zone\'s redirects only see its own hosts'],
    [{ targetHostname: 'example' }, '[redirects] invalid "redirect.targetHostname": got "example"; expected a lowercase hostname'],
    [{ sourcePath: 'old' }, '[redirects] invalid "redirect.sourcePath": got "old"; expected an absolute URL path such as "/old-page" (RFC 3986 characters, no query string)'],
    [{ targetPath: '/new?x=1' }, '[redirects] invalid "redirect.targetPath": got "/new?x=1"; expected an absolute URL path'],
    [{ targetPath: '/${var.token}' }, '[redirects] invalid "redirect.targetPath": got "/${var.token}"; expected an absolute URL path'],
    [{ statusCode: 303 }, '[redirects] invalid "redirect.statusCode": got 303; expected a RedirectStatusCode: RedirectStatusCode.MOVED_PERMANENTLY, RedirectStatusCode.FOUND, RedirectStatusCode.TEMPORARY_REDIRECT or RedirectStatusCode.PERMANENT_REDIRECT'],
    [{ preserveQueryString: 'false' }, '[redirects] invalid "redirect.preserveQueryString": got "false"; expected true or false (a boolean, not a string)'],
    [{ name: 'R 1' }, '[redirects] invalid "redirect.name": got "R 1"; expected a rule name: a DNS label'],
    [{ target: '/x' }, '[redirects] invalid "redirect.target": got "/x"; expected no such property'],
  ])('rejects %j', (over, message) => {
    expect(() => readRedirect(at, { name: 'r', sourceHostname: 'example.com', ...over }, 'example.com')).toThrow(message);
  });
});

describe('assertNoRedirectLoop', () => {
  const LOOP = 'expected redirects that end somewhere else: this chain of rules sends clients back to a URL it already redirected (a redirect loop)';

  test('www to www is a loop', () => {
    expect(() => assertNoRedirectLoop([read({ name: 'www', sourceHostname: 'www.example.com', targetHostname: 'www.example.com' })])).toThrow(
      `[redirects] invalid "redirects[www]": got "www.example.com/* -> www -> www.example.com/*"; ${LOOP}`,
    );
  });

  test('a host redirect without a target host is a loop', () => {
    expect(() => assertNoRedirectLoop([read({ name: 'self', sourceHostname: 'example.com' })])).toThrow('got "example.com/* -> self -> example.com/*"');
  });

  test('apex -> www -> apex is a loop, reported on the redirect that closed it', () => {
    expect(() => assertNoRedirectLoop([www, read({ name: 'apex-to-www', sourceHostname: 'example.com', targetHostname: 'www.example.com' })])).toThrow(
      '[redirects] invalid "redirects[apex-to-www]": got "www.example.com/* -> www-to-apex -> apex-to-www -> www.example.com/*"',
    );
  });

  test('a path redirect back to its own path, and /a -> /b -> /a, are loops', () => {
    expect(() => assertNoRedirectLoop([read({ name: 'same', sourceHostname: 'example.com', sourcePath: '/a', targetPath: '/a' })])).toThrow('got "example.com/a -> same -> example.com/a"');
    expect(() => assertNoRedirectLoop([
      read({ name: 'a-b', sourceHostname: 'example.com', sourcePath: '/a', targetPath: '/b' }),
      read({ name: 'b-a', sourceHostname: 'example.com', sourcePath: '/b', targetPath: '/a' }),
    ])).toThrow('got "example.com/a -> a-b -> b-a -> example.com/a"');
  });

  test('a path redirect onto www, which the www rule sends back, is a loop', () => {
    expect(() => assertNoRedirectLoop([www, read({ name: 'legacy', sourceHostname: 'example.com', sourcePath: '/x', targetHostname: 'www.example.com' })])).toThrow(
      'got "example.com/x -> legacy -> www-to-apex -> example.com/x"',
    );
  });

  test('chains that end are fine', () => {
    expect(() => assertNoRedirectLoop([
      www,
      read({ name: 'old', sourceHostname: 'www.example.com', sourcePath: '/old', targetPath: '/new' }),
      read({ name: 'pricing', sourceHostname: 'example.com', sourcePath: '/precios', targetPath: '/pricing' }),
      read({ name: 'blog', sourceHostname: 'blog.example.com', targetHostname: 'example.com', targetPath: '/blog' }),
    ])).not.toThrow();
  });
});
