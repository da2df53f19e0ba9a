import { errorMessage } from './support';
import { AcmeClusterIssuer, LETS_ENCRYPT_SERVERS, PlatformConventions } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('AcmeClusterIssuer', () => {
  test('creates a Let\'s Encrypt ClusterIssuer solving HTTP-01 through the platform ingress class', () => {
    const stack = environmentStack();
    const issuer = new AcmeClusterIssuer(stack, 'Issuer');
    const manifest = Template.of(stack).only('kubernetes_manifest').manifest;
    expect(issuer.issuerName).toBe('letsencrypt');
    expect(manifest).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt', labels: { 'app.kubernetes.io/managed-by': 'cdktf' } },
      spec: {
        acme: {
          server: LETS_ENCRYPT_SERVERS.production,
          email: '${var.acme_email}',
          privateKeySecretRef: { name: 'letsencrypt-account-key' },
          solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
        },
      },
    });
  });

  test('follows the platform conventions and a given server', () => {
    const stack = environmentStack();
    new AcmeClusterIssuer(stack, 'Issuer', {
      platform: new PlatformConventions({ clusterIssuerName: 'le-staging', ingressClassName: 'public' }),
      server: LETS_ENCRYPT_SERVERS.staging,
      email: 'ops@livestreamsell.ai',
    });
    const acme = Template.of(stack).only('kubernetes_manifest').manifest.spec.acme;
    expect(acme).toMatchObject({ server: LETS_ENCRYPT_SERVERS.staging, email: 'ops@livestreamsell.ai', solvers: [{ http01: { ingress: { ingressClassName: 'public' } } }] });
  });

  test('refuses a plain-http ACME server', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AcmeClusterIssuer(stack, 'Issuer', { server: 'http://acme.example.com/directory' }))).toBe(
      '[test/Issuer] invalid "server": got "http://acme.example.com/directory"; expected an https:// ACME directory URL',
    );
  });

  test('refuses an e-mail without a domain', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AcmeClusterIssuer(stack, 'Issuer', { email: 'ops' }))).toBe('[test/Issuer] invalid "email": got "ops"; expected an e-mail address');
  });
});
