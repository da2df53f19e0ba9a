import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { PodSecurityLevel } from './k8s-options';
import { CLUSTER, claimName, inNamespace } from './private/claims';
import { assertNoSecretByValue } from './private/literal-secrets';
import { assertNamespaceName, LABEL_VALUE_PATTERN, QUALIFIED_KEY_PATTERN } from './private/names';
import { ensureKubernetesProvider } from './private/providers';
import { ValidationError } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { HOSTNAME_PATTERN } from '../core/private/validation';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

const APP_NAMESPACE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.AppNamespace');

/** Credentials of a private image registry. */
export interface RegistryCredentials {
  /**
   * Registry host.
   * @default "ghcr.io"
   */
  readonly server?: string;
  /** User name (for GHCR, the GitHub user or organization the token belongs to); may be a Terraform variable. */
  readonly username: string;
  /** Read-only registry token (for GHCR, a token with `read:packages`). */
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
   * Pod Security Standards level enforced by the API server.
   * @default PodSecurityLevel.RESTRICTED
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly podSecurityLevel?: PodSecurityLevel;
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
   * Extra labels on the namespace (not the ones the namespace sets itself:
   * `app.kubernetes.io/part-of`, `app.kubernetes.io/managed-by`, `environment`
   * and `pod-security.kubernetes.io/*`).
   * @default - none (environment tags are not copied: they may not be valid label values)
   */
  readonly labels?: { [key: string]: string };
  /**
   * The environment whose names apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** Labels the namespace sets itself. */
const OWN_LABELS = ['app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', 'environment'];

/**
 * A workload namespace: Pod Security Admission set to `restricted` (enforce,
 * audit and warn), a namespace-wide default-deny NetworkPolicy (ingress and
 * egress, so any pod not covered by its app's policy is isolated), and the
 * registry pull secret, whose `.dockerconfigjson` is built in Terraform from a
 * sensitive token variable and never appears as a literal.
 *
 * Two namespaces with one name in a stack fail at synth.
 *
 * @example
 * import { App } from 'cdktf';
 * import { AppNamespace, Environment, EnvironmentStack, K8sReadyApp } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * const namespace = new AppNamespace(stack, 'Namespace', { name: 'shop' });
 * new K8sReadyApp(stack, 'Api', {
 *   namespace,
 *   name: 'api',
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.0.0' },
 *   port: 8000,
 *   ingress: { hosts: ['api.example.com'] },
 * });
 * app.synth();
 */
export class AppNamespace extends Construct {
  /** True when `x` is an AppNamespace (works across copies of the library). */
  public static isAppNamespace(x: any): x is AppNamespace {
    return x !== null && typeof x === 'object' && APP_NAMESPACE_SYMBOL in x;
  }

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
    Object.defineProperty(this, APP_NAMESPACE_SYMBOL, { value: true });
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const name = input.string('name') ?? env.resourceName();
    assertNamespaceName(this, 'name', name);
    const level = checkEnumLike<PodSecurityLevel>(this, 'podSecurityLevel', input.raw('podSecurityLevel'), 'PodSecurityLevel', 'PodSecurityLevel.RESTRICTED or PodSecurityLevel.BASELINE')
      ?? PodSecurityLevel.RESTRICTED;
    const labels = input.stringMap('labels', {
      key: { pattern: QUALIFIED_KEY_PATTERN, allowed: 'a label key such as "team" or "example.com/owner"' },
      value: { pattern: LABEL_VALUE_PATTERN, allowed: 'a label value: up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit' },
    }) ?? {};
    for (const [key, value] of Object.entries(labels)) {
      if (OWN_LABELS.includes(key) || key.startsWith('pod-security.kubernetes.io/')) {
        throw new ValidationError(this, `labels.${key}`, value, 'a label the namespace does not set itself (set "podSecurityLevel" for Pod Security, the environment for the others)');
      }
      assertNoSecretByValue(this, `labels.${key}`, value);
    }
    const pullSecret = input.boolean('imagePullSecret') ?? true;
    const registryInput = input.object('registry');
    const registry = registryInput ? {
      server: registryInput.string('server', { pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "ghcr.io"' }) ?? 'ghcr.io',
      username: registryInput.requiredString('username', { nonEmpty: true, allowed: 'the registry user name (a string or a Terraform variable)' }),
      token: registryInput.secret('token'),
    } : undefined;
    registryInput?.done();
    if (registry) assertNoSecretByValue(this, 'registry.username', registry.username);
    if (registry && registry.token === undefined) {
      throw new ValidationError(this, 'registry.token', undefined, 'a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object');
    }
    if (registry && !pullSecret) {
      throw new ValidationError(this, 'registry', '<registry>', 'no registry with "imagePullSecret: false": the credentials would not be used');
    }
    input.done();
    claimName(this, 'name', CLUSTER, 'Namespace', name);
    const provider = ensureKubernetesProvider(this);

    this.resource = new NamespaceV1(this, 'Resource', {
      provider,
      metadata: {
        name,
        labels: {
          ...labels,
          'app.kubernetes.io/part-of': env.project,
          'app.kubernetes.io/managed-by': 'cdktf',
          'environment': env.name,
          'pod-security.kubernetes.io/enforce': level.value,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          // Audit and warn always at restricted, so a baseline namespace still reports drift.
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    this.name = name;
    this.namespaceRef = this.resource.metadata.name;

    claimName(this, 'name', inNamespace(name), 'NetworkPolicy', 'default-deny-all');
    new NetworkPolicyV1(this, 'DefaultDeny', {
      provider,
      metadata: { name: 'default-deny-all', namespace: this.namespaceRef },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });

    if (pullSecret) {
      const credentials = registry ?? defaultRegistry(this);
      const token = credentials.token!.value;
      this.imagePullSecretName = 'registry-pull';
      claimName(this, 'imagePullSecret', inNamespace(name), 'Secret', this.imagePullSecretName);
      this.pullSecret = new SecretV1(this, 'PullSecret', {
        provider,
        metadata: { name: this.imagePullSecretName, namespace: this.namespaceRef },
        type: 'kubernetes.io/dockerconfigjson',
        data: {
          '.dockerconfigjson': Fn.jsonencode({
            auths: { [credentials.server]: { username: credentials.username, password: token, auth: Fn.base64encode(Fn.join(':', [credentials.username, token])) } },
          }),
        },
      });
    }
  }
}

/** GHCR credentials from stack variables, shared by every namespace of the stack. */
function defaultRegistry(scope: Construct): { server: string; username: string; token: SecretValue } {
  const username = stringInput(scope, 'ghcr_username', 'GitHub user or organization that owns the GHCR read token');
  return {
    server: 'ghcr.io',
    username: username.stringValue,
    token: SecretValue.fromVariable(scope, 'ghcr_token', 'GHCR token with read:packages, used by the image pull secret (sensitive)'),
  };
}
