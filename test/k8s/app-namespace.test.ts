import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { errorMessage } from './support';
import { AppNamespace, SecretValue } from '../../lib';
import { ensureHelmProvider } from '../../lib/k8s/private/providers';
import { Template, environmentStack } from '../support/template';

describe('AppNamespace', () => {
  test('enforces Pod Security restricted, denies all traffic by default and adds the GHCR pull secret', () => {
    const stack = environmentStack();
    const ns = new AppNamespace(stack, 'Ns');
    const t = Template.of(stack);
    expect(ns.name).toBe('livestreamsell-staging');
    expect(t.only('kubernetes_namespace_v1').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'environment': 'staging',
    });
    expect(t.only('kubernetes_network_policy_v1')).toMatchObject({ metadata: { name: 'default-deny-all' }, spec: { pod_selector: {}, policy_types: ['Ingress', 'Egress'] } });
    const pull = t.only('kubernetes_secret_v1');
    expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
    expect(pull.data['.dockerconfigjson']).toBe(
      '${jsonencode({"auths" = {"ghcr.io" = {"username" = var.ghcr_username, "password" = var.ghcr_token, "auth" = base64encode(join(":", [var.ghcr_username, var.ghcr_token]))}}})}',
    );
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true, type: 'string' });
    expect(t.json.variable.ghcr_username.sensitive).toBeUndefined();
  });

  test('takes custom registry credentials and can skip the pull secret', () => {
    const stack = environmentStack();
    new AppNamespace(stack, 'Private', { name: 'shop', registry: { server: 'registry.example.com', username: 'bot', token: SecretValue.fromVariable(stack, 'reg_token') } });
    new AppNamespace(stack, 'Public', { name: 'public', imagePullSecret: false });
    const t = Template.of(stack);
    expect(t.count('kubernetes_secret_v1')).toBe(1);
    expect(t.only('kubernetes_secret_v1').data['.dockerconfigjson']).toContain('"registry.example.com" = {"username" = "bot", "password" = var.reg_token');
  });

  test.each(['default', 'kube-system', 'kube-anything'])('refuses the namespace %s', (name) => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { name }))).toBe(`[test/Ns] invalid "name": got "${name}"; expected a dedicated namespace: never "default" or a "kube-*" system namespace`);
  });

  test('refuses a namespace that is not a DNS label', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { name: 'Live_Stream' }))).toBe(
      '[test/Ns] invalid "name": got "Live_Stream"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit',
    );
  });

  test('refuses the privileged Pod Security level', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { podSecurityLevel: 'privileged' }))).toBe(
      '[test/Ns] invalid "podSecurityLevel": got "privileged"; expected one of "restricted", "baseline"',
    );
  });

  test('keeps a kubernetes provider the stack declared first', () => {
    const stack = environmentStack();
    new KubernetesProvider(stack, 'kubernetes', { configPath: '/etc/kubeconfig', configContext: 'eks' });
    new AppNamespace(stack, 'Ns');
    const t = Template.of(stack);
    expect(t.json.provider.kubernetes).toEqual([{ config_path: '/etc/kubeconfig', config_context: 'eks' }]);
    expect(t.json.variable.kube_context).toBeUndefined();
  });

  test('configures the helm provider (v3 shape) from the same variables', () => {
    const stack = environmentStack();
    const helm = ensureHelmProvider(stack);
    expect(helm).toBeInstanceOf(HelmProvider);
    expect(ensureHelmProvider(stack)).toBe(helm);
    const t = Template.of(stack);
    expect(t.json.provider.helm).toEqual([{ kubernetes: { config_path: '${var.kubeconfig_path}', config_context: '${var.kube_context}' } }]);
  });
});
