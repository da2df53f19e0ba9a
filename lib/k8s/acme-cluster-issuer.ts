import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { IK8sPlatform, PlatformConventions } from './platform-conventions';
import { ensureKubernetesProvider } from './private/providers';
import { markLibraryConstruct } from '../core/private/escape';
import { assertMatches } from '../core/private/validation';
import { stringInput } from '../core/private/variables';

/** Let's Encrypt ACME directories. */
export const LETS_ENCRYPT_SERVERS = {
  production: 'https://acme-v02.api.letsencrypt.org/directory',
  staging: 'https://acme-staging-v02.api.letsencrypt.org/directory',
};

/** Props of `AcmeClusterIssuer`. */
export interface AcmeClusterIssuerProps {
  /**
   * Platform whose issuer name and IngressClass apply.
   * @default - `new PlatformConventions()`
   */
  readonly platform?: IK8sPlatform;
  /**
   * ACME account e-mail (expiry notices).
   * @default - the Terraform variable `acme_email`
   */
  readonly email?: string;
  /**
   * ACME directory URL (must be https).
   * @default - Let's Encrypt production (trusted certificates in every environment; rate limits apply)
   */
  readonly server?: string;
}

/**
 * A cert-manager ClusterIssuer for ACME (Let's Encrypt) that solves HTTP-01
 * challenges through the platform's ingress class. The account key lives in a
 * Secret cert-manager generates; nothing secret is in the configuration.
 *
 * It is a `kubernetes_manifest`: Terraform needs cert-manager's CRDs at plan
 * time, so create it in a stack applied after the one with `K8sPlatform`.
 *
 * @example
 * new AcmeClusterIssuer(appsStack, 'Issuer', { platform });
 */
export class AcmeClusterIssuer extends Construct {
  /** The `kubernetes_manifest`. */
  public readonly resource: Manifest;
  /** ClusterIssuer name. */
  public readonly issuerName: string;

  constructor(scope: Construct, id: string, props: AcmeClusterIssuerProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const platform = props.platform ?? new PlatformConventions();
    this.issuerName = platform.clusterIssuerName;
    const server = props.server ?? LETS_ENCRYPT_SERVERS.production;
    assertMatches(this, 'server', server, /^https:\/\/[^\s]+$/, 'an https:// ACME directory URL');
    const email = props.email ?? acmeEmailVariable(this);
    assertMatches(this, 'email', email, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address');

    this.resource = new Manifest(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      manifest: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: this.issuerName, labels: { 'app.kubernetes.io/managed-by': 'cdktf' } },
        spec: {
          acme: {
            server,
            email,
            privateKeySecretRef: { name: `${this.issuerName}-account-key` },
            solvers: [{ http01: { ingress: { ingressClassName: platform.ingressClassName } } }],
          },
        },
      },
    });
  }
}

function acmeEmailVariable(scope: Construct): string {
  return stringInput(scope, 'acme_email', 'E-mail of the ACME (Let\'s Encrypt) account: certificate expiry notices go there').stringValue;
}
