import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { assertNamespaceName } from './private/names';
import { ensureKubernetesProvider } from './private/providers';
import { markLibraryConstruct } from '../core/private/escape';
import { assertHostname, assertOneOf } from '../core/private/validation';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Pod Security Standards levels a workload namespace may enforce. */
export const POD_SECURITY_LEVELS = ['restricted', 'baseline'] as const;

/** Credentials of the private image registry (GHCR in the PRD). */
export interface RegistryCredentials {
  /**
   * Registry host.
   * @default "ghcr.io"
   */
  readonly server?: string;
  /** User name (for GHCR, the GitHub user or organization the token belongs to). */
  readonly username: string;
  /** Read-only registry token (a GHCR token with `read:packages`). */
  readonly token: SecretValue;
}

/** Props of `AppNamespace`. */
export interface AppNamespaceProps {
  /**
   * Namespace name: a DNS label, never "default" or "kube-*".
   * @default - "<project>-<environment>"
   */
  readonly name?: string;
  /**
   * Pod Security Standards level enforced by the API server: "restricted" or "baseline".
   * @default "restricted"
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly podSecurityLevel?: string;
  /**
   * Image pull credentials stored as a `kubernetes.io/dockerconfigjson` Secret.
   * @default - GHCR with the `ghcr_username` variable and the sensitive `ghcr_token` variable
   */
  readonly registry?: RegistryCredentials;
  /**
   * Create the image pull secret (turn off only for public images).
   * @default true
   */
  readonly imagePullSecret?: boolean;
  /**
   * Extra labels on the namespace.
   * @default - none (environment tags are not copied: they may not be valid label values)
   */
  readonly labels?: { [key: string]: string };
  /**
   * The environment whose names apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * A workload namespace: Pod Security Admission set to `restricted` (enforce,
 * audit and warn), a namespace-wide default-deny NetworkPolicy (ingress and
 * egress, so any pod not covered by its app's policy is isolated), and the
 * registry pull secret, whose `.dockerconfigjson` is built in Terraform from a
 * sensitive token variable and never appears as a literal.
 *
 * @example
 * const ns = new AppNamespace(stack, 'Namespace', { name: 'livestreamsell' });
 * new K8sReadyApp(stack, 'Api', { namespace: ns, name: 'api', image: 'ghcr.io/org/api:1.0.0', port: 8000 });
 */
export class AppNamespace extends Construct {
  /** The `kubernetes_namespace_v1`. */
  public readonly resource: NamespaceV1;
  /** Namespace name, as a literal (for label values and PromQL selectors). */
  public readonly name: string;
  /**
   * Namespace name read from the resource: objects created in the namespace use
   * it, so Terraform creates them after the namespace and deletes them before.
   */
  public readonly namespaceRef: string;
  /** Name of the image pull secret, or undefined when none is created. */
  public readonly imagePullSecretName?: string;
  /** The pull secret. */
  public readonly pullSecret?: SecretV1;

  constructor(scope: Construct, id: string, props: AppNamespaceProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const name = props.name ?? env.resourceName();
    assertNamespaceName(this, 'name', name);
    const level = props.podSecurityLevel ?? 'restricted';
    assertOneOf(this, 'podSecurityLevel', level, POD_SECURITY_LEVELS);
    const provider = ensureKubernetesProvider(this);

    this.resource = new NamespaceV1(this, 'Resource', {
      provider,
      metadata: {
        name,
        labels: {
          ...props.labels,
          'app.kubernetes.io/part-of': env.project,
          'app.kubernetes.io/managed-by': 'cdktf',
          'environment': env.name,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          // Audit and warn always at restricted, so a baseline namespace still reports drift.
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    this.name = name;
    this.namespaceRef = this.resource.metadata.name;

    new NetworkPolicyV1(this, 'DefaultDeny', {
      provider,
      metadata: { name: 'default-deny-all', namespace: this.namespaceRef },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });

    if (props.imagePullSecret ?? true) {
      const registry = props.registry ?? defaultRegistry(this);
      const server = registry.server ?? 'ghcr.io';
      assertHostname(this, 'registry.server', server);
      const token = registry.token.value;
      this.imagePullSecretName = 'registry-pull';
      this.pullSecret = new SecretV1(this, 'PullSecret', {
        provider,
        metadata: { name: this.imagePullSecretName, namespace: this.namespaceRef },
        type: 'kubernetes.io/dockerconfigjson',
        data: {
          '.dockerconfigjson': Fn.jsonencode({
            auths: { [server]: { username: registry.username, password: token, auth: Fn.base64encode(Fn.join(':', [registry.username, token])) } },
          }),
        },
      });
    }
  }
}

/** GHCR credentials from stack variables, shared by every namespace of the stack. */
function defaultRegistry(scope: Construct): RegistryCredentials {
  const username = stringInput(scope, 'ghcr_username', 'GitHub user or organization that owns the GHCR read token');
  return {
    server: 'ghcr.io',
    username: username.stringValue,
    token: SecretValue.fromVariable(scope, 'ghcr_token', 'GHCR token with read:packages, used by the image pull secret (sensitive)'),
  };
}
