import { Testing, TerraformStack } from 'cdktf';
import { checkIngressAnnotations } from '../../../lib/k8s/private/ingress-annotations';
import { errorMessage } from '../support';

const scope = new TerraformStack(Testing.app(), 's');
const check = (annotations: { [key: string]: string }, allowPlainHttp = false) => () =>
  checkIngressAnnotations(scope, 'annotations', annotations, { ingressClassName: 'nginx', allowPlainHttp, unsafeProp: 'unsafeAllowPlainHttp' });

describe('Ingress annotations', () => {
  test('accepts the usual tuning and the redirect left on', () => {
    expect(check({
      'nginx.ingress.kubernetes.io/proxy-body-size': '16m',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/auth-secret': 'basic-auth',
      'nginx.ingress.kubernetes.io/auth-tls-verify-client': 'on',
      'nginx.ingress.kubernetes.io/enable-global-auth': 'true',
      'nginx.ingress.kubernetes.io/ssl-passthrough': 'false',
      'cert-manager.io/cluster-issuer': 'letsencrypt-staging',
    })).not.toThrow();
  });

  test.each([
    ['nginx.ingress.kubernetes.io/ssl-redirect', 'false'],
    ['nginx.ingress.kubernetes.io/force-ssl-redirect', '0'],
    ['ingress.kubernetes.io/ssl-redirect', 'false'],
    ['nginx.org/redirect-to-https', 'False'],
    ['nginx.org/hsts', 'false'],
  ])('%s: %s needs the plain-HTTP opt-in', (key, value) => {
    expect(errorMessage(check({ [key]: value }))).toBe(
      `[s] invalid "annotations.${key}": got "${value}"; expected "true": the Ingress redirects HTTP to HTTPS and sends HSTS; set "unsafeAllowPlainHttp" (acknowledged in production) to serve plain HTTP`,
    );
    expect(check({ [key]: value }, true)).not.toThrow();
  });

  test.each([
    ['nginx.ingress.kubernetes.io/server-snippet', 'listen 80;', 'no "*-snippet" annotation'],
    ['nginx.ingress.kubernetes.io/stream-snippet', 'x', 'no "*-snippet" annotation'],
    ['nginx.ingress.kubernetes.io/ssl-passthrough', 'true', 'no TLS passthrough'],
    ['nginx.ingress.kubernetes.io/canary', 'true', 'no canary annotation'],
    ['kubernetes.io/ingress.class', 'nginx', 'no ingress class annotation'],
    ['nginx.ingress.kubernetes.io/server-alias', 'www.example.com', 'no server alias'],
    ['nginx.ingress.kubernetes.io/enable-global-auth', 'False', 'not "false"'],
    ['nginx.ingress.kubernetes.io/auth-tls-verify-client', 'off', '"on" or "optional"'],
  ])('refuses %s: %s even with the plain-HTTP opt-in', (key, value, expected) => {
    expect(errorMessage(check({ [key]: value }, true))).toContain(`[s] invalid "annotations.${key}": got "${value}"; expected ${expected}`);
  });

  test('refuses credentials in a value, never repeating them', () => {
    const message = errorMessage(check({ 'nginx.ingress.kubernetes.io/auth-url': 'https://svc:hunter2@auth.example.com/' }));
    expect(message).toBe('[s] invalid "annotations.nginx.ingress.kubernetes.io/auth-url": got "<literal string redacted>"; expected no credential: the value looks like a URL with a password, and literal secrets never go into the configuration (secrets are SecretValues)');
    expect(message).not.toContain('hunter2');
  });
});
