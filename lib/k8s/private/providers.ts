import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { IConstruct } from 'constructs';
import { ensureProvider } from '../../core/private/providers';
import { stackVariable, stringInput } from '../../core/private/variables';

/**
 * The Kubernetes and Helm providers of a stack, both pointed at an existing
 * cluster through a kubeconfig file and context given as Terraform variables, so
 * no cluster address or credential is ever written into the configuration.
 *
 * A stack that declares its own provider under the id "kubernetes" or "helm"
 * first (for example with `exec` authentication for EKS) keeps it.
 */

/** Terraform variable with the kubeconfig path. */
export const KUBECONFIG_PATH_VARIABLE = 'kubeconfig_path';
/** Terraform variable with the kubeconfig context. */
export const KUBE_CONTEXT_VARIABLE = 'kube_context';

function connection(scope: IConstruct): { configPath: string; configContext: string } {
  const path = stackVariable(scope, KUBECONFIG_PATH_VARIABLE, {
    type: 'string',
    default: '~/.kube/config',
    nullable: false,
    description: 'Path of the kubeconfig file of the target cluster',
  });
  const context = stringInput(scope, KUBE_CONTEXT_VARIABLE, 'kubeconfig context of the target cluster (required: never silently the current context)');
  return { configPath: path.stringValue, configContext: context.stringValue };
}

/** The stack's default `kubernetes` provider, created on first use. */
export function ensureKubernetesProvider(scope: IConstruct): KubernetesProvider {
  return ensureProvider(scope, 'kubernetes', (stack, id) => new KubernetesProvider(stack, id, connection(scope)));
}

/** The stack's default `helm` provider (v3 schema: `kubernetes` is an attribute object), created on first use. */
export function ensureHelmProvider(scope: IConstruct): HelmProvider {
  return ensureProvider(scope, 'helm', (stack, id) => new HelmProvider(stack, id, { kubernetes: connection(scope) }));
}
