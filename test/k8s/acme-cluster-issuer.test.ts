import { errorMessage } from './support';
import { AcmeClusterIssuer, AcmeServer, K8sPlatform } from '../../lib';
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
          server: 'https://acme-v02.api.letsencrypt.org/directory',
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
      platform: K8sPlatform.fromPlatformAttributes(stack, 'Platform', { clusterIssuerName: 'le-staging', ingressClassName: 'public' }),
      server: AcmeServer.LETS_ENCRYPT_STAGING,
      email: 'ops@example.com',
    });
    const acme = Template.of(stack).only('kubernetes_manifest').manifest.spec.acme;
    expect(acme).toMatchObject({ server: 'https://acme-staging-v02.api.letsencrypt.org/directory', email: 'ops@example.com', solvers: [{ http01: { ingress: { ingressClassName: 'public' } } }] });
  });

  test('refuses a plain-http ACME server', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AcmeClusterIssuer(stack, 'Issuer', { server: AcmeServer.of('http://acme.example.com/directory') }))).toBe(
      '[test/Issuer] invalid "server": got "http://acme.example.com/directory"; expected an https:// ACME directory URL',
    );
  });

  test('refuses an e-mail without a domain', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AcmeClusterIssuer(stack, 'Issuer', { email: 'ops' }))).toBe('[test/Issuer] invalid "email": got "ops"; expected an e-mail address');
  });
});
