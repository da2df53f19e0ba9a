import { Testing, TerraformStack } from 'cdktf';
import { EdgeRedirect, assertNoRedirectLoop, renderRedirect, validateRedirect } from '../../lib';

const scope = new TerraformStack(Testing.app(), 'redirects');
const www: EdgeRedirect = { name: 'www-to-apex', sourceHostname: 'www.example.com', targetHostname: 'example.com' };

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
    const rule = renderRedirect({ name: 'pricing', sourceHostname: 'example.com', sourcePath: '/precios', targetPath: '/pricing', statusCode: 308, preserveQueryString: false });
    expect(rule.expression).toBe('(http.host eq "example.com" and http.request.uri.path eq "/precios")');
    expect(rule.actionParameters!.fromValue).toEqual({ statusCode: 308, preserveQueryString: false, targetUrl: { value: 'https://example.com/pricing' } });
  });
});

describe('validateRedirect', () => {
  test.each<[Partial<EdgeRedirect>, string]>([
    [{ sourceHostname: 'WWW.example.com' }, '[redirects] invalid "redirects[r].sourceHostname": got "WWW.example.com"; expected a lowercase hostname such as "api.example.com"'],
    [{ targetHostname: 'example' }, '[redirects] invalid "redirects[r].targetHostname": got "example"; expected a lowercase hostname'],
    [{ sourcePath: 'old' }, '[redirects] invalid "redirects[r].sourcePath": got "old"; expected an absolute URL path such as "/old-page"'],
    [{ targetPath: '/new?x=1' }, '[redirects] invalid "redirects[r].targetPath": got "/new?x=1"; expected an absolute URL path'],
    [{ statusCode: 303 }, '[redirects] invalid "redirects[r].statusCode": got 303; expected one of 301, 302, 307, 308'],
    [{ name: 'R 1' }, '[redirects] invalid "redirects.name": got "R 1"; expected a DNS label'],
  ])('rejects %j', (over, message) => {
    expect(() => validateRedirect(scope, { name: 'r', sourceHostname: 'example.com', ...over })).toThrow(message);
  });
});

describe('assertNoRedirectLoop', () => {
  const LOOP = 'expected redirects that end somewhere else: this chain of rules sends clients back to a URL it already redirected (a redirect loop)';

  test('www to www is a loop', () => {
    expect(() => assertNoRedirectLoop(scope, [{ name: 'www', sourceHostname: 'www.example.com', targetHostname: 'www.example.com' }])).toThrow(
      `[redirects] invalid "redirects[www]": got "www.example.com/* -> www -> www.example.com/*"; ${LOOP}`,
    );
  });

  test('a host redirect without a target host is a loop', () => {
    expect(() => assertNoRedirectLoop(scope, [{ name: 'self', sourceHostname: 'example.com' }])).toThrow('got "example.com/* -> self -> example.com/*"');
  });

  test('apex -> www -> apex is a loop', () => {
    expect(() => assertNoRedirectLoop(scope, [www, { name: 'apex-to-www', sourceHostname: 'example.com', targetHostname: 'www.example.com' }])).toThrow(
      'got "www.example.com/* -> www-to-apex -> apex-to-www -> www.example.com/*"',
    );
  });

  test('a path redirect back to its own path, and /a -> /b -> /a, are loops', () => {
    expect(() => assertNoRedirectLoop(scope, [{ name: 'same', sourceHostname: 'example.com', sourcePath: '/a', targetPath: '/a' }])).toThrow('got "example.com/a -> same -> example.com/a"');
    expect(() => assertNoRedirectLoop(scope, [
      { name: 'a-b', sourceHostname: 'example.com', sourcePath: '/a', targetPath: '/b' },
      { name: 'b-a', sourceHostname: 'example.com', sourcePath: '/b', targetPath: '/a' },
    ])).toThrow('got "example.com/a -> a-b -> b-a -> example.com/a"');
  });

  test('a path redirect onto www, which the www rule sends back, is a loop', () => {
    expect(() => assertNoRedirectLoop(scope, [www, { name: 'legacy', sourceHostname: 'example.com', sourcePath: '/x', targetHostname: 'www.example.com' }])).toThrow(
      'got "example.com/x -> legacy -> www-to-apex -> example.com/x"',
    );
  });

  test('chains that end are fine', () => {
    expect(() => assertNoRedirectLoop(scope, [
      www,
      { name: 'old', sourceHostname: 'www.example.com', sourcePath: '/old', targetPath: '/new' },
      { name: 'pricing', sourceHostname: 'example.com', sourcePath: '/precios', targetPath: '/pricing' },
      { name: 'blog', sourceHostname: 'blog.example.com', targetHostname: 'example.com', targetPath: '/blog' },
    ])).not.toThrow();
  });
});
