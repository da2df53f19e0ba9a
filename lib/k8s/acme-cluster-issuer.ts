import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { IK8sPlatform } from './k8s-platform-attributes';
import { CLUSTER, claimName } from './private/claims';
import { defaultPlatform, isK8sPlatform, PLATFORM_ALLOWED } from './private/platform-defaults';
import { ensureKubernetesProvider } from './private/providers';
import { ValidationError } from '../core/errors';
import { brandEnumLike, checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { stringInput } from '../core/private/variables';

/**
 * An ACME directory a ClusterIssuer registers with.
 *
 * @example
 * import { App } from 'cdktf';
 * import { AcmeClusterIssuer, AcmeServer, Environment, EnvironmentStack } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * new AcmeClusterIssuer(stack, 'Issuer', { server: AcmeServer.LETS_ENCRYPT_STAGING, email: 'ops@example.com' });
 * app.synth();
 */
export class AcmeServer {
  /** Let's Encrypt production: trusted certificates, rate limits apply (the default). */
  public static readonly LETS_ENCRYPT_PRODUCTION = new AcmeServer('https://acme-v02.api.letsencrypt.org/directory');
  /** Let's Encrypt staging: untrusted certificates, generous limits (for tests). */
  public static readonly LETS_ENCRYPT_STAGING = new AcmeServer('https://acme-staging-v02.api.letsencrypt.org/directory');

  /** Another ACME directory by URL (it must be https). */
  public static of(url: string): AcmeServer {
    return new AcmeServer(url);
  }

  private constructor(
    /** The directory URL. */
    public readonly url: string,
  ) {
    brandEnumLike(this, 'AcmeServer');
  }
}

/** Props of `AcmeClusterIssuer`. */
export interface AcmeClusterIssuerProps {
  /**
   * Platform whose issuer name and IngressClass apply.
   * @default - the defaults of `K8sPlatform`
   */
  readonly platform?: IK8sPlatform;
  /**
   * ACME account e-mail (expiry notices); may be a Terraform variable.
   * @default - the Terraform variable `acme_email`
   */
  readonly email?: string;
  /**
   * ACME directory.
   * @default AcmeServer.LETS_ENCRYPT_PRODUCTION
   */
  readonly server?: AcmeServer;
}

/**
 * A cert-manager ClusterIssuer for ACME (Let's Encrypt by default) that solves
 * HTTP-01 challenges through the platform's ingress class. The account key lives
 * in a Secret cert-manager generates; nothing secret is in the configuration.
 *
 * It is a `kubernetes_manifest`: Terraform needs cert-manager's CRDs at plan
 * time, so create it in a stack applied after the one with `K8sPlatform`.
 * Two issuers with one name in a stack fail at synth.
 *
 * @example
 * import { App } from 'cdktf';
 * import { AcmeClusterIssuer, Environment, EnvironmentStack, K8sPlatform } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * const platform = K8sPlatform.fromPlatformAttributes(stack, 'Platform', { clusterIssuerName: 'letsencrypt' });
 * new AcmeClusterIssuer(stack, 'Issuer', { platform });
 * app.synth();
 */
export class AcmeClusterIssuer extends Construct {
  /** The `kubernetes_manifest`. */
  public readonly resource: Manifest;
  /** ClusterIssuer name. */
  public readonly issuerName: string;

  constructor(scope: Construct, id: string, props: AcmeClusterIssuerProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const platform = input.instance('platform', isK8sPlatform, PLATFORM_ALLOWED) ?? defaultPlatform();
    const email = input.string('email', { pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, allowed: 'an e-mail address' }) ?? acmeEmailVariable(this);
    const server = checkEnumLike<AcmeServer>(this, 'server', input.raw('server'), 'AcmeServer', 'AcmeServer.LETS_ENCRYPT_PRODUCTION, AcmeServer.LETS_ENCRYPT_STAGING or AcmeServer.of("https://...")')
      ?? AcmeServer.LETS_ENCRYPT_PRODUCTION;
    if (typeof server.url !== 'string' || !/^https:\/\/[^\s]+$/.test(server.url)) {
      throw new ValidationError(this, 'server', server.url, 'an https:// ACME directory URL');
    }
    input.done();
    this.issuerName = platform.clusterIssuerName;
    claimName(this, 'platform.clusterIssuerName', CLUSTER, 'ClusterIssuer', this.issuerName);

    this.resource = new Manifest(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      manifest: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: this.issuerName, labels: { 'app.kubernetes.io/managed-by': 'cdktf' } },
        spec: {
          acme: {
            server: server.url,
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
