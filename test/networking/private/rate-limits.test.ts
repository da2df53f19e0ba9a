import { Environment } from '../../../lib';
import { Input } from '../../../lib/core/private/input';
import { hostsAndPaths, hostsExcept } from '../../../lib/networking/private/edge-protection';
import { baselineRateLimitRules, readRateLimits } from '../../../lib/networking/private/rate-limits';
import { environmentStack } from '../../support/template';

const read = (props: object, env: Environment, webhooks: string[] = []) => readRateLimits(Input.of(environmentStack(env), props, 'rateLimit'), env, webhooks, ['/login']);
const HOSTS = ['api.example.com'];

describe('baseline rate limits', () => {
  test('defaults follow the environment', () => {
    expect(read({}, Environment.production({ project: 'acme' }), ['/hooks/'])).toEqual({ general: 600, auth: 20, authPaths: ['/login'], webhook: 3000, timeout: 60 });
    expect(read({}, Environment.staging({ project: 'acme' }), ['/hooks/'])).toEqual({ general: 300, auth: 10, authPaths: ['/login'], webhook: 1000, timeout: 60 });
  });

  test('auth first, webhooks next, then every host but the webhook paths', () => {
    const settings = read({}, Environment.production({ project: 'acme' }), ['/hooks/']);
    expect(baselineRateLimitRules(settings, HOSTS, ['/hooks/']).map((r) => [r.name, r.requestsPerPeriod, r.expression])).toEqual([
      ['rate-limit-auth', 20, '((http.host in {"api.example.com"}) and (starts_with(http.request.uri.path, "/login")))'],
      ['rate-limit-webhooks', 3000, '((http.host in {"api.example.com"}) and (starts_with(http.request.uri.path, "/hooks/")))'],
      ['rate-limit-per-ip', 600, '((http.host in {"api.example.com"}) and not (starts_with(http.request.uri.path, "/hooks/")))'],
    ]);
  });

  test('no auth paths and no webhooks: the general rule alone, on the hosts', () => {
    const settings = read({ authPaths: [] }, Environment.staging({ project: 'acme' }));
    expect(baselineRateLimitRules(settings, HOSTS, []).map((r) => [r.name, r.expression])).toEqual([['rate-limit-per-ip', '(http.host in {"api.example.com"})']]);
  });

  test('host and path expressions', () => {
    expect(hostsExcept(HOSTS, [])).toBe('(http.host in {"api.example.com"})');
    expect(hostsAndPaths([], ['/a', '/b'])).toBe('(true and (starts_with(http.request.uri.path, "/a") or starts_with(http.request.uri.path, "/b")))');
  });
});
